#include "line_kind.hpp"

#include <cstring>

namespace ergraph::io {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The string starting after the quote at `at`: where its closing quote is (npos when none)
// and whether it holds an escape. memchr finds the quotes; a quote after an odd run of
// backslashes is escaped.
struct StringScan {
  std::size_t end = std::string_view::npos;
  bool escaped = false;
};

StringScan scan_string(std::string_view s, std::size_t at) {
  StringScan scan;
  std::size_t from = at;
  while (from < s.size()) {
    const void* hit = std::memchr(s.data() + from, '"', s.size() - from);
    if (hit == nullptr) return scan;
    const auto quote = static_cast<std::size_t>(static_cast<const char*>(hit) - s.data());
    std::size_t backslashes = 0;
    while (quote - backslashes > at && s[quote - backslashes - 1] == '\\') ++backslashes;
    if (backslashes > 0) scan.escaped = true;
    if (backslashes % 2 == 0) {
      if (!scan.escaped) scan.escaped = std::memchr(s.data() + at, '\\', quote - at) != nullptr;
      scan.end = quote;
      return scan;
    }
    from = quote + 1;
  }
  return scan;
}

// Where the parser stops reading `s`: at its first NUL outside a string, else at its end.
std::size_t end_of_input(std::string_view s) {
  for (std::size_t at = 0; at < s.size(); ++at) {
    if (s[at] == '\0') return at;
    if (s[at] == '"') {
      const StringScan str = scan_string(s, at + 1);
      if (str.end == std::string_view::npos) return s.size();
      at = str.end;
    }
  }
  return s.size();
}

}  // namespace

LineKind line_kind(std::string_view s) {
  // As the parser (nlohmann) reads a line: a UTF-8 byte order mark at its start is skipped, and
  // a NUL outside a string ends it (what follows is never read).
  if (const std::size_t nul = s.find('\0'); nul != std::string_view::npos) {
    // Cut at the first NUL outside a string, found by the scan below; a NUL inside a string
    // fails the parse whatever this returns.
    s = s.substr(0, end_of_input(s));
  }
  std::size_t at = s.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (at < s.size() && is_space(s[at])) ++at;
  if (at == s.size() || s[at] != '{') return LineKind::kNotEdge;
  int depth = 0;
  bool key_next = false;  // the next string at depth 1 is a key
  int kinds = 0;          // top-level "kind" keys
  bool edge = false;      // the (last) one's value is the plain string "edge"
  bool unsure = false;
  for (; at < s.size(); ++at) {
    const char c = s[at];
    if (c == '"') {
      const StringScan str = scan_string(s, at + 1);
      if (str.end == std::string_view::npos) return LineKind::kNotEdge;  // malformed
      const std::string_view text = s.substr(at + 1, str.end - at - 1);
      at = str.end;
      if (depth != 1 || !key_next) continue;
      key_next = false;
      if (str.escaped) unsure = true;
      if (text != "kind") continue;
      ++kinds;
      edge = false;
      std::size_t v = at + 1;
      while (v < s.size() && is_space(s[v])) ++v;
      if (v == s.size() || s[v] != ':') continue;  // malformed: the parse says so
      for (++v; v < s.size() && is_space(s[v]);) ++v;
      if (v == s.size() || s[v] != '"') continue;  // not a string: not an edge
      const StringScan value = scan_string(s, v + 1);
      if (value.end == std::string_view::npos) return LineKind::kNotEdge;
      if (value.escaped) unsure = true;
      edge = s.substr(v + 1, value.end - v - 1) == "edge";
      at = value.end;
    } else if (c == '{' || c == '[') {
      ++depth;
      key_next = depth == 1;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == ',' && depth == 1) {
      key_next = true;
    }
  }
  if (unsure || kinds > 1) return LineKind::kUnsure;
  return kinds == 1 && edge ? LineKind::kEdge : LineKind::kNotEdge;
}

}  // namespace ergraph::io
