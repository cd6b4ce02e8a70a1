#include "ergraph/text.hpp"

#include "ergraph/error.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/regex.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <memory>

namespace ergraph {
namespace {

// 10xxxxxx: the second, third or fourth byte of a sequence.
bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Decodes the code point at s[i], advancing i; returns -1 on an invalid sequence.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  UChar32 c;
  std::int32_t pos = static_cast<std::int32_t>(i);
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), pos, static_cast<std::int32_t>(s.size()),
          c);
  i = static_cast<std::size_t>(pos);
  return c < 0 ? static_cast<char32_t>(-1) : static_cast<char32_t>(c);
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Letters that carry no combining mark to strip but that readers treat as their base letter.
std::u32string_view fold_special_letter(char32_t c) {
  switch (c) {
    case U'ı':
      return U"i";
    case U'ł':
      return U"l";
    case U'ø':
      return U"o";
    case U'đ':
      return U"d";
    case U'ħ':
      return U"h";
    case U'æ':
      return U"ae";
    case U'œ':
      return U"oe";
    case U'þ':
      return U"th";
    default:
      return {};
  }
}

bool is_quote_single(char32_t c) {
  switch (c) {
    case U'\u2018':
    case U'\u2019':
    case U'\u201A':
    case U'\u201B':
    case U'\u2032':
    case U'\u02BC':
    case U'\u02B9':
    case U'\u0060':
    case U'\u00B4':
    case U'\u2039':
    case U'\u203A':
      return true;
    default:
      return false;
  }
}

bool is_quote_double(char32_t c) {
  switch (c) {
    case U'\u201C':
    case U'\u201D':
    case U'\u201E':
    case U'\u201F':
    case U'\u2033':
    case U'\u00AB':
    case U'\u00BB':
    case U'\u301D':
    case U'\u301E':
    case U'\uFF02':
      return true;
    default:
      return false;
  }
}

bool is_dash(char32_t c) {
  return (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 || c == 0xFF0D ||
         c == 0x00AD;
}

}  // namespace

std::u32string to_code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
  return out;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    if (next_code_point(s, i) == static_cast<char32_t>(-1)) return start;
  }
  return std::nullopt;
}

std::size_t count_code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return !is_continuation_byte(c); }));
}

std::string_view cut_to_code_points(std::string_view s, std::size_t max) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_continuation_byte(s[i]) && count++ == max) return s.substr(0, i);
  }
  return s;
}

std::string_view cut_to_bytes(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && is_continuation_byte(s[cut])) --cut;
  return s.substr(0, cut);
}

std::string name_key(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())));
  text.foldCase();
  icu::UnicodeString decomposed = U_SUCCESS(status) ? nfkd->normalize(text, status) : text;
  if (U_FAILURE(status)) decomposed = text;

  std::string key;
  key.reserve(name.size());
  for (std::int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    const std::int32_t category_mask = U_GET_GC_MASK(c);
    // Marks, punctuation, symbols, separators and controls do not tell two names apart.
    if (category_mask & (U_GC_M_MASK | U_GC_P_MASK | U_GC_S_MASK | U_GC_Z_MASK | U_GC_C_MASK)) {
      continue;
    }
    const std::u32string_view special = fold_special_letter(static_cast<char32_t>(c));
    if (!special.empty()) {
      for (char32_t s : special) append_utf8(key, s);
    } else {
      append_utf8(key, static_cast<char32_t>(c));
    }
  }
  return key;
}

