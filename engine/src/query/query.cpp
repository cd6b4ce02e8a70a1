#include "ergraph/query.hpp"

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/page_rank.hpp>
#include <boost/pending/disjoint_sets.hpp>
#include <boost/range/iterator_range.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "../graph/snapshot_impl.hpp"
#include "ergraph/error.hpp"
#include "ergraph/text.hpp"

namespace ergraph {
namespace {

using EdgeDescriptor = boost::graph_traits<CsrGraph>::edge_descriptor;
constexpr std::uint32_t kUnset = ~std::uint32_t{0};
constexpr std::uint8_t kForward = 1;
// GCC and Clang otherwise keep the search's per-edge lambdas as calls.
#define ERGRAPH_ALWAYS_INLINE __attribute__((always_inline))
constexpr std::uint8_t kBackward = 2;

// A TraversalFilter turned into lookups by index, plus what a search adds (its endpoints, and the
// vertices and vertex pairs Yen's algorithm blocks).
struct CompiledFilter {
  std::vector<bool> edge_type_ok;    // by edge type index
  std::vector<bool> node_type_ok;    // by node type index; empty: all
  std::vector<std::uint32_t> avoid;  // sorted
  bool use_window = false;
  DateRange window;
  bool dated_only = false;
  const std::vector<std::uint16_t>* vertex_types = nullptr;
  const GraphSnapshot::Impl* snapshot = nullptr;
  std::uint32_t source = kUnset;
  std::uint32_t target = kUnset;
  bool directed = false;
  std::vector<std::uint32_t> blocked_vertices;                         // sorted
  std::vector<std::pair<std::uint32_t, std::uint32_t>> blocked_pairs;  // (from, to) as walked
  bool passes_all_cached = false;  // passes_all(), set by seal() once the filter is complete

  bool vertex_ok(std::uint32_t v) const {
    if (v == source || v == target) return true;
    if (std::binary_search(avoid.begin(), avoid.end(), v)) return false;
    if (std::binary_search(blocked_vertices.begin(), blocked_vertices.end(), v)) return false;
    return node_type_ok.empty() || node_type_ok[(*vertex_types)[v]];
  }

  bool edge_ok(const EdgeAttributes& a) const {
    if (!edge_type_ok[a.type]) return false;
    if (a.date_first == 0) return !dated_only;
    return !use_window || (a.date_first <= window.last && a.date_last >= window.first);
  }

  // Nothing to test: every edge and vertex passes (the common case, and the fast path).
  bool passes_all() const {
    return avoid.empty() && blocked_vertices.empty() && blocked_pairs.empty() && !use_window &&
           !dated_only && node_type_ok.empty() &&
           std::find(edge_type_ok.begin(), edge_type_ok.end(), false) == edge_type_ok.end();
  }

  void seal() { passes_all_cached = passes_all(); }

