// Private to graph/: what a snapshot holds beside its adjacency arrays.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
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
  // The nodes' store keys ascending, and the vertex of each: a citation is read from the store
  // with its document's key, whose id and publisher are then found here, not in a node row.
  std::span<const std::int64_t> sorted_keys;  // owned_sorted_keys, or in a mapped image
  std::span<const std::uint32_t> vertex_of_sorted_key;
  std::vector<std::int64_t> owned_sorted_keys;
  std::vector<std::uint32_t> owned_vertex_of_sorted_key;
  // The Documents whose `publisher` prop is text other than "": their vertices ascending, and
  // the publishers in that order.
  std::vector<std::uint32_t> publisher_vertices;
  std::vector<std::string> publishers;

  // The vertex whose node has store key `key`, by binary search of sorted_keys; nullopt if none.
  std::optional<std::uint32_t> vertex_of_key(std::int64_t key) const {
    const auto it = std::lower_bound(sorted_keys.begin(), sorted_keys.end(), key);
    if (it == sorted_keys.end() || *it != key) return std::nullopt;
    return vertex_of_sorted_key[static_cast<std::size_t>(it - sorted_keys.begin())];
  }
  std::string data_version;  // of the store it was built from (Store::data_version)
};

}  // namespace ergraph
