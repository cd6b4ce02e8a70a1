#include "ergraph/graph.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "ergraph/text.hpp"
#include "snapshot_impl.hpp"

namespace ergraph {
namespace {

std::uint16_t intern(std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<std::uint16_t>(it - names.begin());
  names.push_back(name);
  return static_cast<std::uint16_t>(names.size() - 1);
}

}  // namespace

std::optional<DateRange> date_range(std::string_view date) {
  if (!is_valid_date(date)) return std::nullopt;
  const int year = std::stoi(std::string(date.substr(0, 4)));
  if (date.size() == 4) return DateRange{year * 10000 + 101, year * 10000 + 1231};
  const int month = std::stoi(std::string(date.substr(5, 2)));
  if (date.size() == 7)
    return DateRange{year * 10000 + month * 100 + 1, year * 10000 + month * 100 + 31};
  const int day = std::stoi(std::string(date.substr(8, 2)));
  const int value = year * 10000 + month * 100 + day;
  return DateRange{value, value};
}

GraphSnapshot GraphSnapshot::load(const Store& store) {
  auto impl = std::make_unique<Impl>();
  impl->node_types = store.schema().node_type_names();
  impl->edge_types = store.schema().edge_type_names();

  // Store keys are dense-ish rowids: a vector maps them to vertices without hashing.
  std::vector<std::uint32_t> vertex_of_key;
  constexpr std::uint32_t kNone = ~std::uint32_t{0};
  store.scan_nodes([&](const NodeRow& row) {
    const auto v = static_cast<std::uint32_t>(impl->ids.size());
    if (static_cast<std::size_t>(row.key) >= vertex_of_key.size()) {
      vertex_of_key.resize(static_cast<std::size_t>(row.key) * 2 + 1, kNone);
    }
    vertex_of_key[static_cast<std::size_t>(row.key)] = v;
    impl->ids.push_back(row.id);
    impl->names.push_back(row.name);
    impl->types.push_back(intern(impl->node_types, row.type));
  });

  struct Pending {
    std::uint32_t from, to;
    EdgeAttributes attributes;
    std::int64_t store_id;
  };
  std::vector<Pending> pending;
  store.scan_edges([&](const EdgeRow& row) {
    Pending p{vertex_of_key.at(static_cast<std::size_t>(row.from_key)),
              vertex_of_key.at(static_cast<std::size_t>(row.to_key)),
              {intern(impl->edge_types, row.type), 0, 0},
              row.key};
    if (const auto range = date_range(row.date)) {
      p.attributes.date_first = range->first;
      p.attributes.date_last = range->last;
    }
    pending.push_back(p);
  });
  vertex_of_key = {};
  // Deterministic order: by source, target, then type and date.
  std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
    return std::tie(a.from, a.to, a.attributes.type, a.attributes.date_first,
                    a.attributes.date_last,
                    a.store_id) < std::tie(b.from, b.to, b.attributes.type, b.attributes.date_first,
                                           b.attributes.date_last, b.store_id);
  });
  std::vector<std::pair<std::uint32_t, std::uint32_t>> endpoints;
  std::vector<EdgeAttributes> attributes;
  endpoints.reserve(pending.size());
  attributes.reserve(pending.size());
  impl->store_ids.reserve(pending.size());
  for (const Pending& p : pending) {
    endpoints.emplace_back(p.from, p.to);
    attributes.push_back(p.attributes);
    impl->store_ids.push_back(p.store_id);
  }
  pending = {};
  impl->graph = CsrGraph(boost::edges_are_unsorted_multi_pass, endpoints.begin(), endpoints.end(),
                         attributes.begin(), static_cast<std::uint32_t>(impl->ids.size()));
  return GraphSnapshot(std::move(impl));
}

GraphSnapshot::GraphSnapshot(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
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
  return impl_->node_types[impl_->types[index_of(v)]];
}
std::uint16_t GraphSnapshot::node_type_index(VertexId v) const { return impl_->types[index_of(v)]; }

SnapshotEdge GraphSnapshot::edge(EdgeId e) const {
  const CsrGraph& g = impl_->graph;
  const auto descriptor = boost::edge_from_index(index_of(e), g);
  const EdgeAttributes& a = g[descriptor];
  SnapshotEdge out{VertexId(static_cast<std::uint32_t>(boost::source(descriptor, g))),
                   VertexId(static_cast<std::uint32_t>(boost::target(descriptor, g))), a.type,
                   std::nullopt, impl_->store_ids[index_of(e)]};
  if (a.date_first != 0) out.date = DateRange{a.date_first, a.date_last};
  return out;
}

const std::string& GraphSnapshot::edge_type_name(EdgeId e) const {
  const CsrGraph& g = impl_->graph;
  return impl_->edge_types[g[boost::edge_from_index(index_of(e), g)].type];
}

const std::vector<std::string>& GraphSnapshot::node_types() const { return impl_->node_types; }
const std::vector<std::string>& GraphSnapshot::edge_types() const { return impl_->edge_types; }

std::size_t GraphSnapshot::graph_bytes() const {
  // Forward CSR: row starts, targets and attributes; backward CSR: row starts, sources and edge
  // indices; plus the store keys and vertex types kept beside it.
  const std::size_t v = vertex_count() + 1;
  const std::size_t e = edge_count();
  return v * 4 + e * (4 + sizeof(EdgeAttributes)) + v * 4 + e * (4 + 4) + e * 8 +
         vertex_count() * 2;
}

}  // namespace ergraph
