#include "ergraph/memory.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

using namespace ergraph;

namespace {

// The kernel's transparent huge page mode: "always", "madvise" or "never" (the bracketed one),
// "" where there is no such file.
std::string huge_page_mode() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(in, line);
  const auto open = line.find('['), close = line.find(']');
  if (open == std::string::npos || close == std::string::npos) return "";
  return line.substr(open + 1, close - open - 1);
}

// The VmFlags line of the mapping of /proc/self/smaps that holds `address`.
std::string vm_flags_at(const void* address) {
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> begin >> dash >> end && dash == '-') {
      inside = begin <= at && at < end;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
}

}  // namespace

TEST_CASE("resizing on huge pages keeps the elements and value-initialises the new ones") {
  std::vector<std::uint32_t> v{7, 8, 9};
  resize_on_huge_pages(v, 3'000'000);
  REQUIRE(v.size() == 3'000'000);
  CHECK(v[0] == 7);
  CHECK(v[2] == 9);
  CHECK(v[3] == 0);
  CHECK(v.back() == 0);
  resize_on_huge_pages(v, 2);  // shrinking is a plain resize
  CHECK(v == std::vector<std::uint32_t>{7, 8});
}

TEST_CASE("small reservations are plain reservations, and growth is geometric") {
  std::vector<std::string> v{"a", "b"};
  reserve_on_huge_pages(v, 10);
  CHECK(v.capacity() >= 10);
  CHECK(v == std::vector<std::string>{"a", "b"});
  std::vector<std::uint64_t> grown;
  std::size_t reallocations = 0;
  for (std::uint64_t i = 0; i < 1'000'000; ++i) {
    const std::size_t before = grown.capacity();
    grow_on_huge_pages(grown);
    reallocations += grown.capacity() != before;
    grown.push_back(i);
  }
  CHECK(grown[999'999] == 999'999);
  CHECK(reallocations <= 20);  // 16 doubled to a million: 16 steps
}

TEST_CASE("a large array is advised to huge pages where the kernel takes the advice") {
  const std::string mode = huge_page_mode();
  if (mode != "always" && mode != "madvise") {
    MESSAGE("transparent huge pages are '" << mode << "' here: nothing to check");
    return;
  }
  std::vector<std::uint32_t> v;
  resize_on_huge_pages(v, 8u << 20);  // 32 MiB
  // The middle of the array lies in a whole 2 MiB page; the mapping holding it carries the
  // advice ("hg" in VmFlags), or the whole process does.
  const std::string flags = vm_flags_at(v.data() + v.size() / 2);
  CHECK_MESSAGE(flags.find(" hg") != std::string::npos, flags);
  CHECK_FALSE(advise_huge_pages(v.data(), 4096));  // less than one huge page: no advice
  CHECK_FALSE(advise_huge_pages(nullptr, 8u << 20));
}
