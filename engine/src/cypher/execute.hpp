// Private to cypher/: running a bound query. The clauses are a pipeline of stages through which
// rows are pushed one at a time (a MATCH's rows reach an aggregate without being held), and
// buffered only where the clause needs all of them: ORDER BY, DISTINCT, aggregation, RETURN.
#pragma once

#include <string>
#include <vector>

#include "ast.hpp"
#include "context.hpp"

namespace ergraph::cypher {

struct Rows {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};

// The rows `query` returns. Without ORDER BY, RETURN's rows are sorted by their columns, left
// to right, in ORDER BY's order: the same rows whatever plan found them.
Rows execute(const Query& query, Context& ctx);

}  // namespace ergraph::cypher
