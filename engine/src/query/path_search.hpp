// Private to query/: the bidirectional breadth-first search behind PathFinder, and its scratch
// space, kept between queries.
#pragma once

#include <cstdint>
#include <vector>

#include "ergraph/query.hpp"
#include "filter.hpp"

namespace ergraph {

struct PathFinder::Impl {
  const GraphSnapshot& graph;
  // Per-vertex scratch, reset through `touched` after every search.
  // What a search knows of a vertex, in one 16-byte record so a discovery writes one cache line.
  struct VertexState {
    std::int32_t dist_f = -1, dist_b = -1;  // hops from the source / to the target
    std::uint32_t parent_f = kUnset;        // previous vertex on the forward side
    std::uint32_t order_f = kUnset;         // forward discovery rank
  };
  std::vector<VertexState> state;
  // Which searches reached a vertex (1 forward, 2 backward): the one byte per vertex the inner
  // loop reads for every edge it scans, so it stays in cache on large graphs.
  std::vector<std::uint8_t> side;
  // The vertices the last search reached, in the order it reached them: room for every vertex,
  // the first `visited` used. A level's new vertices are appended together, so each side's
  // frontier is the block its last level appended (a vertex the other side had reached is not
  // appended, but reaching one ends the search).
  std::vector<std::uint32_t> touched;
  // The backward search's levels as [begin, end) blocks of `touched`, t's first (the last level,
  // the one that met the forward side, is not needed to read a path back).
  std::vector<std::pair<std::size_t, std::size_t>> levels_b;
  std::size_t visited = 0;

  // The result of one bidirectional search, before the path is read off.
  struct Meeting {
    int distance = -1;                 // -1: no path
    int level = 0;                     // forward distance of the meeting vertices
    std::vector<std::uint32_t> meets;  // in forward discovery order
  };

  explicit Impl(const GraphSnapshot& g);

  // Level-synchronous bidirectional BFS from s to t within `max_hops` (-1: any), always growing
  // the smaller frontier by one full level. Leaves `state` describing both sides until the next
  // search.
  Meeting search(std::uint32_t s, std::uint32_t t, const CompiledFilter& filter, int max_hops);

  // The path through meeting vertex `meet` of the last search: the forward parents back to the
  // source, then down the backward distances to t, always taking the smallest next vertex.
  Path read_path(std::uint32_t meet, std::uint32_t t, const CompiledFilter& filter) const;

  // The first allowed edge from `u` to `w` in neighbour order (out-edges first).
  Hop hop_between(const CompiledFilter& filter, std::uint32_t u, std::uint32_t w) const;

 private:
  void reset();
  // Edges out of the frontier [begin, end) either way: what growing it by a level scans.
  std::size_t frontier_cost(const std::uint32_t* begin, const std::uint32_t* end) const;
};

}  // namespace ergraph
