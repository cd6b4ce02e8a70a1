// Private to the render layer: clusters (DiagramOptions::cluster_by). Each source of a clustering
// edge is drawn inside a cluster labelled with its target; a target that is itself a source nests
// inside its own target's cluster.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ergraph/graph.hpp"
#include "ergraph/query.hpp"
#include "ergraph/schema.hpp"
#include "graphviz.hpp"

namespace ergraph::render {

// Error(kInvalidInput) (messages.hpp) for the first of `cluster_by` the schema does not declare
// as an edge type.
void check_cluster_types(const Schema& schema, const std::vector<std::string>& cluster_by);

class Clusters {
 public:
  // Works out which node goes inside which from the edges of `selection` whose type is one of
  // `cluster_by` (the first such edge from a node wins; one that would close a cycle is
  // ignored). Makes no subgraph yet. `root` and `graph` must outlive this object.
  Clusters(Agraph_t* root, const GraphSnapshot& graph, const Selection& selection,
           const std::vector<std::string>& cluster_by);

  // The graph node `v` (a vertex index) is drawn in: a target inside its own cluster, any
  // other clustered node inside its target's, everything else in the root. Makes the clusters
  // it needs on first use, named cluster_0, cluster_1 ... in that order — so the order of
  // calls decides the DOT's bytes.
  Agraph_t* home(std::uint32_t v);

 private:
  Agraph_t* cluster_for(std::uint32_t head);

  Agraph_t* root_;
  const GraphSnapshot& graph_;
  std::map<std::uint32_t, std::uint32_t> parent_;  // clustered node -> its target
  std::set<std::uint32_t> heads_;                  // targets: the nodes a cluster is named for
  std::map<std::uint32_t, Agraph_t*> cluster_of_head_;
  std::size_t cluster_count_ = 0;
};

}  // namespace ergraph::render
