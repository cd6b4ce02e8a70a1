#include "filter.hpp"

#include "ergraph/error.hpp"
#include "ergraph/spelling.hpp"
#include "ergraph/text.hpp"

namespace ergraph {

bool TraversalFilter::narrows() const {
  return directed || !edge_types.empty() || !skip_edge_types.empty() || !node_types.empty() ||
         !avoid.empty() || window.has_value() || dated_only || max_hops >= 0 || !edge_mask.empty();
}

std::vector<bool> type_mask(const std::vector<std::string>& all,
                            const std::vector<std::string>& only,
                            const std::vector<std::string>& skip, const char* what) {
  auto check = [&](const std::string& name) {
    if (std::find(all.begin(), all.end(), name) == all.end()) {
      throw Error(ErrorCode::kInvalidInput, unknown_name(what, name, all));
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
  if (!filter.edge_mask.empty()) {
    if (filter.edge_mask.size() != graph.edge_count()) {
      throw Error(ErrorCode::kInternal, "an edge mask of another graph");
    }
    c.edge_mask = filter.edge_mask;
  }
  c.graph = &graph.adjacency();
  c.directed = filter.directed;
  c.seal();
  return c;
}

}  // namespace ergraph
