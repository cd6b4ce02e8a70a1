#include "ergraph/graph.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <numeric>
#include <type_traits>
#include <unordered_map>

#include "ergraph/error.hpp"
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

// Fills impl.both_*: each vertex's out-row and in-row merged, out-edges first on ties.
void merge_both_ways(GraphSnapshot::Impl& impl) {
  const auto& forward = impl.graph.m_forward;
  const auto& backward = impl.graph.m_backward;
  const std::size_t n = impl.ids.size();
  if (impl.store_ids.size() >= GraphSnapshot::Impl::kIncoming) {
    throw Error(ErrorCode::kInternal, "more edges than a snapshot holds (2^31)");
  }
  impl.both_start.assign(n + 1, 0);
  impl.both_vertex.resize(2 * impl.store_ids.size());
  impl.both_edge.resize(2 * impl.store_ids.size());
  std::uint32_t k = 0;
  for (std::size_t v = 0; v < n; ++v) {
    impl.both_start[v] = k;
    std::uint32_t o = forward.m_rowstart[v], o_end = forward.m_rowstart[v + 1];
    std::uint32_t i = backward.m_rowstart[v], i_end = backward.m_rowstart[v + 1];
    while (o != o_end || i != i_end) {
      if (o != o_end && (i == i_end || forward.m_column[o] <= backward.m_column[i])) {
        impl.both_vertex[k] = forward.m_column[o];
        impl.both_edge[k++] = o++;
      } else {
        impl.both_vertex[k] = backward.m_column[i];
        impl.both_edge[k++] = backward.m_edge_properties[i++] | GraphSnapshot::Impl::kIncoming;
      }
    }
  }
  impl.both_start[n] = k;
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
  merge_both_ways(*impl);
  return GraphSnapshot(std::move(impl));
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

// The image's contents after its header, in order: one list for writing (Impl const, an
// ImageWriter) and reading (Impl, an ImageReader).
template <typename Image, typename SnapshotImpl>
void image_fields(Image& image, SnapshotImpl& impl) {
  image.strings(impl.node_types);
  image.strings(impl.edge_types);
  image.strings(impl.ids);
  image.strings(impl.names);
  image.array(impl.types);
  image.array(impl.store_ids);
  auto& g = impl.graph;
  image.array(g.m_forward.m_rowstart);
  image.array(g.m_forward.m_column);
  image.array(g.m_forward.m_edge_properties);
  image.array(g.m_backward.m_rowstart);
  image.array(g.m_backward.m_column);
  image.array(g.m_backward.m_edge_properties);
  image.array(impl.both_start);
  image.array(impl.both_vertex);
  image.array(impl.both_edge);
}

// Writes (or, with a counting `append`, sizes) the image of `impl`.
void write_image(const GraphSnapshot::Impl& impl, ImageWriter& out) {
  out.value(kImageMagic);
  out.value(kByteOrderMark);
  out.value(static_cast<std::uint32_t>(sizeof(EdgeAttributes)));
  image_fields(out, impl);
}

}  // namespace

GraphSnapshot GraphSnapshot::load(const Store& store) {
  auto impl = std::make_unique<Impl>();
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
      image_fields(image, *impl);
      const CsrGraph& g = impl->graph;
      const std::size_t n = impl->ids.size();
      const std::size_t m = impl->store_ids.size();
      usable = impl->names.size() == n && impl->types.size() == n &&
               g.m_forward.m_rowstart.size() == n + 1 && g.m_backward.m_rowstart.size() == n + 1 &&
               g.m_forward.m_column.size() == m && g.m_forward.m_edge_properties.size() == m &&
               g.m_backward.m_column.size() == m && g.m_backward.m_edge_properties.size() == m &&
               g.m_forward.m_rowstart.back() == m && g.m_backward.m_rowstart.back() == m &&
               impl->both_start.size() == n + 1 && impl->both_vertex.size() == 2 * m &&
               impl->both_edge.size() == 2 * m && impl->both_start.back() == 2 * m;
    });
  } catch (const Error&) {
    usable = false;  // an unreadable image is only a lost shortcut: rebuild from the tables
  }
  if (!usable) return build(store);
  return GraphSnapshot(std::move(impl));
}

bool GraphSnapshot::save_image(Store& store) const {
  std::size_t size = 0;
  ImageWriter counter([&](const void*, std::size_t n) { size += n; });
  write_image(*impl_, counter);
  if (size > 1'000'000'000) return false;  // SQLITE_MAX_LENGTH's default
  store.write_cache(kImageName, impl_->data_version, size, [&](const auto& append) {
    ImageWriter writer(append);
    write_image(*impl_, writer);
  });
  return true;
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
