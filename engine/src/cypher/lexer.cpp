#include "lexer.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>

#include "ergraph/error.hpp"

namespace ergraph::cypher {

void query_error(std::string_view text, std::size_t at, const std::string& message) {
  at = std::min(at, text.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  std::size_t line_end = text.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = text.size();
  // Columns count code points, so the caret sits under the character meant.
  std::size_t column = 1;
  for (std::size_t i = line_start; i < at; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  std::string shown(text.substr(line_start, line_end - line_start));
  for (char& c : shown) {
    if (c == '\t' || c == '\r') c = ' ';
  }
  std::string full = message + "\n  " + shown + "\n  " + std::string(column - 1, ' ') + "^";
  throw Error(ErrorCode::kInvalidInput, std::move(full), Location{"query", line, column});
}

namespace {

bool ident_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool ident_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (true) {
    // White space and comments.
    while (i < n) {
      if (std::isspace(static_cast<unsigned char>(text[i]))) {
        ++i;
      } else if (text.substr(i, 2) == "//") {
        while (i < n && text[i] != '\n') ++i;
      } else if (text.substr(i, 2) == "/*") {
        const std::size_t end = text.find("*/", i + 2);
        if (end == std::string_view::npos) query_error(text, i, "unterminated comment");
        i = end + 2;
      } else {
        break;
      }
    }
    Token t;
    t.at = i;
    if (i >= n) {
      tokens.push_back(t);
      return tokens;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (ident_start(c)) {
      const std::size_t start = i;
      while (i < n && ident_char(static_cast<unsigned char>(text[i]))) ++i;
      t.kind = Tok::kIdent;
      t.text = std::string(text.substr(start, i - start));
    } else if (c == '`') {
      const std::size_t end = text.find('`', i + 1);
      if (end == std::string_view::npos) query_error(text, i, "unterminated `quoted name`");
      t.kind = Tok::kQuotedIdent;
      t.text = std::string(text.substr(i + 1, end - i - 1));
      if (t.text.empty()) query_error(text, i, "empty `quoted name`");
      i = end + 1;
    } else if (c == '$') {
      const std::size_t start = ++i;
      while (i < n && ident_char(static_cast<unsigned char>(text[i]))) ++i;
      if (i == start) query_error(text, t.at, "expected a parameter name after '$'");
      t.kind = Tok::kParam;
      t.text = std::string(text.substr(start, i - start));
    } else if (c == '\'' || c == '"') {
      t.kind = Tok::kString;
      ++i;
      while (true) {
        if (i >= n) query_error(text, t.at, "unterminated string");
        const char d = text[i];
        if (d == static_cast<char>(c)) {
          ++i;
          break;
        }
        if (d != '\\') {
          t.text += d;
          ++i;
          continue;
        }
        if (i + 1 >= n) query_error(text, t.at, "unterminated string");
        const char e = text[i + 1];
        i += 2;
        switch (e) {
          case '\\':
            t.text += '\\';
            break;
          case '\'':
            t.text += '\'';
            break;
          case '"':
            t.text += '"';
            break;
          case 'n':
            t.text += '\n';
            break;
          case 't':
            t.text += '\t';
            break;
          case 'r':
            t.text += '\r';
            break;
          case 'b':
            t.text += '\b';
            break;
          case 'f':
            t.text += '\f';
            break;
          case 'u': {
            std::uint32_t cp = 0;
            for (int k = 0; k < 4; ++k) {
              if (i >= n || !std::isxdigit(static_cast<unsigned char>(text[i]))) {
                query_error(text, i, "expected four hexadecimal digits after \\u");
              }
              const char h = text[i++];
              cp = cp * 16 + static_cast<std::uint32_t>(std::isdigit(static_cast<unsigned char>(h))
                                                            ? h - '0'
                                                            : std::tolower(h) - 'a' + 10);
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) {
              query_error(text, i - 6, "\\u escapes a surrogate, which is not a character");
            }
            append_utf8(t.text, cp);
            break;
          }
          default:
            query_error(text, i - 2, std::string("unknown escape '\\") + e + "' in a string");
        }
      }
    } else if (std::isdigit(c)) {
      const std::size_t start = i;
      while (i < n && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
      bool real = false;
      if (i + 1 < n && text[i] == '.' && std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
        real = true;
        ++i;
        while (i < n && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
      }
      if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        std::size_t j = i + 1;
        if (j < n && (text[j] == '+' || text[j] == '-')) ++j;
        if (j < n && std::isdigit(static_cast<unsigned char>(text[j]))) {
          real = true;
          i = j;
          while (i < n && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
        }
      }
      if (i < n && ident_char(static_cast<unsigned char>(text[i]))) {
        query_error(text, i, "unexpected character after a number");
      }
      const std::string digits(text.substr(start, i - start));
      errno = 0;
      if (real) {
        t.kind = Tok::kFloat;
        t.real = std::strtod(digits.c_str(), nullptr);
        if (errno == ERANGE) query_error(text, start, "number out of range");
      } else {
        t.kind = Tok::kInteger;
        const long long v = std::strtoll(digits.c_str(), nullptr, 10);
        if (errno == ERANGE) query_error(text, start, "integer too large (at most 2^63 - 1)");
        t.integer = v;
      }
      t.text = digits;
    } else {
      static const char* const kTwo[] = {"..", "<>", "<=", ">=", "=~", "!="};
      t.kind = Tok::kSymbol;
      for (const char* two : kTwo) {
        if (text.substr(i, 2) == two) t.text = two;
      }
      if (t.text.empty()) {
        if (std::string_view("()[]{},.:|*+-/%^=<>;").find(static_cast<char>(c)) ==
            std::string_view::npos) {
          query_error(
              text, i,
              "unexpected character '" + std::string(text.substr(i, c < 0x80 ? 1 : 2)) + "'");
        }
        t.text = std::string(1, static_cast<char>(c));
      }
      if (t.text == "!=") query_error(text, i, "'!=' is not Cypher: write '<>' for not equal");
      i += t.text.size();
    }
    tokens.push_back(std::move(t));
  }
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Words that cannot name a variable unquoted.
bool reserved(std::string_view word) {
  static const char* const kWords[] = {
      "match",  "optional", "where",     "with",       "return", "unwind", "as",   "order",
      "by",     "skip",     "limit",     "distinct",   "and",    "or",     "xor",  "not",
      "in",     "is",       "null",      "true",       "false",  "starts", "ends", "contains",
      "asc",    "desc",     "ascending", "descending", "create", "merge",  "set",  "delete",
      "detach", "remove",   "union",     "call",       "case",   "when",   "then", "else",
      "end",    "foreach",  "load",      "yield"};
  const std::string l = lower(word);
  return std::find(std::begin(kWords), std::end(kWords), l) != std::end(kWords);
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool TokenCursor::keyword(std::string_view k, std::size_t ahead) const {
  const Token& t = peek(ahead);
  if (t.kind != Tok::kIdent || t.text.size() != k.size()) return false;
  for (std::size_t i = 0; i < k.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(t.text[i])) != k[i]) return false;
  }
  return true;
}

bool TokenCursor::accept_symbol(std::string_view s) {
  if (!symbol(s)) return false;
  ++pos_;
  return true;
}

bool TokenCursor::accept_keyword(std::string_view k) {
  if (!keyword(k)) return false;
  ++pos_;
  return true;
}

std::string TokenCursor::describe(const Token& t) const {
  switch (t.kind) {
    case Tok::kEnd:
      return "the end of the query";
    case Tok::kString:
      return "a string";
    case Tok::kParam:
      return "'$" + t.text + "'";
    default:
      return "'" + t.text + "'";
  }
}

void TokenCursor::fail(const std::string& message) const { query_error(text_, peek().at, message); }

void TokenCursor::expected(const std::string& what) const {
  fail("expected " + what + ", found " + describe(peek()));
}

void TokenCursor::expect_symbol(std::string_view s, const std::string& context) {
  if (!accept_symbol(s)) expected("'" + std::string(s) + "'" + context);
}

void TokenCursor::expect_keyword(std::string_view k, const std::string& context) {
  if (!accept_keyword(k)) expected(upper(k) + context);
}

std::string TokenCursor::name(const std::string& what, bool allow_reserved) {
  const Token& t = peek();
  if (t.kind == Tok::kQuotedIdent ||
      (t.kind == Tok::kIdent && (allow_reserved || !reserved(t.text)))) {
    ++pos_;
    return t.text;
  }
  expected(what);
}

bool TokenCursor::at_pattern() const {
  std::size_t i = pos_ + 1, depth = 1;
  while (depth > 0) {
    const Token& t = tokens_[std::min(i, tokens_.size() - 1)];
    if (t.kind == Tok::kEnd) return false;
    if (t.kind == Tok::kSymbol && t.text == "(") ++depth;
    if (t.kind == Tok::kSymbol && t.text == ")") --depth;
    ++i;
  }
  const Token& next = tokens_[std::min(i, tokens_.size() - 1)];
  const Token& after = tokens_[std::min(i + 1, tokens_.size() - 1)];
  if (next.kind != Tok::kSymbol || after.kind != Tok::kSymbol) return false;
  if (next.text == "-") return after.text == "[" || after.text == "-";
  return next.text == "<" && after.text == "-";
}

std::size_t TokenCursor::token_length(const Token& t) const {
  if (t.kind == Tok::kEnd) return 0;
  if (t.kind == Tok::kString) {
    // Find the closing quote again: escapes make the text longer than the contents.
    const char q = text_[t.at];
    std::size_t end = t.at + 1;
    while (end < text_.size() && text_[end] != q) end += text_[end] == '\\' ? 2 : 1;
    return end + 1 - t.at;
  }
  if (t.kind == Tok::kQuotedIdent) return t.text.size() + 2;
  if (t.kind == Tok::kParam) return t.text.size() + 1;
  return t.text.size();
}

}  // namespace ergraph::cypher