std::vector<std::string> ascii_words(std::string_view name) {
  // Made once per thread: building a compound transliterator parses its rules (milliseconds).
  thread_local std::unique_ptr<icu::Transliterator> to_ascii = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) {
      throw Error(ErrorCode::kInternal,
                  std::string("ICU cannot make the transliterator: ") + u_errorName(status));
    }
    return t;
  }();
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  to_ascii->transliterate(text);
  std::string ascii;
  text.toUTF8String(ascii);
  std::vector<std::string> words;
  std::string word;
  for (char c : ascii) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      word += static_cast<char>(std::tolower(u));
    } else if (c == '\'' || c == '`') {
      continue;  // a soft sign's apostrophe (Zelens'kij) is inside the word
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string normalize_for_quote(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      ++i;
      if (byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == '\f' ||
          byte == '\v') {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) out += ' ';
      pending_space = false;
      out += static_cast<char>(byte);
      continue;
    }
    char32_t c = next_code_point(text, i);
    if (c == static_cast<char32_t>(-1)) c = 0xFFFD;
    if (u_isUWhiteSpace(static_cast<UChar32>(c)) || c == 0x00A0 || c == 0x202F || c == 0x2007 ||
        c == 0xFEFF || c == 0x200B) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (is_quote_single(c)) {
      out += '\'';
    } else if (is_quote_double(c)) {
      out += '"';
    } else if (is_dash(c)) {
      out += '-';
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
  return out;
}

bool is_valid_date(std::string_view date) {
  auto digits = [&](std::size_t from, std::size_t count, int& value) {
    value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (date[i] < '0' || date[i] > '9') return false;
      value = value * 10 + (date[i] - '0');
    }
    return true;
  };
  int year = 0, month = 0, day = 0;
  if (date.size() != 4 && date.size() != 7 && date.size() != 10) return false;
  if (!digits(0, 4, year)) return false;
  if (date.size() == 4) return true;
  if (date[4] != '-' || !digits(5, 2, month) || month < 1 || month > 12) return false;
  if (date.size() == 7) return true;
  if (date[7] != '-' || !digits(8, 2, day)) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day >= 1 && day <= max_day;
}

std::vector<std::pair<std::size_t, std::size_t>> sentence_spans(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  if (text.empty()) return spans;
  UErrorCode status = U_ZERO_ERROR;
  // ICU walks the UTF-8 bytes in place, so its boundaries are byte offsets into `text`.
  UText* utext =
      utext_openUTF8(nullptr, text.data(), static_cast<std::int64_t>(text.size()), &status);
  std::unique_ptr<icu::BreakIterator> breaks(
      icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !breaks) {
    utext_close(utext);
    spans.emplace_back(0, text.size());
    return spans;
  }
  breaks->setText(utext, status);
  std::int32_t begin = breaks->first();
  for (std::int32_t end = breaks->next(); end != icu::BreakIterator::DONE;
       begin = end, end = breaks->next()) {
    spans.emplace_back(static_cast<std::size_t>(begin), static_cast<std::size_t>(end));
  }
  utext_close(utext);
  if (spans.empty()) spans.emplace_back(0, text.size());
  return spans;
}

namespace {

bool is_word_code_point(char32_t c) {
  return c != static_cast<char32_t>(-1) && (u_isalnum(static_cast<UChar32>(c)) ||
                                            (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK));
}

bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'\u2019' || c == U'\u02BC'; }

}  // namespace

std::vector<WordSpan> word_spans(std::string_view text) {
  std::vector<WordSpan> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t begin = i;
    const char32_t c = next_code_point(text, i);
    if (c == static_cast<char32_t>(-1) || u_isUWhiteSpace(static_cast<UChar32>(c)) ||
        u_iscntrl(static_cast<UChar32>(c))) {
      continue;
    }
    if (!is_word_code_point(c)) {
      out.push_back({begin, i, false});
      continue;
    }
    // A word: letters and digits, joined across one inner hyphen, apostrophe or stop.
    bool digits_only = u_isdigit(static_cast<UChar32>(c));
    bool has_stop = false;
    std::size_t end = i;
    while (end < text.size()) {
      std::size_t j = end;
      const char32_t d = next_code_point(text, j);
      if (is_word_code_point(d)) {
        digits_only = digits_only && u_isdigit(static_cast<UChar32>(d));
        end = j;
        continue;
      }
      const bool joiner = d == U'-' || d == U'\u2011' || d == U'.' || is_apostrophe(d) ||
                          (d == U',' && digits_only);
      if (!joiner || j >= text.size()) break;
      std::size_t k = j;
      const char32_t after = next_code_point(text, k);
      if (!is_word_code_point(after)) break;
      if (d == U',' && !u_isdigit(static_cast<UChar32>(after))) break;
      // A possessive 's ends the word: it becomes a word of its own.
      if (is_apostrophe(d) && (after == U's' || after == U'S')) {
        std::size_t m = k;
        if (m >= text.size() || !is_word_code_point(next_code_point(text, m))) break;
      }
      has_stop = has_stop || d == U'.';
      end = j;
    }
    // "U.S." keeps its final stop when letters and stops alternate (an initialism).
    if (has_stop && end < text.size() && text[end] == '.') {
      const std::string_view w = text.substr(begin, end - begin);
      bool initialism = true;
      for (std::size_t p = 0; p < w.size(); ++p) {
        if ((p % 2 == 1) != (w[p] == '.')) initialism = false;
      }
      if (initialism) ++end;
    }
    out.push_back({begin, end, true});
    i = end;
    if (i < text.size()) {
      std::size_t j = i;
      const char32_t d = next_code_point(text, j);
      if (is_apostrophe(d) && j < text.size() && (text[j] == 's' || text[j] == 'S')) {
        std::size_t k = j + 1;
        const bool ends = k >= text.size() || !is_word_code_point(next_code_point(text, k));
        if (ends) {
          out.push_back({i, j + 1, true});
          i = j + 1;
        }
      }
    }
  }
  return out;
}

