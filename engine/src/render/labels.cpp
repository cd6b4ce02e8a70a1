#include "labels.hpp"

#include <string>
#include <vector>

#include "ergraph/text.hpp"

namespace ergraph::render {
namespace {

constexpr std::size_t kWrapColumns = 28;

// Graphviz copies text into SVG as it is, but for & (which it leaves alone where it starts an
// entity, so "&#0;" would reach the SVG as a character XML forbids) and the control characters
// (which XML 1.0 cannot hold at all: they become U+FFFD, as escape_xml does).
void append_xml_safe(std::string& out, char c) {
  const auto u = static_cast<unsigned char>(c);
  if (c == '&') {
    out += "&amp;";
  } else if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') {
    out += "\xEF\xBF\xBD";
  } else {
    out += c;
  }
}

}  // namespace

std::string graphviz_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else {
      append_xml_safe(out, c);
    }
  }
  return out;
}

std::string graphviz_name(std::string_view id) {
  std::string out;
  for (char c : id) append_xml_safe(out, c);
  return out;
}

std::string wrap_label(std::string_view name) {
  std::vector<std::string> lines{""};
  std::string word;
  auto place = [&](std::string w) {
    while (count_code_points(w) > kWrapColumns) {
      const std::size_t bytes = cut_to_code_points(w, kWrapColumns).size();
      if (!lines.back().empty()) lines.emplace_back();
      lines.back() = w.substr(0, bytes);
      lines.emplace_back();
      w.erase(0, bytes);
    }
    if (w.empty()) return;
    if (!lines.back().empty() &&
        count_code_points(lines.back()) + 1 + count_code_points(w) > kWrapColumns) {
      lines.emplace_back();
    }
    lines.back() += (lines.back().empty() ? "" : " ") + w;
  };
  for (char c : name) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      place(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  place(std::move(word));
  if (lines.size() > 1 && lines.back().empty()) lines.pop_back();
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += (i ? "\\n" : "") + graphviz_text(lines[i]);
  }
  return out;
}

}  // namespace ergraph::render
