// Private to cypher/: the vertices the trails from a vertex reach, found by one breadth-first
// search instead of walking every trail — for a variable-length relationship whose rows only
// count once each (DISTINCT), at the cost of `neighbors` rather than of every trail.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "ergraph/adjacency.hpp"

namespace ergraph::cypher {

// The edge types a relationship pattern allows, as a WalkFilter for the adjacency walks.
struct TypeFilter {
  std::vector<bool> ok;  // by edge type index; empty: all
  bool unrestricted() const { return ok.empty(); }
  bool edge_ok(std::uint32_t, const EdgeAttributes& a) const {
    return ok.empty() || (a.type < ok.size() && ok[a.type]);
  }
  bool vertex_ok(std::uint32_t) const { return true; }
  bool pair_ok(std::uint32_t, std::uint32_t) const { return true; }
};

struct TrailEnds {
  std::vector<std::uint32_t> reached;  // in the search's order; not the start
  bool back_to_start = false;          // a closed trail of at most max edges returns to it
};

// The ends of the trails of 1..max edges from u along `filter`'s types (out-edges when `out`,
// in-edges when `in`) that `edge_ok` lets through. A vertex other than u is such an end exactly
// when its distance is at most max (a shortest path is a trail). u is one when a cycle of at
// most max edges passes through it — a closed trail holds a simple cycle through its start, no
// longer — found on the way: an edge back to u, or (both ways) an edge joining two branches of
// the search, branch meaning the first edge of the path to a vertex.
TrailEnds trail_ends(const Adjacency& g, const TypeFilter& filter, std::uint32_t u, bool out,
                     bool in, std::size_t max, const std::function<bool(std::uint32_t)>& edge_ok);

}  // namespace ergraph::cypher
