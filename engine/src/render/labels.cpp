#include "labels.hpp"

#include <string>
#include <vector>

#include "ergraph/text.hpp"

namespace ergraph::render {
namespace {

constexpr std::size_t kWrapColumns = 28;

}  // namespace

std::string graphviz_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
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
