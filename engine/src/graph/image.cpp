// The snapshot's saved image: one streaming read instead of a rebuild when the data has not
// changed since it was saved.
#include <array>
#include <cstring>
#include <functional>
#include <type_traits>

#include "ergraph/checksum.hpp"
#include "ergraph/error.hpp"
#include "ergraph/graph.hpp"
#include "ergraph/memory.hpp"
#include "snapshot_impl.hpp"

namespace ergraph {

namespace {

// The image: a header, then every array of the snapshot as (count, raw elements), strings as
// (count, lengths, bytes). Native byte order, checked on load: it is a cache for this machine's
// builds of ergraph, not an interchange format (that is JSONL).
constexpr char kImageName[] = "graph-snapshot";
constexpr char kImageMagic[16] = "ergraph-snap-04";
constexpr std::uint32_t kByteOrderMark = 0x01020304;

class ImageWriter {
 public:
  explicit ImageWriter(std::function<void(const void*, std::size_t)> append)
      : append_([this, append = std::move(append)](const void* data, std::size_t n) {
          hash_.add(data, n);
          append(data, n);
        }) {}
  // The checksum of everything written so far, written last.
  void finish() {
    const std::uint64_t sum = hash_.value();
    append_(&sum, sizeof sum);
  }
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
  Checksum hash_;
  std::function<void(const void*, std::size_t)> append_;
};

class ImageReader {
 public:
  explicit ImageReader(Store::CacheReader& in) : in_(in) {}
  template <typename T>
  T value() {
    T v;
    read(&v, sizeof v);
    return v;
  }
  // Whether the checksum written last matches what was read.
  bool checksum_matches() {
    const std::uint64_t expected = hash_.value();
    std::uint64_t stored = 0;
    in_.read(&stored, sizeof stored);
    return stored == expected;
  }
  template <typename T>
  void array(std::vector<T>& v) {
    const auto n = value<std::uint64_t>();
    if (n > in_.size() / sizeof(T)) throw Error(ErrorCode::kStorage, "corrupt graph image");
    v.clear();
    resize_on_huge_pages(v, static_cast<std::size_t>(n));
    if (n > 0) read(v.data(), v.size() * sizeof(T));
  }
  void strings(std::vector<std::string>& v) {
    std::vector<std::uint32_t> lengths;
    array(lengths);
    std::uint64_t total = 0;
    for (std::uint32_t n : lengths) total += n;
    if (total > in_.size()) throw Error(ErrorCode::kStorage, "corrupt graph image");
    std::string bytes;
    bytes.reserve(static_cast<std::size_t>(total));
    advise_huge_pages(bytes.data(), bytes.capacity());
    bytes.resize(static_cast<std::size_t>(total));
    read(bytes.data(), bytes.size());
    v.clear();
    v.reserve(lengths.size());
    std::size_t offset = 0;
    for (std::uint32_t n : lengths) {
      v.emplace_back(bytes, offset, n);
      offset += n;
    }
  }

 private:
  void read(void* into, std::size_t n) {
    in_.read(into, n);
    hash_.add(into, n);
  }

  Store::CacheReader& in_;
  Checksum hash_;
};

// Every count, offset and index of a loaded image within bounds, so that a damaged or forged
// image can never make a search read outside an array: row starts from 0, never decreasing,
// ending at the edge count; every vertex, edge and type index below its count; ids sorted (the
// lookup by id is a binary search).
template <typename Strings>
bool within_bounds(const Strings& s, const AdjacencyArrays& a) {
  const std::size_t n = s.ids.size(), m = a.out_target.size();
  if (s.names.size() != n || a.vertex_types.size() != n || s.store_ids.size() != m ||
      !a.consistent() || m >= Adjacency::kIncoming) {
    return false;
  }
  auto rows_ok = [](const std::vector<std::uint32_t>& start) {
    if (start.front() != 0) return false;
    for (std::size_t i = 1; i < start.size(); ++i) {
      if (start[i] < start[i - 1]) return false;
    }
    return true;
  };
  auto below = [](const std::vector<std::uint32_t>& values, std::size_t limit, std::uint32_t mask) {
    for (std::uint32_t v : values) {
      if ((v & mask) >= limit) return false;
    }
    return true;
  };
  if (!rows_ok(a.out_start) || !rows_ok(a.in_start) || !rows_ok(a.both_start)) return false;
  if (!below(a.out_target, n, ~0u) || !below(a.in_source, n, ~0u) || !below(a.in_edge, m, ~0u) ||
      !below(a.both_vertex, n, ~0u) || !below(a.both_edge, m, ~Adjacency::kIncoming)) {
    return false;
  }
  for (std::uint16_t t : a.vertex_types) {
    if (t >= s.node_types.size()) return false;
  }
  for (const EdgeAttributes& e : a.attributes) {
    if (e.type >= s.edge_types.size()) return false;
  }
  for (std::size_t i = 1; i < n; ++i) {
    if (!(s.ids[i - 1] < s.ids[i])) return false;
  }
  return true;
}

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
  out.finish();
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
      usable = image.checksum_matches() && within_bounds(*impl, arrays);
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

}  // namespace ergraph
