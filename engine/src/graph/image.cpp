// The snapshot's saved image: a file beside the database, mapped, instead of a rebuild when the
// data has not changed since it was saved.
#include <algorithm>
#include <array>
#include <cstring>
#include <type_traits>

#include "ergraph/checksum.hpp"
#include "ergraph/error.hpp"
#include "ergraph/graph.hpp"
#include "ergraph/memory.hpp"
#include "snapshot_impl.hpp"

namespace ergraph {

namespace {

// The image: a header, then every array of the snapshot as (count, padding to 8 bytes, raw
// elements), strings as (lengths as such an array, their bytes). The padding lets a mapped
// image's arrays be read where they lie. Native byte order, checked on load: it is a cache for
// this machine's builds of ergraph, not an interchange format (that is JSONL). Its checksum is
// the stamp recorded in the database, so that a file from another database, or damaged, is not
// used.
constexpr char kImageName[] = "graph-snapshot";
constexpr char kImageMagic[16] = "ergraph-snap-06";
constexpr std::uint32_t kByteOrderMark = 0x01020304;
constexpr std::size_t kAlignment = 8;

class ImageWriter {
 public:
  explicit ImageWriter(const Store::Append& append) : append_(append) {}
  std::string stamp() const { return hash_.hex(); }
  template <typename T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes(&v, sizeof v);
  }
  template <typename T>
  void array(std::span<const T> v) {
    static_assert(std::is_trivially_copyable_v<T>);
    value(static_cast<std::uint64_t>(v.size()));
    static constexpr char kZeros[kAlignment] = {};
    if (offset_ % kAlignment != 0) bytes(kZeros, kAlignment - offset_ % kAlignment);
    if (!v.empty()) bytes(v.data(), v.size_bytes());
  }
  void strings(const std::vector<std::string>& v) {
    std::vector<std::uint32_t> lengths;
    lengths.reserve(v.size());
    for (const std::string& s : v) lengths.push_back(static_cast<std::uint32_t>(s.size()));
    array(std::span<const std::uint32_t>(lengths));
    std::string pieces;
    for (const std::string& s : v) {
      pieces += s;
      if (pieces.size() > (1u << 20)) {
        bytes(pieces.data(), pieces.size());
        pieces.clear();
      }
    }
    if (!pieces.empty()) bytes(pieces.data(), pieces.size());
  }

 private:
  void bytes(const void* data, std::size_t n) {
    hash_.add(data, n);
    append_(data, n);
    offset_ += n;
  }

  const Store::Append& append_;
  Checksum hash_;
  std::size_t offset_ = 0;
};

// Reads a mapped image in place, checksumming it as it goes. Every array is checked as it is
// passed, a piece at a time while the piece is in the processor's cache, so that the whole
// image is read from memory once. Throws Error(kStorage) at the first thing out of place.
class ImageReader {
 public:
  explicit ImageReader(std::span<const std::byte> in) : in_(in) {}
  bool at_end() const { return offset_ == in_.size(); }
  std::string stamp() const { return hash_.hex(); }
  template <typename T>
  T value() {
    static_assert(std::is_trivially_copyable_v<T>);
    T v;
    if (sizeof v > in_.size() - offset_) corrupt();
    std::memcpy(&v, in_.data() + offset_, sizeof v);
    pass(sizeof v);
    return v;
  }
  // An array where it lies, every piece of it passed to `check(span)` (false: corrupt).
  template <typename T, typename Check>
  std::span<const T> array(Check&& check) {
    static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= kAlignment);
    const auto n = value<std::uint64_t>();
    if (offset_ % kAlignment != 0) {
      const std::size_t padding = kAlignment - offset_ % kAlignment;
      if (padding > in_.size() - offset_) corrupt();
      pass(padding);
    }
    if (n > (in_.size() - offset_) / sizeof(T)) corrupt();
    // The mapping starts on a page and the offset is a multiple of 8: aligned for T.
    const T* elements = reinterpret_cast<const T*>(in_.data() + offset_);
    constexpr std::size_t kPiece = (64 * 1024) / sizeof(T);
    for (std::size_t i = 0; i < n; i += kPiece) {
      const std::span<const T> piece(elements + i, std::min<std::size_t>(kPiece, n - i));
      hash_.add(piece.data(), piece.size_bytes());
      if (!check(piece)) corrupt();
    }
    offset_ += n * sizeof(T);
    return {elements, static_cast<std::size_t>(n)};
  }
  std::vector<std::string> strings() {
    const auto lengths = array<std::uint32_t>([](auto) { return true; });
    std::uint64_t total = 0;
    for (std::uint32_t n : lengths) total += n;
    if (total > in_.size() - offset_) corrupt();
    const char* bytes = reinterpret_cast<const char*>(in_.data() + offset_);
    pass(static_cast<std::size_t>(total));
    std::vector<std::string> v;
    v.reserve(lengths.size());
    for (std::uint32_t n : lengths) {
      v.emplace_back(bytes, n);
      bytes += n;
    }
    return v;
  }

