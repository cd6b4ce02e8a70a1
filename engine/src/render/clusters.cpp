#include "clusters.hpp"

#include <algorithm>

#include "labels.hpp"
#include "messages.hpp"

namespace ergraph::render {

void check_cluster_types(const Schema& schema, const std::vector<std::string>& cluster_by) {
  for (const std::string& type : cluster_by) {
    if (schema.edge_type(type) == nullptr) {
      throw unknown_cluster_edge_type(type, schema.edge_type_names());
    }
  }
}

Clusters::Clusters(Agraph_t* root, const GraphSnapshot& graph, const Selection& selection,
                   const std::vector<std::string>& cluster_by)
    : root_(root), graph_(graph) {
  if (cluster_by.empty()) return;
  for (EdgeId e : selection.edges) {
    const SnapshotEdge edge = graph.edge(e);
    const std::string& type = graph.edge_type_name(e);
    if (std::find(cluster_by.begin(), cluster_by.end(), type) == cluster_by.end()) continue;
    const std::uint32_t child = index_of(edge.from), head = index_of(edge.to);
    if (child == head || parent_.count(child)) continue;
    // Refuse a cycle: the head must not already sit inside the child's cluster.
    bool cycle = false;
    for (auto it = parent_.find(head); it != parent_.end(); it = parent_.find(it->second)) {
      if (it->second == child) {
        cycle = true;
        break;
      }
    }
    if (!cycle) parent_[child] = head;
  }
  for (const auto& [child, head] : parent_) heads_.insert(head);
}

Agraph_t* Clusters::home(std::uint32_t v) {
  if (heads_.count(v)) return cluster_for(v);
  const auto p = parent_.find(v);
  return p == parent_.end() ? root_ : cluster_for(p->second);
}

// The cluster a head gathers its sources in, made (inside its own parent's) on first use.
Agraph_t* Clusters::cluster_for(std::uint32_t head) {
  if (const auto c = cluster_of_head_.find(head); c != cluster_of_head_.end()) return c->second;
  const auto p = parent_.find(head);
  Agraph_t* outer = p == parent_.end() ? root_ : cluster_for(p->second);
  Agraph_t* cluster = agsubg(outer, gv("cluster_" + std::to_string(cluster_count_++)), 1);
  set_attr(cluster, "label", wrap_label(graph_.node_name(VertexId(head))));
  set_attr(cluster, "style", "rounded,dashed");
  set_attr(cluster, "color", "#999999");
  cluster_of_head_[head] = cluster;
  return cluster;
}

}  // namespace ergraph::render
