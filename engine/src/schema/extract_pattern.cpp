// The grammar of extraction patterns (README "Extraction patterns"), checked when a schema is
// read so that a bad pattern is reported with its file:line like any other schema problem.
#include <algorithm>
#include <cctype>

#include "ergraph/schema.hpp"
#include "ergraph/spelling.hpp"
#include "ergraph/text.hpp"

namespace ergraph {
namespace {

constexpr std::size_t kDefaultGap = 6;

// The words of a literal run, split and compared as the text's words are.
std::vector<std::string> literal_words(std::string_view text) {
  std::vector<std::string> words;
  for (const WordSpan& w : word_spans(text)) {
    std::string form = word_form(text.substr(w.begin, w.end - w.begin));
    // A trailing '*' is split off as a symbol: glue it back to the word it widens.
    if (form == "*" && !words.empty()) {
      words.back() += '*';
      continue;
    }
    // A possessive on its own ("{to} 's {from}") is the word a text's "Russia's" ends with.
    if (form == "s" && !words.empty() && words.back() == "'") {
      words.back() = "'s";
      continue;
    }
    words.push_back(std::move(form));
  }
  return words;
}

bool is_special(char c) {
  return c == '{' || c == '}' || c == '(' || c == ')' || c == '[' || c == ']' || c == '|';
}

}  // namespace

std::string parse_extract_pattern(std::string_view text, const std::vector<std::string>& types,
                                  std::vector<PatternElement>& out) {
  out.clear();
  std::size_t i = 0;
  bool has_word = false;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (text.substr(i, 3) == "...") {
      if (!out.empty() && out.back().kind == PatternElement::Kind::kGap) return "two gaps in a row";
      PatternElement gap;
      gap.kind = PatternElement::Kind::kGap;
      gap.max_gap = kDefaultGap;
      out.push_back(gap);
      i += 3;
      continue;
    }
    if (c == '{') {
      const std::size_t close = text.find('}', i);
      if (close == std::string_view::npos) return "'{' without '}'";
      const std::string_view inside = text.substr(i + 1, close - i - 1);
      PatternElement slot;
      slot.kind = PatternElement::Kind::kSlot;
      const std::size_t colon = inside.find(':');
      slot.slot = std::string(inside.substr(0, colon));
      if (slot.slot != "from" && slot.slot != "to" && slot.slot != "title" &&
          slot.slot != "occasion") {
        return "unknown slot {" + std::string(inside) +
               "} (known: {from}, {to}, {title}, {occasion})";
      }
      if (colon != std::string_view::npos) {
        if (slot.slot == "title" || slot.slot == "occasion") {
          return "{" + slot.slot + "} takes no node types";
        }
        std::string_view list = inside.substr(colon + 1);
        while (!list.empty()) {
          const std::size_t bar = list.find('|');
          const std::string name(list.substr(0, bar));
          if (std::find(types.begin(), types.end(), name) == types.end()) {
            return unknown_name("node type", name, types) + " in {" + std::string(inside) + "}";
          }
          slot.types.push_back(name);
          if (bar == std::string_view::npos) break;
          list.remove_prefix(bar + 1);
        }
      }
      has_word = has_word || slot.slot == "title";
      out.push_back(std::move(slot));
      i = close + 1;
      continue;
    }
    if (c == '(' || c == '[') {
      const char closer = c == '(' ? ')' : ']';
      const std::size_t close = text.find(closer, i);
      if (close == std::string_view::npos)
        return std::string("'") + c + "' without '" + closer + "'";
      PatternElement group;
      group.kind = c == '(' ? PatternElement::Kind::kWords : PatternElement::Kind::kOptional;
      std::string_view inside = text.substr(i + 1, close - i - 1);
      if (inside.find_first_of("{}()[]") != std::string_view::npos) {
        return "a choice holds words only, not slots or other choices";
      }
      while (true) {
        const std::size_t bar = inside.find('|');
        std::vector<std::string> words = literal_words(inside.substr(0, bar));
        if (words.empty() && group.kind == PatternElement::Kind::kWords) {
          return "an empty choice in (...): use [...] for optional words";
        }
        if (!words.empty()) group.choices.push_back(std::move(words));
        if (bar == std::string_view::npos) break;
        inside.remove_prefix(bar + 1);
      }
      if (group.choices.empty()) return "an empty choice";
      has_word = true;
      out.push_back(std::move(group));
      i = close + 1;
      continue;
    }
    if (is_special(c)) return std::string("unexpected '") + c + "'";
    std::size_t end = i;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
           !is_special(text[end]) && text.substr(end, 3) != "...") {
      ++end;
    }
    for (std::string& word : literal_words(text.substr(i, end - i))) {
      PatternElement literal;
      literal.choices.push_back({std::move(word)});
      out.push_back(std::move(literal));
      has_word = true;
    }
    i = end;
  }
  if (!has_word) return "a pattern needs at least one word (or a {title}) to look for";
  const bool has_to = std::any_of(out.begin(), out.end(), [](const PatternElement& e) {
    return e.kind == PatternElement::Kind::kSlot && (e.slot == "to" || e.slot == "occasion");
  });
  if (!has_to) return "a pattern needs a {to} slot (or {occasion})";
  for (std::size_t k = 0; k < out.size(); ++k) {
    const bool gap = out[k].kind == PatternElement::Kind::kGap;
    if (gap && (k == 0 || k + 1 == out.size())) return "'...' must stand between two elements";
  }
  return "";
}

}  // namespace ergraph
