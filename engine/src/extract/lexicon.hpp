// The word lists of extraction (data/extract/*, compiled in): countries and their demonyms and
// capitals, titles, organisation, place and event words, and the small function-word lists.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ergraph::extract {

using Words = std::vector<std::string>;  // word_form()s of one entry

struct CountryEntry {
  std::string name;
  std::vector<std::string> other_names;
  std::vector<std::string> demonyms;  // the adjective first
  std::string capital;
};

struct Lexicon {
  std::vector<CountryEntry> countries;
  std::vector<Words> titles;
  std::unordered_map<std::string, std::vector<Words>> lists;  // [section] -> entries
  std::vector<std::pair<Words, std::string>> events;          // noun phrase -> kind

  // Whether `form` is a one-word entry of `section`.
  bool has(const std::string& section, const std::string& form) const;
  // The longest entry of `section` ("titles", "events" or a [section] of words.txt) starting at
  // forms[i], in words (0 if none), and its index among the section's entries. Entries are
  // found by their first word, so the cost does not grow with the lists.
  std::pair<std::size_t, std::size_t> longest(const std::string& section,
                                              const std::vector<std::string>& forms,
                                              std::size_t i) const;

  static const Lexicon& builtin();

 private:
  std::unordered_map<std::string, std::unordered_set<std::string>> single_;
  // section -> first word -> (entry, index in the section)
  std::unordered_map<
      std::string,
      std::unordered_map<std::string, std::vector<std::pair<const Words*, std::size_t>>>>
      by_first_;
};

}  // namespace ergraph::extract
