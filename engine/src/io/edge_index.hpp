// Private to the io layer: import's index of the edges it accepted, by key, to find duplicates
// within the input without holding the edge records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ergraph::io {

// An edge's identity, (from, type, to, date), each part a number the caller interned.
struct EdgeKey {
  std::uint32_t from = 0, type = 0, to = 0, date = 0;
  bool operator==(const EdgeKey&) const = default;
};

// Open addressing over the keys' positions (position + 1 in a slot, 0: empty), at most 3/4
// full: about 21 bytes an edge, where keeping the records to compare against was the import's
// peak.
class EdgeIndex {
 public:
  // Makes room for `count` keys at once: growing by doubling held the old and the new arrays
  // together, at the end of a large import's edges, where its memory peaks.
  void expect(std::size_t count);
  // The key's position (keys are numbered in the order first added), and whether it is new
  // (then added). Error(kInvalidInput) past 4,294,967,294 keys.
  std::pair<std::uint32_t, bool> add(const EdgeKey& key);
  // Frees its memory.
  void clear();

 private:
  void grow(std::size_t at_least);

  std::vector<EdgeKey> keys_;
  std::vector<std::uint32_t> slots_;
};

// A valid date's part of an EdgeKey, without a hash lookup: the number its digits make (2025 is
// 20250000, 2025-05 is 20250500, "" is 0), which no two dates share, below 2^31. nullopt for
// text that is not a date (YYYY, YYYY-MM or YYYY-MM-DD, is_valid_date).
std::optional<std::uint32_t> date_number(std::string_view date);

// Numbers strings in the order first met (an edge key's parts): the first one gets `first`.
class Interner {
 public:
  std::uint32_t number(const std::string& s, std::size_t first = 0) {
    return numbers_.try_emplace(s, static_cast<std::uint32_t>(first + numbers_.size()))
        .first->second;
  }

 private:
  std::unordered_map<std::string, std::uint32_t> numbers_;
};

}  // namespace ergraph::io
