#include "edge_index.hpp"

#include <algorithm>
#include <limits>

#include "ergraph/error.hpp"
#include "ergraph/text.hpp"

namespace ergraph::io {
namespace {

std::size_t slot_of(const EdgeKey& k, std::size_t mask) {
  std::uint64_t h = ((std::uint64_t{k.from} << 32) | k.to) * 0x9e3779b97f4a7c15ULL;
  h ^= ((std::uint64_t{k.type} << 32) | k.date) * 0xc2b2ae3d27d4eb4fULL;
  h ^= h >> 31;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 29;
  return static_cast<std::size_t>(h) & mask;
}

}  // namespace

std::optional<std::uint32_t> date_number(std::string_view date) {
  if (date.empty()) return 0;
  if (!is_valid_date(date)) return std::nullopt;
  const auto two = [&](std::size_t at) { return (date[at] - '0') * 10 + (date[at + 1] - '0'); };
  return static_cast<std::uint32_t>((two(0) * 100 + two(2)) * 10000 +
                                    (date.size() >= 7 ? two(5) * 100 : 0) +
                                    (date.size() == 10 ? two(8) : 0));
}

void EdgeIndex::expect(std::size_t count) {
  keys_.reserve(count);
  if ((count + 1) * 4 > slots_.size() * 3) grow(count + 1);
}

std::pair<std::uint32_t, bool> EdgeIndex::add(const EdgeKey& key) {
  if ((keys_.size() + 1) * 4 > slots_.size() * 3) grow(keys_.size() + 1);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = slot_of(key, mask);; at = (at + 1) & mask) {
    const std::uint32_t slot = slots_[at];
    if (slot == 0) {
      if (keys_.size() >= std::numeric_limits<std::uint32_t>::max() - 1) {
        throw Error(ErrorCode::kInvalidInput,
                    "more than 4,294,967,294 edges in one import: import them in parts");
      }
      keys_.push_back(key);
      slots_[at] = static_cast<std::uint32_t>(keys_.size());
      return {static_cast<std::uint32_t>(keys_.size() - 1), true};
    }
    if (keys_[slot - 1] == key) return {slot - 1, false};
  }
}

void EdgeIndex::clear() {
  std::vector<EdgeKey>().swap(keys_);
  std::vector<std::uint32_t>().swap(slots_);
}

void EdgeIndex::grow(std::size_t at_least) {
  std::size_t size = std::max<std::size_t>(1024, 2 * slots_.size());
  while (size * 3 < at_least * 4) size *= 2;
  std::vector<std::uint32_t> slots(size, 0);
  const std::size_t mask = size - 1;
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    std::size_t at = slot_of(keys_[k], mask);
    while (slots[at] != 0) at = (at + 1) & mask;
    slots[at] = static_cast<std::uint32_t>(k + 1);
  }
  slots_.swap(slots);
}

}  // namespace ergraph::io
