#include "path_search.hpp"

#include <algorithm>
#include <span>

#include "ergraph/error.hpp"
#include "ergraph/memory.hpp"

namespace ergraph {
namespace {

constexpr std::uint8_t kForward = 1;
constexpr std::uint8_t kBackward = 2;
// GCC and Clang otherwise keep the search's per-edge lambdas as calls.
#define ERGRAPH_ALWAYS_INLINE __attribute__((always_inline))

// Calls visit(u, w) for each allowed neighbour w of each vertex u in [begin, end), in order. The
// search's inner loop: without filters both ways, the merged rows read directly.
template <typename Visit>
ERGRAPH_ALWAYS_INLINE inline void scan_level(const Adjacency& g, const CompiledFilter& filter,
                                             bool out, bool in, const std::uint32_t* begin,
                                             const std::uint32_t* end, Visit&& visit) {
  if (filter.unrestricted() && out && in) {
    const std::uint32_t* const starts = g.arrays().both_start.data();
    const std::uint32_t* const vertices = g.arrays().both_vertex.data();
    for (const std::uint32_t* p = begin; p != end; ++p) {
      const std::uint32_t u = *p;
      for (std::uint32_t k = starts[u], k_end = starts[u + 1]; k != k_end; ++k) {
        visit(u, vertices[k]);
      }
    }
    return;
  }
  for (const std::uint32_t* p = begin; p != end; ++p) {
    const std::uint32_t u = *p;
    for_each_neighbor(g, filter, u, out, in,
                      [&](std::uint32_t w, std::uint32_t, bool)
                          ERGRAPH_ALWAYS_INLINE { visit(u, w); });
  }
}

}  // namespace

PathFinder::Impl::Impl(const GraphSnapshot& g) : graph(g) {
  const std::size_t n = g.vertex_count();
  resize_on_huge_pages(side, n);
  resize_on_huge_pages(position, n);
  resize_on_huge_pages(touched, n);
  resize_on_huge_pages(parent_at, n);
}

void PathFinder::Impl::reset() {
  for (std::size_t i = 0; i < visited; ++i) side[touched[i]] = 0;
  visited = 0;
  blocks.clear();
  levels_b.clear();
  meet_parents.clear();
  last_f = last_b = 0;
}

std::int32_t PathFinder::Impl::dist_f(std::uint32_t v) const {
  if ((side[v] & kForward) == 0) return -1;
  const Block& b = *std::prev(
      std::upper_bound(blocks.begin(), blocks.end(), position[v],
                       [](std::size_t pos, const Block& block) { return pos < block.begin; }));
  return b.forward ? b.level : last_f;  // else reached backward first: a meeting vertex
}

std::int32_t PathFinder::Impl::dist_b(std::uint32_t v) const {
  if ((side[v] & kBackward) == 0) return -1;
  const Block& b = *std::prev(
      std::upper_bound(blocks.begin(), blocks.end(), position[v],
                       [](std::size_t pos, const Block& block) { return pos < block.begin; }));
  return b.forward ? last_b : b.level;  // reached forward first: a meeting vertex
}

std::uint32_t PathFinder::Impl::parent_f(std::uint32_t v) const {
  for (const auto& [meet, parent] : meet_parents) {
    if (meet == v) return parent;
  }
  return parent_at[position[v]];
}

std::size_t PathFinder::Impl::frontier_cost(const std::uint32_t* begin,
                                            const std::uint32_t* end) const {
  const std::uint32_t* const starts = graph.adjacency().arrays().both_start.data();
  std::size_t cost = 0;
  for (const std::uint32_t* p = begin; p != end; ++p) cost += starts[*p + 1] - starts[*p];
  return cost;
}

PathFinder::Impl::Meeting PathFinder::Impl::search(std::uint32_t s, std::uint32_t t,
                                                   const CompiledFilter& filter, int max_hops) {
  reset();
  Meeting m;
  const Adjacency& g = graph.adjacency();
  const bool directed = filter.directed;
  // The loops work on local pointers and counts, not on the members: a store to `side` (a byte)
  // may alias anything, and after each one the compiler loaded again every member it used.
  std::uint8_t* const sides = side.data();
  std::uint32_t* const positions = position.data();
  std::uint32_t* const reached_order = touched.data();
  std::uint32_t* const parents = parent_at.data();
  std::uint32_t count = 0;
  sides[s] |= kForward;
  positions[s] = count;
  parents[count] = kUnset;
  reached_order[count++] = s;
  visited = count;
  blocks.push_back({0, 0, true});
  if (s == t) {
    sides[s] |= kBackward;  // met where it starts: 0 hops either way
    m.distance = 0;
    m.meets = {s};
    return m;
  }
  sides[t] |= kBackward;
  positions[t] = count;
  reached_order[count++] = t;
  visited = count;
  blocks.push_back({1, 0, false});
  levels_b.emplace_back(1, 2);
  std::size_t front_f = 0, front_f_end = 1, front_b = 1, front_b_end = 2;
  constexpr std::size_t kUnknown = static_cast<std::size_t>(-1);
  std::size_t cost_f = kUnknown, cost_b = kUnknown;
  int level_f = 0, level_b = 0;
  // Every vertex marked in `side` must be in the first `visited` of `touched`, for the next
  // reset to clear it, also when a level ends in an exception (out of memory): the loop keeps
  // its count in a register and says it here.
  try {
    while (front_f != front_f_end && front_b != front_b_end) {
      if (max_hops >= 0 && level_f + level_b + 1 > max_hops) break;
      const std::uint32_t level_begin = count;
      // Grow the side whose next level costs less to scan (edges out of its frontier), so a
      // search between two leaves of a hub never scans the hub's other edges.
      // Each side's cost is summed once per frontier: only the side that grew last changed.
      if (cost_f == kUnknown)
        cost_f = frontier_cost(reached_order + front_f, reached_order + front_f_end);
      if (cost_b == kUnknown)
        cost_b = frontier_cost(reached_order + front_b, reached_order + front_b_end);
      const bool forward = cost_f <= cost_b;
      if (forward) {
        scan_level(g, filter, true, !directed, reached_order + front_f, reached_order + front_f_end,
                   [&](std::uint32_t u, std::uint32_t w) ERGRAPH_ALWAYS_INLINE {
                     const std::uint8_t reached = sides[w];
                     if (reached & kForward) return;
                     sides[w] = reached | kForward;
                     if (reached == 0) {
                       positions[w] = count;
                       parents[count] = u;
                       reached_order[count++] = w;
                     } else {  // the backward side was here: met, in forward discovery order
                       m.meets.push_back(w);
                       meet_parents.emplace_back(w, u);
                     }
                   });
        ++level_f;
        front_f = level_begin;
        front_f_end = count;
        cost_f = kUnknown;
        blocks.push_back({level_begin, level_f, true});
      } else {
        scan_level(g, filter, directed ? false : true, true, reached_order + front_b,
                   reached_order + front_b_end,
                   [&](std::uint32_t, std::uint32_t w) ERGRAPH_ALWAYS_INLINE {
                     const std::uint8_t reached = sides[w];
                     if (reached & kBackward) return;
                     sides[w] = reached | kBackward;
                     if (reached == 0) {
                       positions[w] = count;
                       reached_order[count++] = w;
                     } else {
                       m.meets.push_back(w);  // the forward side was here
                     }
                   });
        ++level_b;
        front_b = level_begin;
        front_b_end = count;
        cost_b = kUnknown;
        blocks.push_back({level_begin, level_b, false});
        levels_b.emplace_back(front_b, front_b_end);
      }
      visited = count;
      last_f = level_f;
      last_b = level_b;
      if (!m.meets.empty()) {
        // Reached backward, the meeting vertices are in the forward search's order of reaching
        // them: where it appended them.
        if (!forward) {
          std::sort(m.meets.begin(), m.meets.end(),
                    [&](std::uint32_t a, std::uint32_t b) { return positions[a] < positions[b]; });
        }
        m.level = dist_f(m.meets.front());
        m.distance = level_f + level_b;
        break;
      }
    }
  } catch (...) {
    visited = count;
    throw;
  }
  return m;
}

Hop PathFinder::Impl::hop_between(const CompiledFilter& filter, std::uint32_t u,
                                  std::uint32_t w) const {
  const Adjacency& g = graph.adjacency();
  if (filter.unrestricted() && !filter.directed) {
    // The merged row the search has just read, not the out- and in-rows: its first entry for w
    // is the first out-edge to w, else the first in-edge, as first_edge_between finds them.
    const std::span<const std::uint32_t> vertices = g.both_vertices(u);
    const auto at = std::lower_bound(vertices.begin(), vertices.end(), w);
    if (at == vertices.end() || *at != w) return Hop{EdgeId(kUnset), true};
    const std::uint32_t e = g.both_edges(u)[static_cast<std::size_t>(at - vertices.begin())];
    return Hop{EdgeId(e & ~Adjacency::kIncoming), (e & Adjacency::kIncoming) == 0};
  }
  return first_edge_between(g, filter, u, w, !filter.directed).value_or(Hop{EdgeId(kUnset), true});
}

Path PathFinder::Impl::read_path(std::uint32_t meet, std::uint32_t t,
                                 const CompiledFilter& filter) const {
  const Adjacency& g = graph.adjacency();
  Path path;
  for (std::uint32_t v = meet; v != kUnset; v = parent_f(v)) path.nodes.push_back(VertexId(v));
  std::reverse(path.nodes.begin(), path.nodes.end());
  for (std::uint32_t v = meet; v != t;) {
    std::uint32_t next = kUnset;
    const std::int32_t here = dist_b(v);
    const auto [closer_begin, closer_end] = levels_b[static_cast<std::size_t>(here - 1)];
    const std::span<const std::uint32_t> closer(touched.data() + closer_begin,
                                                touched.data() + closer_end);
    const std::size_t degree = g.out_degree(v) + g.in_degree(v);
    if (closer.size() * 16 < degree) {
      // A hub: test the few vertices one level closer to t for an edge from v rather than
      // scanning v's edges.
      for (std::uint32_t w : closer) {
        if (w < next && first_edge_between(g, filter, v, w, !filter.directed)) next = w;
      }
    } else {
      for_each_neighbor(g, filter, v, true, !filter.directed,
                        [&](std::uint32_t w, std::uint32_t, bool) {
                          if (next == kUnset && dist_b(w) == here - 1) next = w;
                        });
    }
    if (next == kUnset) throw Error(ErrorCode::kInternal, "path search lost its way back");
    path.nodes.push_back(VertexId(next));
    v = next;
  }
  for (std::size_t i = 0; i + 1 < path.nodes.size(); ++i) {
    path.hops.push_back(hop_between(filter, index_of(path.nodes[i]), index_of(path.nodes[i + 1])));
  }
  return path;
}

}  // namespace ergraph
