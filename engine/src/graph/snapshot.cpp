// The snapshot's accessors: node ids, names and types, and edges by EdgeId.
#include <algorithm>

#include "ergraph/graph.hpp"
#include "snapshot_impl.hpp"

namespace ergraph {

GraphSnapshot::GraphSnapshot(std::unique_ptr<Impl> impl, Adjacency adjacency)
    : impl_(std::move(impl)), adjacency_(std::move(adjacency)) {}
GraphSnapshot::GraphSnapshot(GraphSnapshot&&) noexcept = default;
GraphSnapshot& GraphSnapshot::operator=(GraphSnapshot&&) noexcept = default;
GraphSnapshot::~GraphSnapshot() = default;

std::size_t GraphSnapshot::vertex_count() const { return impl_->ids.size(); }
std::size_t GraphSnapshot::edge_count() const { return impl_->store_ids.size(); }

std::optional<VertexId> GraphSnapshot::vertex(std::string_view node_id) const {
  const auto it = std::lower_bound(impl_->ids.begin(), impl_->ids.end(), node_id);
  if (it == impl_->ids.end() || *it != node_id) return std::nullopt;
  return VertexId(static_cast<std::uint32_t>(it - impl_->ids.begin()));
}

const std::string& GraphSnapshot::node_id(VertexId v) const { return impl_->ids[index_of(v)]; }
const std::string& GraphSnapshot::node_name(VertexId v) const { return impl_->names[index_of(v)]; }
const std::string& GraphSnapshot::node_type(VertexId v) const {
  return impl_->node_types[adjacency_.vertex_type(index_of(v))];
}

std::optional<VertexId> GraphSnapshot::vertex_of_key(std::int64_t key) const {
  const std::optional<std::uint32_t> v = impl_->vertex_of_key(key);
  if (!v) return std::nullopt;
  return VertexId(*v);
}

std::optional<std::string_view> GraphSnapshot::publisher(VertexId v) const {
  if (node_type(v) != "Document") return std::nullopt;
  const std::vector<std::uint32_t>& with = impl_->publisher_vertices;
  const auto it = std::lower_bound(with.begin(), with.end(), index_of(v));
  if (it == with.end() || *it != index_of(v)) return std::string_view();
  return impl_->publishers[it - with.begin()];
}

SnapshotEdge GraphSnapshot::edge(EdgeId e) const {
  const std::uint32_t i = index_of(e);
  const EdgeAttributes& a = adjacency_.attributes(i);
  SnapshotEdge out{VertexId(adjacency_.source(i)),
                   VertexId(adjacency_.target(i)),
                   a.type,
                   std::nullopt,
                   impl_->store_ids[i],
                   a.more_in_store != 0};
  if (a.date_first != 0) out.date = DateRange{a.date_first, a.date_last};
  return out;
}

const std::string& GraphSnapshot::edge_type_name(EdgeId e) const {
  return impl_->edge_types[adjacency_.attributes(index_of(e)).type];
}

const std::vector<std::string>& GraphSnapshot::node_types() const { return impl_->node_types; }
const std::vector<std::string>& GraphSnapshot::edge_types() const { return impl_->edge_types; }

std::size_t GraphSnapshot::graph_bytes() const {
  // Out-rows: row starts, targets and attributes; in-rows: row starts, sources and edge
  // indices; the merged rows (row starts, neighbour and edge per direction); plus the store keys
  // and vertex types kept beside it, the node keys with their vertices and the publishers'
  // vertices.
  const std::size_t v = vertex_count() + 1;
  const std::size_t e = edge_count();
  return v * 4 + e * (4 + sizeof(EdgeAttributes)) + v * 4 + e * (4 + 4) + v * 4 + 2 * e * 8 +
         e * 8 + vertex_count() * (2 + 8 + 4) + impl_->publisher_vertices.size() * 4;
}

std::size_t GraphSnapshot::string_bytes() const {
  std::size_t bytes = 0;
  for (const auto* strings : {&impl_->ids, &impl_->names, &impl_->publishers}) {
    for (const std::string& s : *strings) {
      bytes += sizeof(std::string) + (s.capacity() > 15 ? s.capacity() + 1 : 0);
    }
  }
  return bytes;
}

}  // namespace ergraph
