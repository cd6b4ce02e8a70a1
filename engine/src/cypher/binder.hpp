// Private to cypher/: checks a parsed query against the schema and its own scopes, and
// annotates it for the executor: each variable's slot in a row, each aggregate's index, the
// bounds of each variable-length relationship.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "ast.hpp"
#include "ergraph/schema.hpp"

namespace ergraph::cypher {

struct BindOptions {
  std::size_t max_length = 10;                               // the upper bound of `*` and `*2..`
  const std::map<std::string, Value>* parameters = nullptr;  // null: not checked
};

// Checks and annotates `query` in place; query_error on the first problem (unknown label,
// relationship type or property, a variable not defined, an aggregate where none may be, ...).
void bind_query(Query& query, std::string_view text, const Schema& schema,
                const BindOptions& options);

}  // namespace ergraph::cypher
