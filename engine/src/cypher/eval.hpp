// Private to cypher/: evaluating expressions on a row — operators with openCypher's null rules,
// properties, functions, and the evidence functions citations() and sources().
#pragma once

#include <vector>

#include "ast.hpp"
#include "context.hpp"

namespace ergraph::cypher {

// The value of `e` on `row`. `aggregates`: the finished aggregate values of the group being
// projected (indexed by Expr::aggregate); null outside a projection's final step.
Value evaluate(const Expr& e, Row& row, Context& ctx,
               const std::vector<Value>* aggregates = nullptr);

// WHERE: true only when the condition is true (null and false both drop the row).
bool holds(const Expr& e, Row& row, Context& ctx);

}  // namespace ergraph::cypher