 private:
  [[noreturn]] static void corrupt() { throw Error(ErrorCode::kStorage, "corrupt graph image"); }
  void pass(std::size_t n) {
    hash_.add(in_.data() + offset_, n);
    offset_ += n;
  }

  std::span<const std::byte> in_;
  std::size_t offset_ = 0;
  Checksum hash_;
};

// Writes the image of a snapshot (its Impl, a private type: hence the template), in the order
// read_image reads it.
template <typename Strings>
void write_image(const Strings& s, const AdjacencyView& a, ImageWriter& out) {
  out.value(kImageMagic);
  out.value(kByteOrderMark);
  out.value(static_cast<std::uint32_t>(sizeof(EdgeAttributes)));
  out.strings(s.node_types);
  out.strings(s.edge_types);
  out.strings(s.ids);
  out.strings(s.names);
  out.strings(s.publishers);
  out.array(a.vertex_types);
  out.array(s.store_ids);
  out.array(a.out_start);
  out.array(a.out_target);
  out.array(a.attributes);
  out.array(a.in_start);
  out.array(a.in_source);
  out.array(a.in_edge);
  out.array(a.both_start);
  out.array(a.both_vertex);
  out.array(a.both_edge);
  out.array(s.sorted_keys);
  out.array(s.vertex_of_sorted_key);
  out.array(std::span<const std::uint32_t>(s.publisher_vertices));
}

// Checks for the pieces of an array: every value (masked) below `limit`.
auto below(std::size_t limit, std::uint32_t mask = ~0u) {
  return [limit, mask](std::span<const std::uint32_t> piece) {
    bool ok = true;
    for (std::uint32_t v : piece) ok &= (v & mask) < limit;
    return ok;
  };
}

// Values rising from one to the next (over the pieces of one array).
template <typename T>
auto strictly_rising() {
  return [previous = T{}, first = true](std::span<const T> piece) mutable {
    bool ok = true;
    for (T v : piece) {
      ok &= first || v > previous;
      previous = v;
      first = false;
    }
    return ok;
  };
}

// Row starts: from 0, never decreasing (consistent() then checks the last against the count).
auto row_starts() {
  return [previous = std::uint32_t{0}, first = true](std::span<const std::uint32_t> piece) mutable {
    if (first && !piece.empty() && piece.front() != 0) return false;
    first = false;
    bool ok = true;
    for (std::uint32_t v : piece) {
      ok &= v >= previous;
      previous = v;
    }
    return ok;
  };
}

