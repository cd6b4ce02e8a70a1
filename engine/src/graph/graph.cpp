#include "ergraph/graph.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <numeric>
#include <tuple>
#include <type_traits>

#include "ergraph/error.hpp"
#include "ergraph/text.hpp"

namespace ergraph {

// What the snapshot holds beside its adjacency arrays.
struct GraphSnapshot::Impl {
  std::vector<std::int64_t> store_ids;  // by EdgeId
  std::vector<std::string> ids;         // by VertexId, sorted
  std::vector<std::string> names;       // by VertexId
  std::vector<std::string> node_types;
  std::vector<std::string> edge_types;
  std::string data_version;  // of the store it was built from (Store::data_version)
};

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

namespace {

// The image: a header, then every array of the snapshot as (count, raw elements), strings as
// (count, lengths, bytes). Native byte order, checked on load: it is a cache for this machine's
// builds of ergraph, not an interchange format (that is JSONL).
constexpr char kImageName[] = "graph-snapshot";
constexpr char kImageMagic[16] = "ergraph-snap-03";
constexpr std::uint32_t kByteOrderMark = 0x01020304;

class ImageWriter {
 public:
  explicit ImageWriter(std::function<void(const void*, std::size_t)> append)
      : append_(std::move(append)) {}
  template <typename T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    append_(&v, sizeof v);
  }
  template <typename T>
  void array(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    value(static_cast<std::uint64_t>(v.size()));
    if (!v.empty()) append_(v.data(), v.size() * sizeof(T));
  }
  void strings(const std::vector<std::string>& v) {
    std::vector<std::uint32_t> lengths;
    lengths.reserve(v.size());
    for (const std::string& s : v) lengths.push_back(static_cast<std::uint32_t>(s.size()));
    array(lengths);
    std::string bytes;
    for (const std::string& s : v) {
      bytes += s;
      if (bytes.size() > (1u << 20)) {
        append_(bytes.data(), bytes.size());
        bytes.clear();
      }
    }
    if (!bytes.empty()) append_(bytes.data(), bytes.size());
  }

 private:
  std::function<void(const void*, std::size_t)> append_;
};

class ImageReader {
 public:
  explicit ImageReader(Store::CacheReader& in) : in_(in) {}
  template <typename T>
  T value() {
    T v;
    in_.read(&v, sizeof v);
    return v;
  }
  template <typename T>
  void array(std::vector<T>& v) {
    const auto n = value<std::uint64_t>();
    if (n > in_.size() / sizeof(T)) throw Error(ErrorCode::kStorage, "corrupt graph image");
    v.resize(static_cast<std::size_t>(n));
    if (n > 0) in_.read(v.data(), v.size() * sizeof(T));
  }
  void strings(std::vector<std::string>& v) {
    std::vector<std::uint32_t> lengths;
    array(lengths);
    std::uint64_t total = 0;
    for (std::uint32_t n : lengths) total += n;
    if (total > in_.size()) throw Error(ErrorCode::kStorage, "corrupt graph image");
    std::string bytes(static_cast<std::size_t>(total), '\0');
    in_.read(bytes.data(), bytes.size());
    v.clear();
    v.reserve(lengths.size());
    std::size_t offset = 0;
    for (std::uint32_t n : lengths) {
      v.emplace_back(bytes, offset, n);
      offset += n;
    }
  }

 private:
  Store::CacheReader& in_;
};

// The image's contents after its header, in order: one list for writing (const snapshot parts,
// an ImageWriter) and reading (a snapshot's parts, an ImageReader). The arrays are those the
// snapshot has always saved, in the same order (the out-rows as a CSR's forward rows, the
// in-rows as its backward rows with edge indices), so images of ergraph-snap-03 stay readable.
template <typename Image, typename Strings, typename Arrays>
void image_fields(Image& image, Strings& s, Arrays& a) {
  image.strings(s.node_types);
  image.strings(s.edge_types);
  image.strings(s.ids);
  image.strings(s.names);
  image.array(a.vertex_types);
  image.array(s.store_ids);
  image.array(a.out_start);
  image.array(a.out_target);
  image.array(a.attributes);
  image.array(a.in_start);
  image.array(a.in_source);
  image.array(a.in_edge);
  image.array(a.both_start);
  image.array(a.both_vertex);
  image.array(a.both_edge);
}

// Writes (or, with a counting `append`, sizes) the image of a snapshot.
template <typename Strings>
void write_image(const Strings& s, const AdjacencyArrays& a, ImageWriter& out) {
  out.value(kImageMagic);
  out.value(kByteOrderMark);
  out.value(static_cast<std::uint32_t>(sizeof(EdgeAttributes)));
  image_fields(out, s, a);
}

}  // namespace

GraphSnapshot GraphSnapshot::load(const Store& store) {
  auto impl = std::make_unique<Impl>();
  AdjacencyArrays arrays;
  impl->data_version = store.data_version();
  bool usable = false;
  try {
    store.read_cache(kImageName, impl->data_version, [&](Store::CacheReader& in) {
      ImageReader image(in);
      const auto magic = image.value<std::array<char, sizeof kImageMagic>>();
      if (std::memcmp(magic.data(), kImageMagic, sizeof kImageMagic) != 0 ||
          image.value<std::uint32_t>() != kByteOrderMark ||
          image.value<std::uint32_t>() != sizeof(EdgeAttributes)) {
        return;  // another version's image: rebuild
      }
      image_fields(image, *impl, arrays);
      const std::size_t n = impl->ids.size();
      usable = impl->names.size() == n && arrays.vertex_types.size() == n &&
               impl->store_ids.size() == arrays.out_target.size() && arrays.consistent();
    });
  } catch (const Error&) {
    usable = false;  // an unreadable image is only a lost shortcut: rebuild from the tables
  }
  if (!usable) return build(store);
  return GraphSnapshot(std::move(impl), Adjacency(std::move(arrays)));
}

bool GraphSnapshot::save_image(Store& store) const {
  std::size_t size = 0;
  ImageWriter counter([&](const void*, std::size_t n) { size += n; });
  write_image(*impl_, adjacency_.arrays(), counter);
  if (size > 1'000'000'000) return false;  // SQLITE_MAX_LENGTH's default
  store.write_cache(kImageName, impl_->data_version, size, [&](const auto& append) {
    ImageWriter writer(append);
    write_image(*impl_, adjacency_.arrays(), writer);
  });
  return true;
}

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

SnapshotEdge GraphSnapshot::edge(EdgeId e) const {
  const std::uint32_t i = index_of(e);
  const EdgeAttributes& a = adjacency_.attributes(i);
  SnapshotEdge out{VertexId(adjacency_.source(i)), VertexId(adjacency_.target(i)), a.type,
                   std::nullopt, impl_->store_ids[i]};
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
  // and vertex types kept beside it.
  const std::size_t v = vertex_count() + 1;
  const std::size_t e = edge_count();
  return v * 4 + e * (4 + sizeof(EdgeAttributes)) + v * 4 + e * (4 + 4) + v * 4 + 2 * e * 8 +
         e * 8 + vertex_count() * 2;
}

std::size_t GraphSnapshot::string_bytes() const {
  std::size_t bytes = 0;
  for (const auto* strings : {&impl_->ids, &impl_->names}) {
    for (const std::string& s : *strings) {
      bytes += sizeof(std::string) + (s.capacity() > 15 ? s.capacity() + 1 : 0);
    }
  }
  return bytes;
}

}  // namespace ergraph
