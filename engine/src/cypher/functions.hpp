// Private to cypher/: the scalar functions a query may call (the binder's table lists them
// and their arities), and the type error every expression reports.
#pragma once

#include <cstdint>
#include <string>

#include "ast.hpp"
#include "context.hpp"
#include "lexer.hpp"

namespace ergraph::cypher {

// The value of function call `e` (not an aggregate) on `row`.
Value call_function(const Expr& e, Row& row, Context& ctx);

// `v` as an integer, or a type error at `e` naming `what`.
std::int64_t integer_arg(const Value& v, Context& ctx, const Expr& e, const char* what);

// A value of the wrong type where `e` is: query_error at `e`.
[[noreturn]] inline void type_error(Context& ctx, const Expr& e, const std::string& message) {
  query_error(ctx.text(), e.at, message);
}

}  // namespace ergraph::cypher
