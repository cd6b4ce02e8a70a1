// Building a snapshot from the store's tables: vertices in id order, edges sorted by (from, to,
// type, date), then the in-rows and the merged both-ways rows derived from the out-rows.
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <tuple>

#include "ergraph/error.hpp"
#include "ergraph/graph.hpp"
#include "ergraph/memory.hpp"
#include "ergraph/text.hpp"
#include "snapshot_impl.hpp"

namespace ergraph {

namespace {

// Store keys (rowids) to vertices, for the edge scan. Keys are dense in a database ergraph
// wrote, so a vector maps them without a search; the file may have been edited by other tools (or
// be hostile), so sparse or negative keys fall back to the snapshot's sorted keys instead of a
// vector as large as the largest key. (A template: GraphSnapshot::Impl is a private type.)
template <typename SnapshotImpl>
class VertexOfKey {
 public:
  explicit VertexOfKey(const SnapshotImpl& snapshot) : snapshot_(snapshot) {
    const std::span<const std::int64_t> keys = snapshot.sorted_keys;
    if (!keys.empty() && keys.front() >= 0 &&
        keys.back() < static_cast<std::int64_t>(keys.size()) * 4 + 1024) {
      by_key_.assign(static_cast<std::size_t>(keys.back() + 1), kNone);
      for (std::size_t i = 0; i < keys.size(); ++i) {
        by_key_[static_cast<std::size_t>(keys[i])] = snapshot.vertex_of_sorted_key[i];
      }
    }
  }

  // The vertex of an edge's endpoint; Error(kStorage) naming the edge when the node is missing
  // (a row deleted with foreign keys off): never a vertex that is not there.
  std::uint32_t at(std::int64_t key, const EdgeRow& edge) const {
    std::uint32_t v = kNone;
    if (!by_key_.empty()) {
      if (key >= 0 && static_cast<std::size_t>(key) < by_key_.size()) {
        v = by_key_[static_cast<std::size_t>(key)];
      }
    } else {
      v = snapshot_.vertex_of_key(key).value_or(kNone);
    }
    if (v == kNone) {
      throw Error(ErrorCode::kStorage,
                  "edge " + std::to_string(edge.key) + " (" + edge.type + ") joins node key " +
                      std::to_string(key) +
                      ", which is not in the nodes table: the database was edited outside "
                      "ergraph (PRAGMA foreign_key_check lists such rows)");
    }
    return v;
  }

 private:
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};
  const SnapshotImpl& snapshot_;
  std::vector<std::uint32_t> by_key_;
};

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
  resize_on_huge_pages(a.in_source, m);
  resize_on_huge_pages(a.in_edge, m);
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
  resize_on_huge_pages(a.both_vertex, 2 * m);
  resize_on_huge_pages(a.both_edge, 2 * m);
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

std::string date_text(const DateRange& range) {
  const std::int32_t year = range.first / 10000, month = range.first / 100 % 100;
  char text[16];
  if (range.first == range.last) {
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, range.first % 100);
  } else if (range.first % 10000 == 101 && range.last == year * 10000 + 1231) {
    std::snprintf(text, sizeof text, "%04d", year);
  } else {
    std::snprintf(text, sizeof text, "%04d-%02d", year, month);
  }
  return text;
}

GraphSnapshot GraphSnapshot::build(const Store& store) {
  auto impl = std::make_unique<Impl>();
  AdjacencyArrays arrays;
  impl->data_version = store.data_version();
  impl->node_types = store.schema().node_type_names();
  impl->edge_types = store.schema().edge_type_names();

  std::vector<std::pair<std::int64_t, std::uint32_t>> keys;  // (store key, vertex)
  store.scan_nodes([&](const NodeRow& row) {
    const auto v = static_cast<std::uint32_t>(impl->ids.size());
    keys.emplace_back(row.key, v);
    impl->ids.push_back(row.id);
    impl->names.push_back(row.name);
    arrays.vertex_types.push_back(intern(impl->node_types, row.type));
    if (!row.publisher.empty()) {
      impl->publisher_vertices.push_back(v);
      impl->publishers.push_back(row.publisher);
    }
  });
  std::sort(keys.begin(), keys.end());
  impl->owned_sorted_keys.reserve(keys.size());
  impl->owned_vertex_of_sorted_key.reserve(keys.size());
  for (const auto& [key, v] : keys) {
    impl->owned_sorted_keys.push_back(key);
    impl->owned_vertex_of_sorted_key.push_back(v);
  }
  std::vector<std::pair<std::int64_t, std::uint32_t>>().swap(keys);
  impl->sorted_keys = impl->owned_sorted_keys;
  impl->vertex_of_sorted_key = impl->owned_vertex_of_sorted_key;
  const VertexOfKey vertex_of_key(*impl);

  struct Pending {
    std::uint32_t from, to;
    EdgeAttributes attributes;
    std::int64_t store_id;
  };
  std::vector<Pending> pending;
  store.scan_edges([&](const EdgeRow& row) {
    Pending p{vertex_of_key.at(row.from_key, row),
              vertex_of_key.at(row.to_key, row),
              {.type = intern(impl->edge_types, row.type)},
              row.key};
    const std::optional<DateRange> range = date_range(row.date);
    if (range) {
      p.attributes.date_first = range->first;
      p.attributes.date_last = range->last;
    }
    const bool date_spelt_back = range ? date_text(*range) == row.date : row.date.empty();
    p.attributes.more_in_store = row.props_empty && date_spelt_back ? 0 : 1;
    grow_on_huge_pages(pending);
    pending.push_back(p);
  });
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
  reserve_on_huge_pages(arrays.out_target, pending.size());
  reserve_on_huge_pages(arrays.attributes, pending.size());
  reserve_on_huge_pages(impl->owned_store_ids, pending.size());
  for (const Pending& p : pending) {
    ++arrays.out_start[p.from + 1];
    arrays.out_target.push_back(p.to);
    arrays.attributes.push_back(p.attributes);
    impl->owned_store_ids.push_back(p.store_id);
  }
  std::vector<Pending>().swap(pending);  // freed now (pending = {} would keep its capacity)
  std::partial_sum(arrays.out_start.begin(), arrays.out_start.end(), arrays.out_start.begin());
  impl->store_ids = impl->owned_store_ids;
  index_in_edges(arrays);
  merge_both_ways(arrays);
  return GraphSnapshot(std::move(impl), Adjacency(std::move(arrays)));
}

}  // namespace ergraph
