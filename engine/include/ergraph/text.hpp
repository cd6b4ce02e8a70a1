// ergraph/text.hpp — text rules shared by every layer: UTF-8 checks, counts and cuts, the name key
// used to resolve names and aliases, the normal form quotes are compared in. Spelling
// suggestions are spelling.hpp's.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ergraph {

// Byte offset of the first invalid UTF-8 sequence in `s` (overlongs, surrogates and code points
// above U+10FFFF count as invalid), or nullopt when `s` is valid UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

// The number of code points in UTF-8 text: every byte that does not continue a sequence
// (10xxxxxx) counts as one. Exact for valid UTF-8; on malformed input it never fails, and it
// agrees with cut_to_code_points.
std::size_t count_code_points(std::string_view s);

// The longest prefix of `s` holding at most `max` code points (counted as count_code_points
// does): `s` itself when it has no more, else `s` up to, not including, the byte that starts
// code point number max + 1. Never ends inside a sequence. Points into `s`.
std::string_view cut_to_code_points(std::string_view s, std::size_t max);

// The longest prefix of `s` of at most `max_bytes` bytes that does not end inside a sequence
// (the byte after it is not a continuation byte): `s` itself when it is no longer. Points
// into `s`.
std::string_view cut_to_bytes(std::string_view s, std::size_t max_bytes);

// The key two spellings of a name share when they differ only in case, accents, punctuation or
// spacing: "Türkiye" and "turkiye", "Zelenskyy's" and "zelenskyys" and "Hakan  Fidan" and
// "hakan-fidan". Compatibility-decomposed, case-folded, combining marks, punctuation, symbols and
// white space removed. Requires valid UTF-8.
std::string name_key(std::string_view name);

// The words of a name in plain lower-case ASCII letters and digits, by ICU's transliterators
// (any script to Latin, then Latin to ASCII): "Володимир Зеленський" gives {"volodimir",
// "zelens'kij"} without the apostrophe, "Türkiye" gives {"turkiye"}. Words are split at
// anything that is not a letter or digit. Requires valid UTF-8.
std::vector<std::string> ascii_words(std::string_view name);

// The form in which a quote is looked up in a document text: curly and other quotation marks
// become ' or ", every dash and minus becomes -, every run of white space (including no-break
// and thin spaces) becomes one space, and leading/trailing space is dropped. Case is kept.
std::string normalize_for_quote(std::string_view text);

// The code points of UTF-8 text (an invalid sequence as U+FFFFFFFF).
std::u32string to_code_points(std::string_view s);

// Text for XML (and Graphviz HTML-like labels): & < > " ' escaped, and the control characters
// XML 1.0 cannot hold (all below U+0020 but tab, line feed and carriage return) made U+FFFD.
std::string escape_xml(std::string_view text);

// Sentence boundaries by ICU's sentence rules (root locale; a line break ends a sentence):
// [begin, end) byte ranges that cover `text` in order. Requires valid UTF-8.
std::vector<std::pair<std::size_t, std::size_t>> sentence_spans(std::string_view text);

// One word or punctuation mark of a text, as byte offsets.
struct WordSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool word = false;  // letters or digits; false for a punctuation mark or symbol
};

// Splits text into words and single punctuation marks, white space dropped. A word is a run of
// letters and digits that may hold a hyphen, an apostrophe or a full stop between letters
// ("follow-up", "O'Brien", "U.S." with its final stop) and a comma or stop between digits
// ("1,000"); a possessive ending ('s, ’s) is a word of its own. Requires valid UTF-8.
std::vector<WordSpan> word_spans(std::string_view text);

// True when the word's first code point is an upper-case or title-case letter.
bool starts_with_capital(std::string_view word);

// The form words are compared in: ASCII letters lower-cased, typographic apostrophes made ',
// quotation marks ", dashes -. Other characters kept.
std::string word_form(std::string_view word);

// True for YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date (leap years included).
bool is_valid_date(std::string_view date);

// A float as openCypher prints it: always with a point or exponent (2.0, 2.5, 1e+20), NaN,
// Infinity, -Infinity; 15 significant digits.
std::string float_text(double d);

// `text` in upper or lower case by Unicode's rules ("Türkiye" -> "TÜRKIYE").
std::string change_case(std::string_view text, bool upper);

// A regular expression in ICU's syntax (Java's, as openCypher's =~ uses), matched against whole
// strings. A match that runs too long (catastrophic backtracking on a hostile pattern) stops
// with an error instead of hanging.
class Regex {
 public:
  // Error(kInvalidInput) "invalid regular expression: ..." when `pattern` does not compile.
  explicit Regex(std::string_view pattern);
  Regex(Regex&&) noexcept;
  ~Regex();
  // Whether all of `text` matches. Error(kInvalidInput) when the match exceeds its time limit.
  bool full_match(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ergraph
