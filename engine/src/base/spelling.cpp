#include "ergraph/spelling.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "ergraph/text.hpp"

namespace ergraph {

namespace {

// The distance, or some value above `bound` as soon as every cell of a row is above it (the
// distance can only be larger).
std::size_t code_point_distance(const std::u32string& x, const std::u32string& y,
                                std::size_t bound = std::numeric_limits<std::size_t>::max()) {
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    std::size_t row_min = row[0];
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
      row_min = std::min(row_min, row[j]);
    }
    if (row_min > bound) return row_min;
  }
  return row[y.size()];
}

std::string suggestion_text(const std::vector<std::string>& matches) {
  if (matches.empty()) return "";
  std::string s = " (did you mean '" + matches[0] + "'";
  if (matches.size() > 1) s += " or '" + matches[1] + "'";
  return s + "?)";
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  return code_point_distance(to_code_points(a), to_code_points(b));
}

SpellingIndex::SpellingIndex(std::vector<std::string> candidates)
    : candidates_(std::move(candidates)) {
  keys_.reserve(candidates_.size());
  for (const std::string& c : candidates_) keys_.push_back(to_code_points(name_key(c)));
}

std::vector<std::string> SpellingIndex::closest(std::string_view word, std::size_t limit,
                                                const std::vector<std::string>& extra) const {
  const std::u32string key = to_code_points(name_key(word));
  // A plausible misspelling changes at most about a third of the word (and at least one letter).
  const std::size_t max_distance = std::max<std::size_t>(1, (key.size() + 2) / 3);
  std::vector<std::pair<std::size_t, std::size_t>> scored;  // (distance, candidate index)
  auto score = [&](std::size_t i, const std::u32string& other) {
    // The distance is at least the difference in length.
    const std::size_t apart =
        key.size() > other.size() ? key.size() - other.size() : other.size() - key.size();
    if (apart > max_distance) return;
    const std::size_t d = code_point_distance(key, other, max_distance);
    if (d <= max_distance) scored.emplace_back(d, i);
  };
  for (std::size_t i = 0; i < keys_.size(); ++i) score(i, keys_[i]);
  for (std::size_t i = 0; i < extra.size(); ++i) {
    score(keys_.size() + i, to_code_points(name_key(extra[i])));
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& l, const auto& r) { return l.first < r.first; });
  std::vector<std::string> out;
  for (const auto& [distance, index] : scored) {
    if (out.size() == limit) break;
    const std::string& c =
        index < candidates_.size() ? candidates_[index] : extra[index - candidates_.size()];
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

std::string SpellingIndex::did_you_mean(std::string_view word,
                                        const std::vector<std::string>& extra) const {
  return suggestion_text(closest(word, 2, extra));
}

std::vector<std::string> closest_matches(std::string_view word,
                                         const std::vector<std::string>& candidates,
                                         std::size_t limit) {
  return SpellingIndex({}).closest(word, limit, candidates);
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  return suggestion_text(closest_matches(word, candidates, 2));
}

std::string unknown_name(std::string_view kind, std::string_view name,
                         const std::vector<std::string>& known) {
  return "unknown " + std::string(kind) + " '" + std::string(name) + "'" +
         did_you_mean(name, known);
}

}  // namespace ergraph
