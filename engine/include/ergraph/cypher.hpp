// ergraph/cypher.hpp — the query language: the openCypher subset analysts use, evaluated on the
// in-memory snapshot (never translated to SQL), with the evidence one function call away.
//
// A query is parsed (recursive descent), bound against the schema (labels, relationship types
// and properties must exist; variables must be defined), planned (each pattern starts from its
// most selective node) and run as a pipeline of clauses over the snapshot's compressed rows.
// Node and edge properties and citations are read from the store as the query touches them.
// README "Queries" lists what is supported and what is refused.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "ergraph/graph.hpp"
#include "ergraph/model.hpp"
#include "ergraph/query.hpp"
#include "ergraph/schema.hpp"
#include "ergraph/store.hpp"

namespace ergraph {

// A value in a query's answer. Nodes carry id, type and name; relationships are the stored
// edges with their citations; paths carry their hops with citations. Dates are strings.
struct QueryValue {
  using List = std::vector<QueryValue>;
  using Map = std::vector<std::pair<std::string, QueryValue>>;  // in the order built
  std::variant<std::monostate, bool, std::int64_t, double, std::string, List, Map, Node, Edge,
               CitedPath>
      value;
};

struct QueryOptions {
  // $name -> the value as typed: a literal (3, 2.5, true, 'text', [1, 2], {k: 'v'}) when it
  // reads as one, else the text itself as a string.
  std::map<std::string, std::string> parameters;
  std::size_t max_length = 10;       // the upper bound of an unbounded `*`
  std::size_t max_rows = 1'000'000;  // rows any clause may hold; past it the query fails
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<QueryValue>> rows;
  // Every node and relationship the rows hold (paths' ones highlighted), for a diagram.
  Selection selection;
};

// Parses and binds `text` against `schema`: Error(kInvalidInput) "query:LINE:COLUMN: ..." with
// the line and a caret under the place, on the first problem. Nothing is run.
void check_query(std::string_view text, const Schema& schema, const QueryOptions& options);

// Runs `text` on `graph`, reading properties and citations from `store` (the store the
// snapshot was loaded from). Errors as check_query, and for what fails while running (a type
// error, a limit passed).
QueryResult run_query(std::string_view text, const GraphSnapshot& graph, const Store& store,
                      const QueryOptions& options);

}  // namespace ergraph
