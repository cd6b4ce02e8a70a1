// A report's text as sentences of words: ICU's sentence boundaries, joined again after an
// abbreviation ("U.S. President"), and each sentence's words with what the rules look at.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lexicon.hpp"

namespace ergraph::extract {

struct Token {
  std::size_t begin = 0;  // byte offsets into the report's text
  std::size_t end = 0;
  std::string form;  // word_form(): what patterns compare
  std::string key;   // name_key(): what names are looked up by
  bool word = false;
  bool capitalized = false;  // starts with an upper-case letter
  bool all_caps = false;     // two or more letters, all upper case
  bool digits = false;
};

struct Sentence {
  std::size_t begin = 0;
  std::size_t end = 0;  // trailing white space excluded
  std::vector<Token> tokens;
};

// name_key(), without ICU for the common case of ASCII text.
std::string fast_name_key(std::string_view text);

// The sentences of a text as trimmed byte ranges: ICU's boundaries, joined again after an
// abbreviation the word lists name.
std::vector<std::pair<std::size_t, std::size_t>> sentence_ranges(std::string_view text,
                                                                 const Lexicon& lexicon);

// The words of the sentence at [begin, end); a sentence longer than kMaxSentenceWords comes back
// in pieces of that many words.
inline constexpr std::size_t kMaxSentenceWords = 300;
std::vector<Sentence> tokenize(std::string_view text, std::size_t begin, std::size_t end);

// The forms of a sentence's tokens, for Lexicon::longest.
std::vector<std::string> forms_of(const Sentence& sentence);

}  // namespace ergraph::extract
