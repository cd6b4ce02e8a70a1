// ergraph/spelling.hpp — "did you mean": edit distances on name keys (text.hpp), the closest
// candidates to a misspelt word, and the message that suggests them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ergraph {

// Levenshtein distance between two strings, counted in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to `limit` candidates closest to `word` by edit distance on their name keys, closest first
// (ties by candidate order), dropping those too far away to be a plausible misspelling.
std::vector<std::string> closest_matches(std::string_view word,
                                         const std::vector<std::string>& candidates,
                                         std::size_t limit = 3);

// " (did you mean 'X'?)" or " (did you mean 'X' or 'Y'?)", or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// closest_matches and did_you_mean over one long list asked many times (an import's 200,000 ids
// for each of its misspelt references): each candidate's name key is made once, and a candidate
// whose key length alone puts it too far away is passed over without a distance. The answers
// are closest_matches's over the list followed by `extra`.
class SpellingIndex {
 public:
  explicit SpellingIndex(std::vector<std::string> candidates);

  std::vector<std::string> closest(std::string_view word, std::size_t limit,
                                   const std::vector<std::string>& extra = {}) const;
  std::string did_you_mean(std::string_view word, const std::vector<std::string>& extra = {}) const;
  std::size_t size() const { return candidates_.size(); }

 private:
  std::vector<std::string> candidates_;
  std::vector<std::u32string> keys_;  // each candidate's name key, in code points
};

// The message for a name that is not among the `known` ones of its kind:
// "unknown <kind> '<name>'" followed by did_you_mean(name, known), e.g.
// unknown_name("edge type", "membr_of", names) gives
// "unknown edge type 'membr_of' (did you mean 'member_of'?)". Callers prepend where it was
// found (a file position, a front end's option name) themselves.
std::string unknown_name(std::string_view kind, std::string_view name,
                         const std::vector<std::string>& known);

}  // namespace ergraph
