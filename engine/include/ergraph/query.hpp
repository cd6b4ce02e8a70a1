// ergraph/query.hpp — questions asked of a snapshot: paths, neighbourhoods, rankings, components.
//
// Every function returns values (vertex and edge ids, scores); none prints. Results are
// deterministic: wherever several answers tie, the one returned first is the one whose sequence
// of vertices is smallest, vertices compared by node id (the snapshot numbers them in id order).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ergraph/graph.hpp"

namespace ergraph {

// Which edges and nodes a traversal may use. Type names are checked against the snapshot:
// Error(kInvalidInput) names an unknown one (with a suggestion).
struct TraversalFilter {
  bool directed = false;                     // follow edges from -> to only
  std::vector<std::string> edge_types;       // only these (empty: all)
  std::vector<std::string> skip_edge_types;  // never these
  std::vector<std::string> node_types;       // nodes passed through must be of these (empty: all)
  std::vector<VertexId> avoid;               // never pass through these
  std::optional<DateRange> window;           // dated edges must overlap this range
  bool dated_only = false;                   // drop undated edges
  int max_hops = -1;                         // longest path or neighbourhood radius; -1: none
  // By EdgeId, 1 for an edge that may be used (SourceCounter::edge_mask); empty: all.
  std::vector<std::uint8_t> edge_mask;

  // True when any option narrows the graph (for "no path — the filters may be why").
  bool narrows() const;
};

// One step of a path is a Hop (ergraph/adjacency.hpp): the edge, and whether it was walked from
// its `from` to its `to`.

struct Path {
  std::vector<VertexId> nodes;  // hops.size() + 1 of them, source first
  std::vector<Hop> hops;
};

// Path search between two vertices by bidirectional breadth-first search, which visits only the
// part of the graph around the endpoints. One PathFinder keeps its scratch space between queries,
// so many queries on one snapshot cost no allocation proportional to the graph.
class PathFinder {
 public:
  explicit PathFinder(const GraphSnapshot& graph);
  PathFinder(PathFinder&&) noexcept;
  ~PathFinder();

  // A shortest path (fewest hops), or nullopt when none passes the filter. Between two vertices
  // joined by several edges, the hop uses the first in (type, date) order.
  std::optional<Path> shortest(VertexId from, VertexId to, const TraversalFilter& filter);
  // Every shortest path, in order, at most `limit` of them.
  std::vector<Path> all_shortest(VertexId from, VertexId to, const TraversalFilter& filter,
                                 std::size_t limit);
  // The `k` shortest simple paths (Yen's algorithm; paths differ in their vertices), shortest
  // first, ties in vertex order. `progress`, when given, is called with (paths found, k) after
  // each path: a large k takes long.
  std::vector<Path> k_shortest(VertexId from, VertexId to, const TraversalFilter& filter,
                               std::size_t k,
                               const std::function<void(std::size_t, std::size_t)>& progress = {});

  // Vertices a search touched in the last query: a measure of how local it stayed.
  std::size_t last_visited() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The shortest time-respecting path: one whose hop dates never go backwards, so that what
// happened at `from` could have reached `to` along it. Dates are day ranges (2025-05 covers the
// month): a hop may follow the hops before it when its last day is not before the latest first
// day among them, so a hop of 2025-05 may follow one of 2025-05-16 and the reverse too, but one
// of 2025-05-15 may not follow one of 2025-05-16. Undated hops are left out unless
// `allow_undated`, and then may happen at any time. Among the shortest, the one that can arrive
// earliest; then the one through smaller vertices, level by level. nullopt when there is none
// (within filter.max_hops, when set). `labels_made`, when given, receives the number of
// (vertex, time) labels the search created: its work, reported by `path --stats` as visited.
std::optional<Path> chronological_path(const GraphSnapshot& graph, VertexId from, VertexId to,
                                       const TraversalFilter& filter, bool allow_undated,
                                       std::size_t* labels_made = nullptr);

// A vertex reached from a start, with the hop that first reached it.
struct Reached {
  VertexId node;
  int hops = 0;
  std::size_t parent_at = 0;  // the position in the list of the node it was reached from (start: 0)
  std::optional<Hop> via;
};

// Breadth-first from `start` up to `depth` hops (filter.max_hops is ignored): the start first,
// then by hop count, each level in order of discovery.
std::vector<Reached> neighbors(const GraphSnapshot& graph, VertexId start, int depth,
                               const TraversalFilter& filter);

// How many vertices neighbors() would return at each hop count: [0] is 1 (the start), then one
// entry per level reached, none past the last non-empty one. The same search without the list:
// a byte per vertex and the current and next level's vertices.
std::vector<std::size_t> count_neighbors(const GraphSnapshot& graph, VertexId start, int depth,
                                         const TraversalFilter& filter);

enum class RankBy { kDegree, kBetweenness, kPageRank };

struct Score {
  VertexId node;
  double value = 0;
};

struct RankOptions {
  RankBy by = RankBy::kDegree;
  std::vector<std::string> edge_types;       // count only these edges (empty: all)
  std::vector<std::string> skip_edge_types;  // never these
  std::vector<std::uint8_t> edge_mask;       // by EdgeId, 1: counted; empty: all
  double damping = 0.85;                     // PageRank
  // Betweenness from this many source vertices, chosen evenly in id order, scaled up to
  // estimate the whole (0: exact, from every vertex).
  std::size_t betweenness_samples = 0;
  // Called after each betweenness source with (sources done, sources in all), for progress on
  // long rankings (exact betweenness is one breadth-first search per vertex).
  std::function<void(std::size_t, std::size_t)> progress;
};

// A score for every vertex, highest first (ties by node id). The graph is taken as undirected
// and simple (parallel edges and self-loops dropped). degree: distinct neighbours. betweenness:
// Brandes', unnormalised, each unordered pair counted once. PageRank: Boost.Graph's iteration
// to convergence, scaled to sum to 1.
std::vector<Score> rank(const GraphSnapshot& graph, const RankOptions& options);

// A part of the graph to draw or export: vertices and edges in id order, and which of them to
// emphasise (a path).
struct Selection {
  std::vector<VertexId> nodes;
  std::vector<EdgeId> edges;
  std::vector<VertexId> highlighted_nodes;
  std::vector<EdgeId> highlighted_edges;
};

// Selections honour the filter's edge types, dates and --avoid; `node_types` (empty: all) keeps
// only nodes of those types. The edges are every edge the filter allows between kept nodes.
Selection select_all(const GraphSnapshot& graph, const TraversalFilter& filter,
                     const std::vector<std::string>& node_types);
// The ego network: `center` and the nodes within `depth` hops.
Selection select_ego(const GraphSnapshot& graph, VertexId center, int depth,
                     const TraversalFilter& filter, const std::vector<std::string>& node_types);
// The paths alone (context 0: their own edges only), or with every node within `context` hops
// of a path node and the edges among them; the paths' nodes and edges highlighted.
Selection select_paths(const GraphSnapshot& graph, const std::vector<Path>& paths, int context,
                       const TraversalFilter& filter, const std::vector<std::string>& node_types);

struct Component {
  std::vector<VertexId> members;  // in id order
};

// Connected components with edge directions ignored, largest first (ties by first member).
std::vector<Component> components(const GraphSnapshot& graph);

}  // namespace ergraph
