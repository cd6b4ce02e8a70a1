#include "path_search.hpp"

#include <algorithm>

#include "ergraph/error.hpp"
#include "ergraph/memory.hpp"

namespace ergraph {
namespace {

constexpr std::uint8_t kForward = 1;
constexpr std::uint8_t kBackward = 2;
// GCC and Clang otherwise keep the search's per-edge lambdas as calls.
#define ERGRAPH_ALWAYS_INLINE __attribute__((always_inline))

}  // namespace

PathFinder::Impl::Impl(const GraphSnapshot& g) : graph(g) {
  const std::size_t n = g.vertex_count();
  resize_on_huge_pages(state, n);
  resize_on_huge_pages(side, n);
}

void PathFinder::Impl::reset() {
  for (std::uint32_t v : touched) {
    state[v] = VertexState{};
    side[v] = 0;
  }
  touched.clear();
  levels_b.clear();
}

std::size_t PathFinder::Impl::frontier_cost(const std::vector<std::uint32_t>& frontier) const {
  const Adjacency& g = graph.adjacency();
  std::size_t cost = 0;
  for (std::uint32_t v : frontier) cost += g.out_degree(v) + g.in_degree(v);
  return cost;
}

PathFinder::Impl::Meeting PathFinder::Impl::search(std::uint32_t s, std::uint32_t t,
                                                   const CompiledFilter& filter, int max_hops) {
  reset();
  Meeting m;
  const Adjacency& g = graph.adjacency();
  const bool directed = filter.directed;
  state[s].dist_f = 0;
  state[s].order_f = 0;
  state[t].dist_b = 0;
  side[s] |= kForward;
  side[t] |= kBackward;
  levels_b.push_back({t});
  touched.push_back(s);
  if (t != s) touched.push_back(t);
  if (s == t) {
    m.distance = 0;
    m.meets = {s};
    return m;
  }
  std::uint32_t rank = 1;
  std::vector<std::uint32_t> front_f{s}, front_b{t}, next;
  int level_f = 0, level_b = 0;
  while (!front_f.empty() && !front_b.empty()) {
    if (max_hops >= 0 && level_f + level_b + 1 > max_hops) break;
    next.clear();
    // Grow the side whose next level costs less to scan (edges out of its frontier), so a
    // search between two leaves of a hub never scans the hub's other edges.
    if (frontier_cost(front_f) <= frontier_cost(front_b)) {
      for (std::uint32_t u : front_f) {
        for_each_neighbor(g, filter, u, true, !directed,
                          // Inlined: the search's inner loop, once per scanned edge.
                          [&](std::uint32_t w, std::uint32_t, bool) ERGRAPH_ALWAYS_INLINE {
                            const std::uint8_t reached = side[w];
                            if (reached & kForward) return;
                            if (reached == 0) touched.push_back(w);
                            side[w] = reached | kForward;
                            state[w].dist_f = level_f + 1;
                            state[w].parent_f = u;
                            state[w].order_f = rank++;
                            next.push_back(w);
                            if (reached & kBackward) m.meets.push_back(w);
                          });
      }
      ++level_f;
      front_f.swap(next);
    } else {
      for (std::uint32_t u : front_b) {
        for_each_neighbor(g, filter, u, directed ? false : true, true,
                          [&](std::uint32_t w, std::uint32_t, bool) ERGRAPH_ALWAYS_INLINE {
                            const std::uint8_t reached = side[w];
                            if (reached & kBackward) return;
                            if (reached == 0) touched.push_back(w);
                            side[w] = reached | kBackward;
                            state[w].dist_b = level_b + 1;
                            next.push_back(w);
                            if (reached & kForward) m.meets.push_back(w);
                          });
      }
      ++level_b;
      levels_b.push_back(next);
      front_b.swap(next);
    }
    if (!m.meets.empty()) {
      std::sort(m.meets.begin(), m.meets.end(), [&](std::uint32_t a, std::uint32_t b) {
        return state[a].order_f < state[b].order_f;
      });
      m.level = state[m.meets.front()].dist_f;
      m.distance = level_f + level_b;
      break;
    }
  }
  visited = touched.size();
  return m;
}

Hop PathFinder::Impl::hop_between(const CompiledFilter& filter, std::uint32_t u,
                                  std::uint32_t w) const {
  return first_edge_between(graph.adjacency(), filter, u, w, !filter.directed)
      .value_or(Hop{EdgeId(kUnset), true});
}

Path PathFinder::Impl::read_path(std::uint32_t meet, std::uint32_t t,
                                 const CompiledFilter& filter) const {
  const Adjacency& g = graph.adjacency();
  Path path;
  for (std::uint32_t v = meet; v != kUnset; v = state[v].parent_f)
    path.nodes.push_back(VertexId(v));
  std::reverse(path.nodes.begin(), path.nodes.end());
  for (std::uint32_t v = meet; v != t;) {
    std::uint32_t next = kUnset;
    const std::vector<std::uint32_t>& closer =
        levels_b[static_cast<std::size_t>(state[v].dist_b - 1)];
    const std::size_t degree = g.out_degree(v) + g.in_degree(v);
    if (closer.size() * 16 < degree) {
      // A hub: test the few vertices one level closer to t for an edge from v rather than
      // scanning v's edges.
      for (std::uint32_t w : closer) {
        if (w < next && first_edge_between(g, filter, v, w, !filter.directed)) next = w;
      }
    } else {
      for_each_neighbor(
          g, filter, v, true, !filter.directed, [&](std::uint32_t w, std::uint32_t, bool) {
            if (next == kUnset && state[w].dist_b != -1 && state[w].dist_b == state[v].dist_b - 1)
              next = w;
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
