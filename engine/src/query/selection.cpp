// select_all(), select_ego(), select_paths(): the parts of the graph to draw or export.
#include <algorithm>
#include <set>

#include "ergraph/query.hpp"
#include "filter.hpp"
#include "reach.hpp"

namespace ergraph {
namespace {

// The selection of `keep` (a mask by vertex) with every allowed edge between kept vertices.
Selection induced(const GraphSnapshot& graph, const std::vector<char>& keep,
                  const CompiledFilter& filter) {
  Selection s;
  const Adjacency& g = graph.adjacency();
  for (std::uint32_t v = 0; v < keep.size(); ++v) {
    if (!keep[v]) continue;
    s.nodes.push_back(VertexId(v));
    for (std::uint32_t e = g.out_begin(v); e != g.out_end(v); ++e) {
      if (keep[g.target(e)] && filter.edge_ok(e, g.attributes(e))) s.edges.push_back(EdgeId(e));
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
    ok[v] = types[graph.adjacency().vertex_type(v)] &&
            !std::binary_search(filter.avoid.begin(), filter.avoid.end(), v);
  }
  return ok;
}

// Marks in `keep` every allowed vertex within `depth` hops of `start` (through allowed ones).
void mark_within(const GraphSnapshot& graph, std::uint32_t start, int depth,
                 const CompiledFilter& filter, const std::vector<char>& allowed,
                 std::vector<char>& keep) {
  for (const Reached& r : reach(graph, filter, VertexId(start), depth, &allowed)) {
    keep[index_of(r.node)] = 1;
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

}  // namespace ergraph
