// Private to cypher/: query text to a syntax tree, by recursive descent over openCypher's
// grammar (the subset README "Queries" lists). Anything outside it is refused by name.
#pragma once

#include <string>
#include <string_view>

#include "ast.hpp"
#include "lexer.hpp"

namespace ergraph::cypher {

// The syntax tree of `text`; query_error on the first problem, saying what was expected.
Query parse_query(std::string_view text);

// A parameter's value as given on a command line: a literal (3, 2.5, true, null, 'text',
// [1, 'a'], {k: 1}) when `text` is one, else the text itself as a string.
Value parse_parameter(std::string_view text);

}  // namespace ergraph::cypher
