#include "sentences.hpp"

#include <cctype>

#include "ergraph/text.hpp"

namespace ergraph::extract {
namespace {

Token token_of(std::string_view text, const WordSpan& w) {
  Token t;
  t.begin = w.begin;
  t.end = w.end;
  const std::string_view s = text.substr(w.begin, w.end - w.begin);
  t.form = word_form(s);
  t.word = w.word;
  if (!t.word) return t;
  t.key = fast_name_key(s);
  t.capitalized = starts_with_capital(s);
  std::size_t letters = 0;
  bool upper = true;
  bool digits = true;
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (std::isalpha(b)) {
      ++letters;
      upper = upper && std::isupper(b);
    }
    digits = digits && (std::isdigit(b) || c == ',' || c == '.');
  }
  t.all_caps = letters >= 2 && upper;
  t.digits = digits;
  return t;
}

bool ends_with_abbreviation(std::string_view text, std::size_t begin, std::size_t end,
                            const Lexicon& lexicon) {
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  std::size_t start = end;
  while (start > begin && !std::isspace(static_cast<unsigned char>(text[start - 1]))) --start;
  const std::string last = word_form(text.substr(start, end - start));
  for (const Words& entry : lexicon.lists.at("abbreviation")) {
    std::string joined;
    for (const std::string& w : entry) joined += w;
    if (joined == last) return true;
  }
  return false;
}

}  // namespace

std::string fast_name_key(std::string_view text) {
  std::string key;
  key.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) return name_key(text);
    if (std::isalnum(byte)) key += static_cast<char>(std::tolower(byte));
  }
  return key;
}

std::vector<std::pair<std::size_t, std::size_t>> sentence_ranges(std::string_view text,
                                                                 const Lexicon& lexicon) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::vector<std::pair<std::size_t, std::size_t>> spans = sentence_spans(text);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    std::size_t begin = spans[i].first;
    std::size_t end = spans[i].second;
    // ICU ends a sentence after "U.S." or "Jan."; a line break still ends it.
    while (i + 1 < spans.size() && text[end - 1] != '\n' &&
           ends_with_abbreviation(text, begin, end, lexicon)) {
      end = spans[++i].second;
    }
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    if (begin < end) out.emplace_back(begin, end);
  }
  return out;
}

std::vector<Sentence> tokenize(std::string_view text, std::size_t begin, std::size_t end) {
  std::vector<Sentence> out;
  Sentence s{begin, end, {}};
  for (const WordSpan& w : word_spans(text.substr(begin, end - begin))) {
    // A run-on "sentence" (a table, a text without full stops) is read in pieces: the rules
    // look at words near each other, and every piece costs the same.
    if (s.tokens.size() == kMaxSentenceWords) {
      s.end = s.tokens.back().end;
      const std::size_t next = w.begin + begin;
      out.push_back(std::move(s));
      s = Sentence{next, end, {}};
    }
    s.tokens.push_back(token_of(text, WordSpan{w.begin + begin, w.end + begin, w.word}));
  }
  if (!s.tokens.empty()) out.push_back(std::move(s));
  return out;
}

std::vector<std::string> forms_of(const Sentence& sentence) {
  std::vector<std::string> forms;
  forms.reserve(sentence.tokens.size());
  for (const Token& t : sentence.tokens) forms.push_back(t.form);
  return forms;
}

}  // namespace ergraph::extract
