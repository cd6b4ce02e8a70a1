// Private to cypher/: matching a MATCH clause's patterns against the snapshot. Each pattern
// starts from its most selective node (one already bound, one named by id or name, the rarest
// label) and expands along the compressed rows; relationships are not repeated within a clause
// (openCypher's rule); shortestPath and allShortestPaths use the bidirectional search.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "ast.hpp"
#include "context.hpp"

namespace ergraph::cypher {

// Receives a match: the row, and how many matches it stands for (a last hop no later clause
// can tell apart is counted, not walked); returns false to stop.
using Emit = std::function<bool(Row&, std::uint64_t)>;

// Calls `emit(row, weight)` for every way the `patterns` (and then `where`, if any) match,
// extending `row`. Slots below `bound_slots` were set before the clause; those above are filled
// here. `emit` returns false to stop early. `ends_only`: the caller keeps only distinct rows, so
// one anonymous variable-length relationship (the clause's only one, lower bound at most 1, in no
// path) may yield each end it reaches once, by breadth-first search, instead of once per trail.
void match_patterns(const std::vector<Pattern>& patterns, const Expr* where, Row& row,
                    std::size_t bound_slots, Context& ctx, const Emit& emit,
                    bool ends_only = false);

// Whether `pattern` (an expression's pattern predicate) matches with the row's bindings.
bool pattern_exists(const Pattern& pattern, Row& row, Context& ctx);

}  // namespace ergraph::cypher
