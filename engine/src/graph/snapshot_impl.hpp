// Private to graph/: what a snapshot holds beside its adjacency arrays.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "ergraph/graph.hpp"

namespace ergraph {

// What the snapshot holds beside its adjacency arrays.
struct GraphSnapshot::Impl {
  std::span<const std::int64_t> store_ids;  // by EdgeId: owned_store_ids, or in a mapped image
  std::vector<std::int64_t> owned_store_ids;
  std::shared_ptr<const void> image;  // the mapped image store_ids points into, if any
  std::vector<std::string> ids;       // by VertexId, sorted
  std::vector<std::string> names;     // by VertexId
  std::vector<std::string> node_types;
  std::vector<std::string> edge_types;
  std::string data_version;  // of the store it was built from (Store::data_version)
};

}  // namespace ergraph