// Reads a mapped image into `s` and `a`, checking every count, offset and index within bounds,
// so that a damaged or forged image can never make a search read outside an array: row starts
// from 0, never decreasing, ending at the edge count; every vertex, edge and type index below
// its count; ids sorted and node keys rising (the lookups by id and by key are binary searches).
// False when the image is of another version or its checksum is not `stamp`; Error(kStorage) when
// it is corrupt.
template <typename Strings>
bool read_image(std::span<const std::byte> bytes, const std::string& stamp, Strings& s,
                AdjacencyView& a) {
  ImageReader in(bytes);
  const auto magic = in.value<std::array<char, sizeof kImageMagic>>();
  if (std::memcmp(magic.data(), kImageMagic, sizeof kImageMagic) != 0 ||
      in.value<std::uint32_t>() != kByteOrderMark ||
      in.value<std::uint32_t>() != sizeof(EdgeAttributes)) {
    return false;  // another version's image: rebuild
  }
  s.node_types = in.strings();
  s.edge_types = in.strings();
  s.ids = in.strings();
  s.names = in.strings();
  s.publishers = in.strings();
  const std::size_t n = s.ids.size();
  a.vertex_types = in.array<std::uint16_t>([&](std::span<const std::uint16_t> piece) {
    bool ok = true;
    for (std::uint16_t t : piece) ok &= t < s.node_types.size();
    return ok;
  });
  s.store_ids = in.array<std::int64_t>([](auto) { return true; });
  const std::size_t m = s.store_ids.size();
  if (m >= Adjacency::kIncoming) return false;
  a.out_start = in.array<std::uint32_t>(row_starts());
  a.out_target = in.array<std::uint32_t>(below(n));
  a.attributes = in.array<EdgeAttributes>([&](std::span<const EdgeAttributes> piece) {
    bool ok = true;
    for (const EdgeAttributes& e : piece) ok &= e.type < s.edge_types.size();
    return ok;
  });
  a.in_start = in.array<std::uint32_t>(row_starts());
  a.in_source = in.array<std::uint32_t>(below(n));
  a.in_edge = in.array<std::uint32_t>(below(m));
  a.both_start = in.array<std::uint32_t>(row_starts());
  a.both_vertex = in.array<std::uint32_t>(below(n));
  a.both_edge = in.array<std::uint32_t>(below(m, ~Adjacency::kIncoming));
  s.sorted_keys = in.array<std::int64_t>(strictly_rising<std::int64_t>());
  s.vertex_of_sorted_key = in.array<std::uint32_t>(below(n));
  const std::span<const std::uint32_t> publisher_vertices =
      in.array<std::uint32_t>([rising = strictly_rising<std::uint32_t>(),
                               in_range = below(n)](std::span<const std::uint32_t> piece) mutable {
        return rising(piece) && in_range(piece);
      });
  s.publisher_vertices.assign(publisher_vertices.begin(), publisher_vertices.end());
  if (!in.at_end() || in.stamp() != stamp) return false;
  // consistent() ties every array to the vertex count and out_target's edge count; the store
  // keys, whose count bounded the edge indices above, must have that count too.
  if (s.names.size() != n || a.vertex_types.size() != n || !a.consistent() ||
      a.out_target.size() != m || s.sorted_keys.size() != n || s.vertex_of_sorted_key.size() != n ||
      s.publishers.size() != s.publisher_vertices.size()) {
    return false;
  }
  for (std::size_t i = 1; i < n; ++i) {
    if (!(s.ids[i - 1] < s.ids[i])) return false;
  }
  return true;
}

// A loaded image's memory: the mapped file, and copies of the per-vertex arrays. A lookup by
// vertex lands anywhere in those, and a mapped file's pages can be small (4 KiB, each a TLB
// entry: when the file's cache was filled in small blocks, as before the writer wrote 8 MiB
// pieces, or as when it is read back from disk): read in place, they made a batch's warm `path`
// commands on the M graph 10-20% slower than the copies, which sit on huge pages (A/B medians
// 63-73 µs against 57-60). The per-edge rows are read along, a row at a time, and stay where
// they lie.
struct LoadedImage {
  std::shared_ptr<const void> mapping;
  std::vector<std::uint16_t> vertex_types;
  std::vector<std::uint32_t> out_start, in_start, both_start;
};

template <typename T>
std::span<const T> copy_into(std::vector<T>& copy, std::span<const T> mapped) {
  resize_on_huge_pages(copy, mapped.size());
  std::copy(mapped.begin(), mapped.end(), copy.begin());
  return copy;
}

}  // namespace

GraphSnapshot GraphSnapshot::load(const Store& store) {
  const std::string version = store.data_version();
  try {
    if (std::optional<Store::CacheFile> file = store.map_cache_file(kImageName, version)) {
      auto impl = std::make_unique<Impl>();
      AdjacencyView arrays;
      if (read_image(file->bytes, file->stamp, *impl, arrays)) {
        impl->data_version = version;
        impl->image = file->mapping;
        auto loaded = std::make_shared<LoadedImage>();
        loaded->mapping = std::move(file->mapping);
        arrays.vertex_types = copy_into(loaded->vertex_types, arrays.vertex_types);
        arrays.out_start = copy_into(loaded->out_start, arrays.out_start);
        arrays.in_start = copy_into(loaded->in_start, arrays.in_start);
        arrays.both_start = copy_into(loaded->both_start, arrays.both_start);
        return GraphSnapshot(std::move(impl), Adjacency(arrays, std::move(loaded)));
      }
    }
  } catch (const Error&) {
    // an unreadable image is only a lost shortcut: rebuild from the tables
  }
  return build(store);
}

void GraphSnapshot::save_image(Store& store) const {
  store.write_cache_file(kImageName, impl_->data_version, [&](const Store::Append& append) {
    ImageWriter writer(append);
    write_image(*impl_, adjacency_.arrays(), writer);
    return writer.stamp();
  });
}

}  // namespace ergraph
