// ergraph/memory.hpp — large arrays on huge pages.
//
// A snapshot's arrays and a search's state are tens to hundreds of megabytes touched once from
// start to end as they are filled. With 4 KiB pages every one of those pages is a page fault on
// first touch, and on a virtual machine a fault costs microseconds: loading the M graph's image
// spent most of its time in them. Linux gives a range that asks for it (MADV_HUGEPAGE, the
// default "madvise" setting of transparent huge pages) 2 MiB pages: 512 times fewer faults.
#pragma once

#include <cstddef>
#include <iterator>
#include <vector>

namespace ergraph {

// Arrays smaller than this stay on ordinary pages: a huge page would mostly hold other data.
inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

// Asks the kernel to back the whole 2 MiB pages inside [data, data + bytes) with huge pages when
// they are first touched. Only advice: where the system has none to give (another OS, THP
// switched off), nothing changes. Returns whether the advice was taken for some part.
bool advise_huge_pages(const void* data, std::size_t bytes);

// `v` with room for `n` elements, storage it newly takes advised before the first touch.
template <typename T>
void reserve_on_huge_pages(std::vector<T>& v, std::size_t n) {
  if (n * sizeof(T) < kHugePageBytes || v.capacity() >= n) {
    v.reserve(n);
    return;
  }
  std::vector<T> fresh;
  fresh.reserve(n);
  advise_huge_pages(fresh.data(), n * sizeof(T));
  fresh.assign(std::make_move_iterator(v.begin()), std::make_move_iterator(v.end()));
  v.swap(fresh);
}

// `v` holding `n` elements (new ones value-initialised) on advised storage.
template <typename T>
void resize_on_huge_pages(std::vector<T>& v, std::size_t n) {
  reserve_on_huge_pages(v, n);
  v.resize(n);
}

// Room for one more element in `v`, grown geometrically as push_back would, on advised storage:
// for vectors whose final size is not known up front (a reader's records).
template <typename T>
void grow_on_huge_pages(std::vector<T>& v) {
  if (v.size() == v.capacity()) reserve_on_huge_pages(v, v.capacity() < 16 ? 16 : 2 * v.capacity());
}

}  // namespace ergraph