bool starts_with_capital(std::string_view word) {
  std::size_t i = 0;
  if (word.empty()) return false;
  const char32_t c = next_code_point(word, i);
  if (c == static_cast<char32_t>(-1)) return false;
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}

std::string word_form(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size();) {
    const unsigned char byte = static_cast<unsigned char>(word[i]);
    if (byte < 0x80) {
      out += static_cast<char>(std::tolower(byte));
      ++i;
      continue;
    }
    const std::size_t begin = i;
    const char32_t c = next_code_point(word, i);
    if (is_apostrophe(c) || c == U'\u2018') {
      out += '\'';
    } else if (c == U'\u201C' || c == U'\u201D' || c == U'\u201E' || c == U'\u00AB' ||
               c == U'\u00BB') {
      out += '"';
    } else if (c == U'\u2013' || c == U'\u2014' || c == U'\u2212' || c == U'\u2011') {
      out += '-';
    } else {
      out.append(word.substr(begin, i - begin));
    }
  }
  return out;
}

std::string float_text(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  std::string s = buf;
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string change_case(std::string_view text, bool upper) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (upper) {
    u.toUpper(icu::Locale::getRoot());
  } else {
    u.toLower(icu::Locale::getRoot());
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

struct Regex::Impl {
  std::unique_ptr<icu::RegexPattern> pattern;
};

Regex::Regex(std::string_view pattern) : impl_(std::make_unique<Impl>()) {
  UParseError where{};
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size())));
  impl_->pattern.reset(icu::RegexPattern::compile(text, 0, where, status));
  if (U_FAILURE(status) || !impl_->pattern) {
    // U_REGEX_MISMATCHED_PAREN reads "mismatched paren".
    std::string why = u_errorName(status);
    if (why.rfind("U_REGEX_", 0) == 0) why = why.substr(8);
    for (char& c : why)
      c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    throw Error(ErrorCode::kInvalidInput,
                "invalid regular expression '" + std::string(pattern) + "': " + why);
  }
}
Regex::Regex(Regex&&) noexcept = default;
Regex::~Regex() = default;

bool Regex::full_match(std::string_view text) const {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString input = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::unique_ptr<icu::RegexMatcher> matcher(impl_->pattern->matcher(input, status));
  if (U_FAILURE(status))
    throw Error(ErrorCode::kInternal, std::string("regex: ") + u_errorName(status));
  // About a second of matching, and a bounded backtracking stack: a hostile pattern fails
  // instead of hanging or exhausting memory.
  matcher->setTimeLimit(1000, status);
  matcher->setStackLimit(8 << 20, status);
  const bool matched = matcher->matches(status);
  if (status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW) {
    throw Error(ErrorCode::kInvalidInput, "the regular expression took too long on '" +
                                              std::string(cut_to_code_points(text, 40)) + "'");
  }
  if (U_FAILURE(status))
    throw Error(ErrorCode::kInternal, std::string("regex: ") + u_errorName(status));
  return matched;
}

}  // namespace ergraph
