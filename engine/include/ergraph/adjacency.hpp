// ergraph/adjacency.hpp — a snapshot's adjacency arrays and the walks over them, for the engine.
//
// Engine-facing: the query layer's searches read the snapshot through these inline accessors
// (no virtual calls, no copies, no Boost types). The CLI has no need of this header.
//
// Vertices and edges are plain indices here, for the searches' scratch arrays: a vertex index is
// index_of(VertexId), an edge index is index_of(EdgeId). Edges are numbered in (from, to, type,
// date) order, so a vertex's out-edges are a contiguous range of edge indices.
#pragma once

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace ergraph {

enum class EdgeId : std::uint32_t;  // defined in ergraph/graph.hpp

// What every edge carries: 12 bytes, saved raw in the snapshot image.
struct EdgeAttributes {
  std::uint16_t type = 0;  // index into GraphSnapshot::edge_types()
  // Nonzero when the edge's row holds more than type, ends and date range tell: props other than
  // "{}", or a date that date_text() does not spell back. Zero lets an answer take the date from
  // the range and read only the citations (a page read fewer per hop of a `path`).
  std::uint16_t more_in_store = 0;
  std::int32_t date_first = 0;  // YYYYMMDD; 0 when undated
  std::int32_t date_last = 0;
};

// The arrays a snapshot is made of, read-only, as the searches read them: views of the arrays
// the graph layer built (AdjacencyArrays) or of a saved image mapped from its file.
struct AdjacencyView {
  std::span<const std::uint16_t> vertex_types;  // by vertex, index into GraphSnapshot::node_types()
  // Out-rows: a vertex's targets in ascending order, one entry per edge, indexed by edge.
  std::span<const std::uint32_t> out_start;    // by vertex, size n + 1
  std::span<const std::uint32_t> out_target;   // by edge
  std::span<const EdgeAttributes> attributes;  // by edge
  // In-rows: a vertex's sources in ascending order (ties in edge order) and their edges.
  std::span<const std::uint32_t> in_start;   // by vertex, size n + 1
  std::span<const std::uint32_t> in_source;  // size m
  std::span<const std::uint32_t> in_edge;    // size m, edge index
  // Both ways: the out- and in-row merged in for_each_neighbor's order (ascending neighbour,
  // out-edges first on ties). An undirected search without filters scans this row alone.
  std::span<const std::uint32_t> both_start;   // by vertex, size n + 1
  std::span<const std::uint32_t> both_vertex;  // the neighbour, size 2m
  std::span<const std::uint32_t> both_edge;  // edge index, Adjacency::kIncoming set when it runs in

  // True when the sizes agree with each other (what a loaded image is checked for).
  bool consistent() const {
    const std::size_t n = vertex_types.size(), m = out_target.size();
    return out_start.size() == n + 1 && in_start.size() == n + 1 && both_start.size() == n + 1 &&
           attributes.size() == m && in_source.size() == m && in_edge.size() == m &&
           both_vertex.size() == 2 * m && both_edge.size() == 2 * m && out_start.back() == m &&
           in_start.back() == m && both_start.back() == 2 * m;
  }
};

// The same arrays as the graph layer builds them (AdjacencyView says what each holds).
struct AdjacencyArrays {
  std::vector<std::uint16_t> vertex_types;
  std::vector<std::uint32_t> out_start;
  std::vector<std::uint32_t> out_target;
  std::vector<EdgeAttributes> attributes;
  std::vector<std::uint32_t> in_start;
  std::vector<std::uint32_t> in_source;
  std::vector<std::uint32_t> in_edge;
  std::vector<std::uint32_t> both_start;
  std::vector<std::uint32_t> both_vertex;
  std::vector<std::uint32_t> both_edge;

  AdjacencyView view() const {
    return {vertex_types, out_start, out_target, attributes,  in_start,
            in_source,    in_edge,   both_start, both_vertex, both_edge};
  }
};

// An edge and the way it was walked: from its `from` to its `to` (along) or back.
struct Hop {
  EdgeId edge;
  bool along = true;
};

// A snapshot's adjacency, read-only. Every accessor is O(1) except source(), O(log n).
// Preconditions: v < vertex_count(), e < edge_count().
class Adjacency {
 public:
  // In both_edges(): the edge runs into the vertex (the neighbour is its source).
  static constexpr std::uint32_t kIncoming = 1u << 31;

  Adjacency() = default;  // no vertices
  // Over built arrays, which it keeps. Precondition: arrays.view().consistent().
  explicit Adjacency(AdjacencyArrays arrays) {
    auto kept = std::make_shared<const AdjacencyArrays>(std::move(arrays));
    arrays_ = kept->view();
    owner_ = std::move(kept);
  }
  // Over arrays that `owner` keeps where they are (a mapped image). Precondition:
  // view.consistent(), and every index in the arrays within bounds.
  Adjacency(AdjacencyView view, std::shared_ptr<const void> owner)
      : owner_(std::move(owner)), arrays_(view) {}

  const AdjacencyView& arrays() const { return arrays_; }

  std::size_t vertex_count() const { return arrays_.vertex_types.size(); }
  std::size_t edge_count() const { return arrays_.out_target.size(); }

  std::uint16_t vertex_type(std::uint32_t v) const { return arrays_.vertex_types[v]; }

  // v's out-edges are the edge indices [out_begin(v), out_end(v)); out_targets(v)[k] is the
  // target of edge out_begin(v) + k.
  std::uint32_t out_begin(std::uint32_t v) const { return arrays_.out_start[v]; }
  std::uint32_t out_end(std::uint32_t v) const { return arrays_.out_start[v + 1]; }
  std::span<const std::uint32_t> out_targets(std::uint32_t v) const {
    return {arrays_.out_target.data() + out_begin(v), arrays_.out_target.data() + out_end(v)};
  }
  // v's in-edges: in_sources(v)[k] is the source of edge in_edges(v)[k].
  std::span<const std::uint32_t> in_sources(std::uint32_t v) const {
    return {arrays_.in_source.data() + arrays_.in_start[v],
            arrays_.in_source.data() + arrays_.in_start[v + 1]};
  }
  std::span<const std::uint32_t> in_edges(std::uint32_t v) const {
    return {arrays_.in_edge.data() + arrays_.in_start[v],
            arrays_.in_edge.data() + arrays_.in_start[v + 1]};
  }
  // v's neighbours both ways (see AdjacencyArrays::both_*): both_vertices(v)[k] is joined to v
  // by edge both_edges(v)[k] & ~kIncoming.
  std::span<const std::uint32_t> both_vertices(std::uint32_t v) const {
    return {arrays_.both_vertex.data() + arrays_.both_start[v],
            arrays_.both_vertex.data() + arrays_.both_start[v + 1]};
  }
  std::span<const std::uint32_t> both_edges(std::uint32_t v) const {
    return {arrays_.both_edge.data() + arrays_.both_start[v],
            arrays_.both_edge.data() + arrays_.both_start[v + 1]};
  }
  std::size_t out_degree(std::uint32_t v) const { return out_end(v) - out_begin(v); }
  std::size_t in_degree(std::uint32_t v) const {
    return arrays_.in_start[v + 1] - arrays_.in_start[v];
  }

  const EdgeAttributes& attributes(std::uint32_t e) const { return arrays_.attributes[e]; }
  std::uint32_t target(std::uint32_t e) const { return arrays_.out_target[e]; }
  // The vertex whose out-row holds e: a binary search of the row starts.
  std::uint32_t source(std::uint32_t e) const {
    const auto& start = arrays_.out_start;
    return static_cast<std::uint32_t>(std::upper_bound(start.begin(), start.end(), e) -
                                      start.begin() - 1);
  }

 private:
  std::shared_ptr<const void> owner_;  // what keeps the arrays' memory
  AdjacencyView arrays_;
};

// What a walk lets through, supplied by the caller (the query layer's compiled filter):
//   bool unrestricted()                   everything passes: the walk tests nothing
//   bool edge_ok(std::uint32_t e, const EdgeAttributes&)   edge e (its type, date, evidence) passes
//   bool vertex_ok(std::uint32_t)         the neighbour may be entered
//   bool pair_ok(std::uint32_t from, std::uint32_t to)   an edge from -> to may be used
template <typename F>
concept WalkFilter = requires(const F& f, std::uint32_t v, const EdgeAttributes& a) {
  { f.unrestricted() } -> std::same_as<bool>;
  { f.edge_ok(v, a) } -> std::same_as<bool>;
  { f.vertex_ok(v) } -> std::same_as<bool>;
  { f.pair_ok(v, v) } -> std::same_as<bool>;
};

// Calls fn(neighbour, edge index, along) for v's neighbours that `filter` lets through, in
// ascending neighbour order (out-edges before in-edges to the same neighbour, parallel edges in
// edge order): out-edges when `out`, in-edges when `in`.
//
// This is the inner loop of every search: it walks the arrays themselves and applies the
// filter inline.
template <WalkFilter Filter, typename Fn>
inline void for_each_neighbor(const Adjacency& g, const Filter& filter, std::uint32_t v, bool out,
                              bool in, Fn&& fn) {
  if (filter.unrestricted() && out && in) {
    // Both ways, nothing to test: the merged row, already in this order.
    const std::span<const std::uint32_t> vertices = g.both_vertices(v);
    const std::uint32_t* edges = g.both_edges(v).data();
    for (std::size_t k = 0; k != vertices.size(); ++k) {
      fn(vertices[k], edges[k] & ~Adjacency::kIncoming, (edges[k] & Adjacency::kIncoming) == 0);
    }
    return;
  }
  const std::span<const std::uint32_t> targets =
      out ? g.out_targets(v) : std::span<const std::uint32_t>{};
  const std::span<const std::uint32_t> sources =
      in ? g.in_sources(v) : std::span<const std::uint32_t>{};
  const std::uint32_t* in_edges = in ? g.in_edges(v).data() : nullptr;
  const std::uint32_t first_out = out ? g.out_begin(v) : 0;
  const std::size_t o_end = targets.size(), i_end = sources.size();
  std::size_t o = 0, i = 0;
  if (filter.unrestricted()) {
    // No predicate to apply: neither the edge attributes nor the vertex types are read.
    while (o != o_end || i != i_end) {
      if (o != o_end && (i == i_end || targets[o] <= sources[i])) {
        fn(targets[o], first_out + static_cast<std::uint32_t>(o), true);
        ++o;
      } else {
        fn(sources[i], in_edges[i], false);
        ++i;
      }
    }
    return;
  }
  while (o != o_end || i != i_end) {
    if (o != o_end && (i == i_end || targets[o] <= sources[i])) {
      const std::uint32_t w = targets[o];
      const std::uint32_t e = first_out + static_cast<std::uint32_t>(o);
      if (filter.edge_ok(e, g.attributes(e)) && filter.vertex_ok(w) && filter.pair_ok(v, w)) {
        fn(w, e, true);
      }
      ++o;
    } else {
      const std::uint32_t w = sources[i];
      const std::uint32_t e = in_edges[i];
      // The edge runs w -> v: that is the step a backward search takes.
      if (filter.edge_ok(e, g.attributes(e)) && filter.vertex_ok(w) && filter.pair_ok(w, v)) {
        fn(w, e, false);
      }
      ++i;
    }
  }
}

// The first edge from u to w, in for_each_neighbor's order, that `filter` lets through: binary
// search in u's out-row, then (when `in`) in its in-row. nullopt when there is none. Costs
// O(log degree), so reading a path through a hub does not scan the hub.
template <WalkFilter Filter>
inline std::optional<Hop> first_edge_between(const Adjacency& g, const Filter& filter,
                                             std::uint32_t u, std::uint32_t w, bool in) {
  if (!filter.vertex_ok(w)) return std::nullopt;
  if (filter.pair_ok(u, w)) {
    const std::span<const std::uint32_t> targets = g.out_targets(u);
    for (auto p = std::lower_bound(targets.begin(), targets.end(), w);
         p != targets.end() && *p == w; ++p) {
      const auto e = g.out_begin(u) + static_cast<std::uint32_t>(p - targets.begin());
      if (filter.edge_ok(e, g.attributes(e))) return Hop{EdgeId(e), true};
    }
  }
  if (!in || !filter.pair_ok(w, u)) return std::nullopt;
  const std::span<const std::uint32_t> sources = g.in_sources(u);
  const std::span<const std::uint32_t> edges = g.in_edges(u);
  for (auto p = std::lower_bound(sources.begin(), sources.end(), w); p != sources.end() && *p == w;
       ++p) {
    const std::uint32_t e = edges[static_cast<std::size_t>(p - sources.begin())];
    if (filter.edge_ok(e, g.attributes(e))) return Hop{EdgeId(e), false};
  }
  return std::nullopt;
}

}  // namespace ergraph
