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
  // What a search knows of the vertices it reached. The inner loop reads and writes only the
  // per-vertex arrays `side` and `position` (5 bytes a vertex, which on M stay in the core's
  // cache between searches: a 16-byte record per vertex did not, and cost a third more); the
  // rest is kept by the order of reaching, written in sequence.
  //
  // Which searches reached a vertex (1 forward, 2 backward); reset through `touched` after
  // every search, and what says whether `position` is this search's.
  std::vector<std::uint8_t> side;
  // Where a reached vertex is in `touched`.
  std::vector<std::uint32_t> position;
  // The vertices the last search reached, in the order it reached them: room for every vertex,
  // the first `visited` used. A level's new vertices are appended together, so each side's
  // frontier is the block its last level appended. A vertex the other side had reached is not
  // appended again (it is a meeting vertex, and reaching one ends the search).
  std::vector<std::uint32_t> touched;
  // By position in `touched`: the forward parent of a vertex the forward search appended
  // (kUnset for the source).
  std::vector<std::uint32_t> parent_at;
  // The blocks of `touched`, in order: where each begins, its side and its level.
  struct Block {
    std::size_t begin;
    std::int32_t level;
    bool forward;
  };
  std::vector<Block> blocks;
  // The backward search's levels as [begin, end) blocks of `touched`, t's first (the last level,
  // the one that met the forward side, is not needed to read a path back).
  std::vector<std::pair<std::size_t, std::size_t>> levels_b;
  std::size_t visited = 0;
  // Each side's last level; a meeting vertex is at the last level of the side that reached it
  // second.
  std::int32_t last_f = 0, last_b = 0;
  // The forward parents of the meeting vertices the forward search reached second.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> meet_parents;

  // Hops from the source / to the target of a vertex the last search reached on that side, else
  // -1; the forward parent of a vertex it reached forward (kUnset for the source).
  std::int32_t dist_f(std::uint32_t v) const;
  std::int32_t dist_b(std::uint32_t v) const;
  std::uint32_t parent_f(std::uint32_t v) const;

  // The result of one bidirectional search, before the path is read off.
  struct Meeting {
    int distance = -1;                 // -1: no path
    int level = 0;                     // forward distance of the meeting vertices
    std::vector<std::uint32_t> meets;  // in forward discovery order
  };

  explicit Impl(const GraphSnapshot& g);

  // Level-synchronous bidirectional BFS from s to t within `max_hops` (-1: any), always growing
  // the smaller frontier by one full level. What it found stays readable (dist_f, dist_b,
  // parent_f) until the next search.
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