  bool pair_blocked(std::uint32_t from, std::uint32_t to) const {
    for (const auto& [a, b] : blocked_pairs) {
      if ((a == from && b == to) || (!directed && a == to && b == from)) return true;
    }
    return false;
  }
};

// Predicates for boost::filtered_graph: small, default-constructible, holding pointers.
struct EdgePredicate {
  const CompiledFilter* filter = nullptr;
  const CsrGraph* graph = nullptr;
  bool operator()(const EdgeDescriptor& e) const { return filter->edge_ok((*graph)[e]); }
};

struct VertexPredicate {
  const CompiledFilter* filter = nullptr;
  bool operator()(std::uint32_t v) const { return filter->vertex_ok(v); }
};

using FilteredGraph = boost::filtered_graph<CsrGraph, EdgePredicate, VertexPredicate>;

std::vector<bool> type_mask(const std::vector<std::string>& all,
                            const std::vector<std::string>& only,
                            const std::vector<std::string>& skip, const char* what) {
  auto check = [&](const std::string& name) {
    if (std::find(all.begin(), all.end(), name) == all.end()) {
      throw Error(ErrorCode::kInvalidInput,
                  std::string("unknown ") + what + " '" + name + "'" + did_you_mean(name, all));
    }
  };
  std::vector<bool> mask(all.size(), only.empty());
  for (const std::string& name : only) {
    check(name);
    mask[static_cast<std::size_t>(std::find(all.begin(), all.end(), name) - all.begin())] = true;
  }
  for (const std::string& name : skip) {
    check(name);
    mask[static_cast<std::size_t>(std::find(all.begin(), all.end(), name) - all.begin())] = false;
  }
  return mask;
}

CompiledFilter compile(const GraphSnapshot& graph, const TraversalFilter& filter) {
  CompiledFilter c;
  c.edge_type_ok =
      type_mask(graph.edge_types(), filter.edge_types, filter.skip_edge_types, "edge type");
  if (!filter.node_types.empty()) {
    c.node_type_ok = type_mask(graph.node_types(), filter.node_types, {}, "node type");
  }
  for (VertexId v : filter.avoid) c.avoid.push_back(index_of(v));
  std::sort(c.avoid.begin(), c.avoid.end());
  c.use_window = filter.window.has_value();
  if (c.use_window) c.window = *filter.window;
  c.dated_only = filter.dated_only;
  c.vertex_types = &graph.impl().types;
  c.snapshot = &graph.impl();
  c.directed = filter.directed;
  c.seal();
  return c;
}

// Calls fn(neighbour, edge index, along) for the neighbours of v in ascending vertex order
// (out-edges before in-edges to the same neighbour) that `g`'s predicates let through: out-edges
// when `out`, in-edges when `in`. Edges of blocked pairs are skipped.
//
// This is the inner loop of every search, so it walks the CSR arrays themselves (targets sorted
// per source, sources sorted per target) and applies the predicates inline: the same edges, in
// the same order, as filtered_graph's iterators, without their per-edge indirections.
template <typename Fn>
void for_each_neighbor(const FilteredGraph& g, const CompiledFilter& filter, std::uint32_t v,
                       bool out, bool in, Fn&& fn) {
  const CsrGraph& base = g.m_g;
  const auto& forward = base.m_forward;
  const auto& backward = base.m_backward;
  const std::uint32_t* targets = forward.m_column.data();
  const EdgeAttributes* attributes = forward.m_edge_properties.data();
  const std::uint32_t* sources = backward.m_column.data();
  const std::uint32_t* in_edges = backward.m_edge_properties.data();
  std::uint32_t o = out ? forward.m_rowstart[v] : 0, o_end = out ? forward.m_rowstart[v + 1] : 0;
  std::uint32_t i = in ? backward.m_rowstart[v] : 0, i_end = in ? backward.m_rowstart[v + 1] : 0;
  if (filter.passes_all_cached && filter.blocked_pairs.empty() && filter.blocked_vertices.empty()) {
    // No predicate to apply: neither the edge attributes nor the vertex types are read.
    if (out && in) {
      // Both ways: the snapshot's merged row, already in this order.
      const GraphSnapshot::Impl& impl = *filter.snapshot;
      const std::uint32_t* vertex = impl.both_vertex.data();
      const std::uint32_t* edge = impl.both_edge.data();
      for (std::uint32_t k = impl.both_start[v], end = impl.both_start[v + 1]; k != end; ++k) {
        fn(vertex[k], edge[k] & ~GraphSnapshot::Impl::kIncoming,
           (edge[k] & GraphSnapshot::Impl::kIncoming) == 0);
      }
      return;
    }
    while (o != o_end || i != i_end) {
      if (o != o_end && (i == i_end || targets[o] <= sources[i])) {
        fn(targets[o], o, true);
        ++o;
      } else {
        fn(sources[i], in_edges[i], false);
        ++i;
      }
    }
    return;
  }
  const bool check_pairs = !filter.blocked_pairs.empty();
  while (o != o_end || i != i_end) {
    const bool take_out = o != o_end && (i == i_end || targets[o] <= sources[i]);
    if (take_out) {
      const std::uint32_t w = targets[o];
      if (filter.edge_ok(attributes[o]) && filter.vertex_ok(w) &&
          (!check_pairs || !filter.pair_blocked(v, w))) {
        fn(w, o, true);
      }
      ++o;
    } else {
      const std::uint32_t w = sources[i];
      const std::uint32_t e = in_edges[i];
      // The edge runs w -> v: that is the step a backward search takes (and undirected
      // blocking is symmetric).
      if (filter.edge_ok(attributes[e]) && filter.vertex_ok(w) &&
          (!check_pairs || !filter.pair_blocked(w, v))) {
        fn(w, e, false);
      }
      ++i;
    }
  }
}

// The first edge from u to w, in for_each_neighbor's order, that the filter lets through:
// binary search in u's sorted out-edges, then (when `in`) in its sorted in-edges. Costs
// O(log degree), so reading a path through a hub does not scan the hub.
std::optional<Hop> first_edge_between(const CsrGraph& base, const CompiledFilter& filter,
                                      std::uint32_t u, std::uint32_t w, bool in) {
  if (!filter.vertex_ok(w)) return std::nullopt;
  const auto& forward = base.m_forward;
  const auto& backward = base.m_backward;
  const std::uint32_t* targets = forward.m_column.data();
  const EdgeAttributes* attributes = forward.m_edge_properties.data();
  const std::uint32_t* first = targets + forward.m_rowstart[u];
  const std::uint32_t* last = targets + forward.m_rowstart[u + 1];
  if (filter.blocked_pairs.empty() || !filter.pair_blocked(u, w)) {
    for (const std::uint32_t* p = std::lower_bound(first, last, w); p != last && *p == w; ++p) {
      const auto e = static_cast<std::uint32_t>(p - targets);
      if (filter.edge_ok(attributes[e])) return Hop{EdgeId(e), true};
    }
  }
  if (!in || (!filter.blocked_pairs.empty() && filter.pair_blocked(w, u))) return std::nullopt;
  const std::uint32_t* sources = backward.m_column.data();
  const std::uint32_t* s_first = sources + backward.m_rowstart[u];
  const std::uint32_t* s_last = sources + backward.m_rowstart[u + 1];
  for (const std::uint32_t* p = std::lower_bound(s_first, s_last, w); p != s_last && *p == w; ++p) {
    const std::uint32_t e = backward.m_edge_properties[static_cast<std::size_t>(p - sources)];
    if (filter.edge_ok(attributes[e])) return Hop{EdgeId(e), false};
  }
  return std::nullopt;
}

}  // namespace

bool TraversalFilter::narrows() const {
  return directed || !edge_types.empty() || !skip_edge_types.empty() || !node_types.empty() ||
         !avoid.empty() || window.has_value() || dated_only || max_hops >= 0;
}

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
  std::vector<std::uint32_t> touched;
  std::vector<std::vector<std::uint32_t>> levels_b;  // the backward search's levels, t's first
  std::size_t visited = 0;

