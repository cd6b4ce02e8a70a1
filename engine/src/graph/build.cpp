// Building a snapshot from the store's tables: vertices in id order, edges sorted by (from, to,
// type, date), then the in-rows and the merged both-ways rows derived from the out-rows.
#include <algorithm>
#include <numeric>
#include <tuple>

#include "ergraph/error.hpp"
#include "ergraph/graph.hpp"
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

// Fills the in-rows from the out-rows: each vertex's sources ascending, parallel edges in edge
// order (a stable counting sort of the edges by target).
void index_in_edges(AdjacencyArrays& a) {
  const std::size_t n = a.vertex_types.size();
  const std::size_t m = a.out_target.size();
  a.in_start.assign(n + 1, 0);
  for (std::uint32_t w : a.out_target) ++a.in_start[w + 1];
  std::partial_sum(a.in_start.begin(), a.in_start.end(), a.in_start.begin());
  std::vector<std::uint32_t> next(a.in_start.begin(), a.in_start.end() - 1);
  a.in_source.resize(m);
  a.in_edge.resize(m);
  for (std::uint32_t v = 0; v < n; ++v) {
    for (std::uint32_t e = a.out_start[v]; e != a.out_start[v + 1]; ++e) {
      const std::uint32_t k = next[a.out_target[e]]++;
      a.in_source[k] = v;
      a.in_edge[k] = e;
    }
  }
}

// Fills the both-ways rows: each vertex's out-row and in-row merged, out-edges first on ties.
void merge_both_ways(AdjacencyArrays& a) {
  const std::size_t n = a.vertex_types.size();
  const std::size_t m = a.out_target.size();
  if (m >= Adjacency::kIncoming) {
    throw Error(ErrorCode::kInternal, "more edges than a snapshot holds (2^31)");
  }
  a.both_start.assign(n + 1, 0);
  a.both_vertex.resize(2 * m);
  a.both_edge.resize(2 * m);
  std::uint32_t k = 0;
  for (std::size_t v = 0; v < n; ++v) {
    a.both_start[v] = k;
    std::uint32_t o = a.out_start[v], o_end = a.out_start[v + 1];
    std::uint32_t i = a.in_start[v], i_end = a.in_start[v + 1];
    while (o != o_end || i != i_end) {
      if (o != o_end && (i == i_end || a.out_target[o] <= a.in_source[i])) {
        a.both_vertex[k] = a.out_target[o];
        a.both_edge[k++] = o++;
      } else {
        a.both_vertex[k] = a.in_source[i];
        a.both_edge[k++] = a.in_edge[i++] | Adjacency::kIncoming;
      }
    }
  }
  a.both_start[n] = k;
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

GraphSnapshot GraphSnapshot::build(const Store& store) {
  auto impl = std::make_unique<Impl>();
  AdjacencyArrays arrays;
  impl->data_version = store.data_version();
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
    arrays.vertex_types.push_back(intern(impl->node_types, row.type));
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
  // Out-rows: the sorted edges are already grouped by source, so edge index == EdgeId.
  const std::size_t n = impl->ids.size();
  arrays.out_start.assign(n + 1, 0);
  arrays.out_target.reserve(pending.size());
  arrays.attributes.reserve(pending.size());
  impl->store_ids.reserve(pending.size());
  for (const Pending& p : pending) {
    ++arrays.out_start[p.from + 1];
    arrays.out_target.push_back(p.to);
    arrays.attributes.push_back(p.attributes);
    impl->store_ids.push_back(p.store_id);
  }
  pending = {};
  std::partial_sum(arrays.out_start.begin(), arrays.out_start.end(), arrays.out_start.begin());
  index_in_edges(arrays);
  merge_both_ways(arrays);
  return GraphSnapshot(std::move(impl), Adjacency(std::move(arrays)));
}

}  // namespace ergraph