  // The result of one bidirectional search, before the path is read off.
  struct Meeting {
    int distance = -1;
    int level = 0;                     // forward distance of the meeting vertices
    std::vector<std::uint32_t> meets;  // in forward discovery order
  };

  explicit Impl(const GraphSnapshot& g) : graph(g) {
    const std::size_t n = g.vertex_count();
    state.assign(n, VertexState{});
    side.assign(n, 0);
  }

  void reset() {
    for (std::uint32_t v : touched) {
      state[v] = VertexState{};
      side[v] = 0;
    }
    touched.clear();
    levels_b.clear();
  }

  std::size_t frontier_cost(const std::vector<std::uint32_t>& frontier) const {
    const CsrGraph& g = graph.impl().graph;
    std::size_t cost = 0;
    for (std::uint32_t v : frontier) cost += boost::out_degree(v, g) + boost::in_degree(v, g);
    return cost;
  }

  FilteredGraph view(const CompiledFilter& filter) const {
    const CsrGraph& g = graph.impl().graph;
    return FilteredGraph(g, EdgePredicate{&filter, &g}, VertexPredicate{&filter});
  }

  // Level-synchronous bidirectional BFS, always growing the smaller frontier by one full level.
  Meeting search(std::uint32_t s, std::uint32_t t, const CompiledFilter& filter, int max_hops) {
    reset();
    Meeting m;
    const FilteredGraph g = view(filter);
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

  // The first allowed edge from `u` to `w` in neighbour order (out-edges first).
  Hop hop_between(const FilteredGraph& g, const CompiledFilter& filter, std::uint32_t u,
                  std::uint32_t w) const {
    return first_edge_between(g.m_g, filter, u, w, !filter.directed)
        .value_or(Hop{EdgeId(kUnset), true});
  }

  // The path through meeting vertex `m`: the forward parents back to s, then down the backward
  // distances to t, always taking the smallest next vertex.
  Path read_path(std::uint32_t meet, std::uint32_t t, const CompiledFilter& filter) const {
    const FilteredGraph g = view(filter);
    Path path;
    for (std::uint32_t v = meet; v != kUnset; v = state[v].parent_f)
      path.nodes.push_back(VertexId(v));
    std::reverse(path.nodes.begin(), path.nodes.end());
    const CsrGraph& base = graph.impl().graph;
    for (std::uint32_t v = meet; v != t;) {
      std::uint32_t next = kUnset;
      const std::vector<std::uint32_t>& closer =
          levels_b[static_cast<std::size_t>(state[v].dist_b - 1)];
      const std::size_t degree = boost::out_degree(v, base) + boost::in_degree(v, base);
      if (closer.size() * 16 < degree) {
        // A hub: test the few vertices one level closer to t for an edge from v rather than
        // scanning v's edges.
        for (std::uint32_t w : closer) {
          if (w < next && first_edge_between(base, filter, v, w, !filter.directed)) next = w;
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
      path.hops.push_back(
          hop_between(g, filter, index_of(path.nodes[i]), index_of(path.nodes[i + 1])));
    }
    return path;
  }
};

PathFinder::PathFinder(const GraphSnapshot& graph) : impl_(std::make_unique<Impl>(graph)) {}
PathFinder::PathFinder(PathFinder&&) noexcept = default;
PathFinder::~PathFinder() = default;
std::size_t PathFinder::last_visited() const { return impl_->visited; }

std::optional<Path> PathFinder::shortest(VertexId from, VertexId to,
                                         const TraversalFilter& filter) {
  CompiledFilter c = compile(impl_->graph, filter);
  c.source = index_of(from);
  c.target = index_of(to);
  const Impl::Meeting m = impl_->search(c.source, c.target, c, filter.max_hops);
  if (m.distance < 0) return std::nullopt;
  return impl_->read_path(m.meets.front(), c.target, c);
}

std::vector<Path> PathFinder::all_shortest(VertexId from, VertexId to,
                                           const TraversalFilter& filter, std::size_t limit) {
  CompiledFilter c = compile(impl_->graph, filter);
  c.source = index_of(from);
  c.target = index_of(to);
  Impl& s = *impl_;
  const Impl::Meeting m = s.search(c.source, c.target, c, filter.max_hops);
  std::vector<Path> out;
  if (m.distance < 0 || limit == 0) return out;
  const FilteredGraph g = s.view(c);
  // Mark the forward-side vertices that lie on some shortest path: the meeting vertices and,
  // level by level back towards the source, their predecessors.
  std::set<std::uint32_t> on_path(m.meets.begin(), m.meets.end());
  std::vector<std::uint32_t> level(m.meets.begin(), m.meets.end()), previous;
  for (int d = m.level; d > 0; --d) {
    previous.clear();
    for (std::uint32_t w : level) {
      for_each_neighbor(g, c, w, c.directed ? false : true, true,
                        [&](std::uint32_t u, std::uint32_t, bool) {
                          if (s.state[u].dist_f == d - 1 && on_path.insert(u).second)
                            previous.push_back(u);
                        });
    }
    level.swap(previous);
  }
  // Depth-first in vertex order: along marked vertices to the meeting level, then down the
  // backward distances to the target.
  std::vector<std::uint32_t> stack{c.source};
  auto extend = [&](auto&& self, std::uint32_t v) -> void {
    if (out.size() >= limit) return;
    if (v == c.target) {
      Path p;
      for (std::uint32_t x : stack) p.nodes.push_back(VertexId(x));
      for (std::size_t i = 0; i + 1 < stack.size(); ++i)
        p.hops.push_back(s.hop_between(g, c, stack[i], stack[i + 1]));
      out.push_back(std::move(p));
      return;
    }
    const bool forward_side =
        s.state[v].dist_f != -1 && s.state[v].dist_f < m.level && on_path.count(v);
    std::vector<std::uint32_t> next;
    for_each_neighbor(g, c, v, true, !c.directed, [&](std::uint32_t w, std::uint32_t, bool) {
      if (!next.empty() && next.back() == w) return;
      const bool ok = forward_side
                          ? (s.state[w].dist_f == s.state[v].dist_f + 1 && on_path.count(w) > 0)
                          : (s.state[w].dist_b != -1 && s.state[w].dist_b == s.state[v].dist_b - 1);
      if (ok) next.push_back(w);
    });
    for (std::uint32_t w : next) {
      stack.push_back(w);
      self(self, w);
      stack.pop_back();
    }
  };
  extend(extend, c.source);
  return out;
}

std::vector<Path> PathFinder::k_shortest(VertexId from, VertexId to, const TraversalFilter& filter,
                                         std::size_t k) {
  std::vector<Path> found;
  if (k == 0) return found;
  std::optional<Path> first = shortest(from, to, filter);
  if (!first) return found;
  found.push_back(std::move(*first));
  auto key = [](const Path& p) {
    std::vector<std::uint32_t> nodes;
    for (VertexId v : p.nodes) nodes.push_back(index_of(v));
    return std::make_pair(nodes.size(), nodes);
  };
  std::set<std::pair<std::size_t, std::vector<std::uint32_t>>> seen{key(found.front())};
  std::map<std::pair<std::size_t, std::vector<std::uint32_t>>, Path> candidates;
  CompiledFilter base = compile(impl_->graph, filter);
  while (found.size() < k) {
    const Path& last = found.back();
    for (std::size_t i = 0; i + 1 < last.nodes.size(); ++i) {
      CompiledFilter c = base;
      const std::uint32_t spur = index_of(last.nodes[i]);
      // Block the next hop of every found path that shares this root, and the root itself.
      for (const Path& p : found) {
        if (p.nodes.size() > i + 1 &&
            std::equal(p.nodes.begin(), p.nodes.begin() + static_cast<long>(i) + 1,
                       last.nodes.begin())) {
          c.blocked_pairs.emplace_back(index_of(p.nodes[i]), index_of(p.nodes[i + 1]));
        }
      }
      for (std::size_t j = 0; j < i; ++j) c.blocked_vertices.push_back(index_of(last.nodes[j]));
      std::sort(c.blocked_vertices.begin(), c.blocked_vertices.end());
      c.seal();
      c.source = spur;
      c.target = index_of(to);
      const int budget = filter.max_hops < 0 ? -1 : filter.max_hops - static_cast<int>(i);
      if (filter.max_hops >= 0 && budget < 1) continue;
      const Impl::Meeting m = impl_->search(c.source, c.target, c, budget);
      if (m.distance < 0) continue;
      Path spur_path = impl_->read_path(m.meets.front(), c.target, c);
      Path total;
      total.nodes.assign(last.nodes.begin(), last.nodes.begin() + static_cast<long>(i));
      total.hops.assign(last.hops.begin(), last.hops.begin() + static_cast<long>(i));
      total.nodes.insert(total.nodes.end(), spur_path.nodes.begin(), spur_path.nodes.end());
      total.hops.insert(total.hops.end(), spur_path.hops.begin(), spur_path.hops.end());
      auto k2 = key(total);
      if (!seen.count(k2)) candidates.emplace(std::move(k2), std::move(total));
    }
    if (candidates.empty()) break;
    auto best = candidates.begin();
    seen.insert(best->first);
    found.push_back(std::move(best->second));
    candidates.erase(best);
  }
  return found;
}

std::vector<Reached> neighbors(const GraphSnapshot& graph, VertexId start, int depth,
                               const TraversalFilter& filter) {
  CompiledFilter c = compile(graph, filter);
  c.source = index_of(start);
  const CsrGraph& base = graph.impl().graph;
  const FilteredGraph g(base, EdgePredicate{&c, &base}, VertexPredicate{&c});
  std::vector<Reached> out{Reached{start, 0, start, std::nullopt}};
  std::vector<std::int32_t> seen_at(graph.vertex_count(), -1);
  seen_at[index_of(start)] = 0;
  std::size_t level_begin = 0;
  for (int d = 0; d < depth; ++d) {
    const std::size_t level_end = out.size();
    for (std::size_t i = level_begin; i < level_end; ++i) {
      const std::uint32_t u = index_of(out[i].node);
      for_each_neighbor(
          g, c, u, true, !c.directed, [&](std::uint32_t w, std::uint32_t e, bool along) {
            if (seen_at[w] != -1) return;
            seen_at[w] = d + 1;
            out.push_back(Reached{VertexId(w), d + 1, VertexId(u), Hop{EdgeId(e), along}});
          });
    }
    if (out.size() == level_end) break;
    level_begin = level_end;
  }
  return out;
}

namespace {

// The graph as undirected and simple, for ranking: each joined pair once in each direction.
using SymmetricGraph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                                          boost::no_property, boost::no_property,
                                                          std::uint32_t, std::uint32_t>;

SymmetricGraph symmetric(const GraphSnapshot& graph, const std::vector<bool>& edge_type_ok) {
  const CsrGraph& g = graph.impl().graph;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  pairs.reserve(boost::num_edges(g) * 2);
  for (const auto& e : boost::make_iterator_range(boost::edges(g))) {
    const auto u = static_cast<std::uint32_t>(boost::source(e, g));
    const auto v = static_cast<std::uint32_t>(boost::target(e, g));
    if (u == v || !edge_type_ok[g[e].type]) continue;
    pairs.emplace_back(u, v);
    pairs.emplace_back(v, u);
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return SymmetricGraph(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(),
                        static_cast<std::uint32_t>(graph.vertex_count()));
}

// PageRank is done when no score moved by more than a part in 10^12 of the total, or after
// 1,000 rounds.
struct Converged {
  std::vector<double>* previous;
  std::size_t rounds = 0;
  template <typename RankMap, typename Graph>
  bool operator()(const RankMap& rank, const Graph& g) {
    double change = 0, total = 0;
    for (std::uint32_t v = 0; v < boost::num_vertices(g); ++v) {
      change = std::max(change, std::abs(get(rank, v) - (*previous)[v]));
      total += get(rank, v);
      (*previous)[v] = get(rank, v);
    }
    return ++rounds > 1000 || (rounds > 1 && change <= 1e-12 * std::max(total, 1.0));
  }
};

}  // namespace

std::vector<Score> rank(const GraphSnapshot& graph, const RankOptions& options) {
  const std::vector<bool> ok =
      type_mask(graph.edge_types(), options.edge_types, options.skip_edge_types, "edge type");
  const SymmetricGraph g = symmetric(graph, ok);
  const std::size_t n = graph.vertex_count();
  std::vector<double> value(n, 0.0);
  switch (options.by) {
    case RankBy::kDegree:
      for (std::uint32_t v = 0; v < n; ++v) value[v] = static_cast<double>(boost::out_degree(v, g));
      break;
    case RankBy::kBetweenness: {
      if (options.betweenness_samples == 0 || options.betweenness_samples >= n) {
        boost::brandes_betweenness_centrality(
            g,
            boost::make_iterator_property_map(value.begin(), boost::get(boost::vertex_index, g)));
        for (double& x : value) x /= 2;  // each unordered pair was counted from both ends
      } else {
        // Brandes' accumulation from evenly spaced sources, scaled by n / samples.
        const std::size_t samples = options.betweenness_samples;
        std::vector<std::int64_t> dist(n);
        std::vector<double> sigma(n), delta(n);
        std::vector<std::uint32_t> order;
        for (std::size_t k = 0; k < samples; ++k) {
          const auto s = static_cast<std::uint32_t>(k * n / samples);
          std::fill(dist.begin(), dist.end(), -1);
          std::fill(sigma.begin(), sigma.end(), 0.0);
          std::fill(delta.begin(), delta.end(), 0.0);
          order.clear();
          dist[s] = 0;
          sigma[s] = 1;
          order.push_back(s);
          for (std::size_t head = 0; head < order.size(); ++head) {
            const std::uint32_t u = order[head];
            for (const auto w : boost::make_iterator_range(boost::adjacent_vertices(u, g))) {
              if (dist[w] < 0) {
                dist[w] = dist[u] + 1;
                order.push_back(w);
              }
              if (dist[w] == dist[u] + 1) sigma[w] += sigma[u];
            }
          }
          for (auto it = order.rbegin(); it != order.rend(); ++it) {
            const std::uint32_t w = *it;
            for (const auto u : boost::make_iterator_range(boost::adjacent_vertices(w, g))) {
              if (dist[u] == dist[w] - 1) delta[u] += sigma[u] / sigma[w] * (1 + delta[w]);
            }
            if (w != s) value[w] += delta[w];
          }
        }
        const double scale = static_cast<double>(n) / static_cast<double>(samples) / 2;
        for (double& x : value) x *= scale;
      }
      break;
    }
    case RankBy::kPageRank: {
      if (n == 0) break;
      std::vector<double> previous(n, 0.0);
      boost::graph::page_rank(
          g, boost::make_iterator_property_map(value.begin(), boost::get(boost::vertex_index, g)),
          Converged{&previous}, options.damping);
      double total = 0;
      for (double x : value) total += x;
      for (double& x : value) x /= total;
      break;
    }
  }
  std::vector<Score> out;
  out.reserve(n);
  for (std::uint32_t v = 0; v < n; ++v) out.push_back(Score{VertexId(v), value[v]});
  std::stable_sort(out.begin(), out.end(),
                   [](const Score& a, const Score& b) { return a.value > b.value; });
  return out;
}

namespace {

// The selection of `keep` (a mask by vertex) with every allowed edge between kept vertices.
Selection induced(const GraphSnapshot& graph, const std::vector<char>& keep,
                  const CompiledFilter& filter) {
  Selection s;
  const CsrGraph& g = graph.impl().graph;
  for (std::uint32_t v = 0; v < keep.size(); ++v) {
    if (!keep[v]) continue;
    s.nodes.push_back(VertexId(v));
    for (const auto& e : boost::make_iterator_range(boost::out_edges(v, g))) {
      const auto w = static_cast<std::uint32_t>(boost::target(e, g));
      if (keep[w] && filter.edge_ok(g[e])) {
        s.edges.push_back(EdgeId(static_cast<std::uint32_t>(boost::get(boost::edge_index, g, e))));
      }
    }
  }
  std::sort(s.edges.begin(), s.edges.end(),
            [](EdgeId a, EdgeId b) { return index_of(a) < index_of(b); });
  return s;
}

// Vertices allowed by --types and --avoid.
std::vector<char> allowed_vertices(const GraphSnapshot& graph, const CompiledFilter& filter,
                                   const std::vector<std::string>& node_types) {
  const std::vector<bool> types = node_types.empty()
                                      ? std::vector<bool>(graph.node_types().size(), true)
                                      : type_mask(graph.node_types(), node_types, {}, "node type");
  std::vector<char> ok(graph.vertex_count(), 0);
  for (std::uint32_t v = 0; v < ok.size(); ++v) {
    ok[v] = types[graph.impl().types[v]] &&
            !std::binary_search(filter.avoid.begin(), filter.avoid.end(), v);
  }
  return ok;
}

// Marks in `keep` every allowed vertex within `depth` hops of `start` (through allowed ones).
void mark_within(const GraphSnapshot& graph, std::uint32_t start, int depth,
                 const CompiledFilter& filter, const std::vector<char>& allowed,
                 std::vector<char>& keep) {
  const CsrGraph& base = graph.impl().graph;
  const FilteredGraph g(base, EdgePredicate{&filter, &base}, VertexPredicate{&filter});
  std::vector<std::uint32_t> level{start}, next;
  keep[start] = 1;
  std::vector<char> seen(graph.vertex_count(), 0);
  seen[start] = 1;
  for (int d = 0; d < depth && !level.empty(); ++d) {
    next.clear();
    for (std::uint32_t u : level) {
      for_each_neighbor(g, filter, u, true, !filter.directed,
                        [&](std::uint32_t w, std::uint32_t, bool) {
                          if (seen[w] || !allowed[w]) return;
                          seen[w] = keep[w] = 1;
                          next.push_back(w);
                        });
    }
    level.swap(next);
  }
}

}  // namespace

Selection select_all(const GraphSnapshot& graph, const TraversalFilter& filter,
                     const std::vector<std::string>& node_types) {
  const CompiledFilter c = compile(graph, filter);
  return induced(graph, allowed_vertices(graph, c, node_types), c);
}

Selection select_ego(const GraphSnapshot& graph, VertexId center, int depth,
                     const TraversalFilter& filter, const std::vector<std::string>& node_types) {
  CompiledFilter c = compile(graph, filter);
  c.source = index_of(center);
  std::vector<char> allowed = allowed_vertices(graph, c, node_types);
  allowed[index_of(center)] = 1;
  std::vector<char> keep(graph.vertex_count(), 0);
  mark_within(graph, index_of(center), depth, c, allowed, keep);
  Selection s = induced(graph, keep, c);
  s.highlighted_nodes.push_back(center);
  return s;
}

Selection select_paths(const GraphSnapshot& graph, const std::vector<Path>& paths, int context,
                       const TraversalFilter& filter, const std::vector<std::string>& node_types) {
  const CompiledFilter c = compile(graph, filter);
  std::set<std::uint32_t> path_nodes, path_edges;
  for (const Path& p : paths) {
    for (VertexId v : p.nodes) path_nodes.insert(index_of(v));
    for (const Hop& h : p.hops) path_edges.insert(index_of(h.edge));
  }
  Selection s;
  if (context <= 0) {
    for (std::uint32_t v : path_nodes) s.nodes.push_back(VertexId(v));
    for (std::uint32_t e : path_edges) s.edges.push_back(EdgeId(e));
  } else {
    std::vector<char> allowed = allowed_vertices(graph, c, node_types);
    for (std::uint32_t v : path_nodes) allowed[v] = 1;
    std::vector<char> keep(graph.vertex_count(), 0);
    for (std::uint32_t v : path_nodes) mark_within(graph, v, context, c, allowed, keep);
    s = induced(graph, keep, c);
    // Path edges are kept even where the filter would not show them around the path.
    std::set<std::uint32_t> edges;
    for (EdgeId e : s.edges) edges.insert(index_of(e));
    edges.insert(path_edges.begin(), path_edges.end());
    s.edges.clear();
    for (std::uint32_t e : edges) s.edges.push_back(EdgeId(e));
  }
  for (std::uint32_t v : path_nodes) s.highlighted_nodes.push_back(VertexId(v));
  for (std::uint32_t e : path_edges) s.highlighted_edges.push_back(EdgeId(e));
  return s;
}

std::vector<Component> components(const GraphSnapshot& graph) {
  const std::size_t n = graph.vertex_count();
  std::vector<std::uint32_t> parent(n), rank_of(n, 0);
  boost::disjoint_sets<std::uint32_t*, std::uint32_t*> sets(rank_of.data(), parent.data());
  for (std::uint32_t v = 0; v < n; ++v) sets.make_set(v);
  const CsrGraph& g = graph.impl().graph;
  for (const auto& e : boost::make_iterator_range(boost::edges(g))) {
    sets.union_set(static_cast<std::uint32_t>(boost::source(e, g)),
                   static_cast<std::uint32_t>(boost::target(e, g)));
  }
  std::map<std::uint32_t, std::size_t> index_of_root;
  std::vector<Component> out;
  for (std::uint32_t v = 0; v < n; ++v) {
    const std::uint32_t root = sets.find_set(v);
    const auto [it, inserted] = index_of_root.emplace(root, out.size());
    if (inserted) out.emplace_back();
    out[it->second].members.push_back(VertexId(v));
  }
  std::stable_sort(out.begin(), out.end(), [](const Component& a, const Component& b) {
    return a.members.size() > b.members.size();
  });
  return out;
}

}  // namespace ergraph
