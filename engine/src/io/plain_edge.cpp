#include "plain_edge.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "ergraph/text.hpp"
#include "io_common.hpp"

namespace ergraph::io {
namespace {

// The JSON tokens of a plain edge line, left to right. Every method that reads returns false or
// nullopt on anything it does not expect, and the line is then not plain.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  // Takes `c` after any spaces and tabs.
  bool take(char c) {
    skip_space();
    if (at_ == text_.size() || text_[at_] != c) return false;
    ++at_;
    return true;
  }

  // A string without escapes or control characters (the full parser's value is then its bytes).
  std::optional<std::string_view> string() {
    if (!take('"')) return std::nullopt;
    const char* begin = text_.data() + at_;
    const void* quote = std::memchr(begin, '"', text_.size() - at_);
    if (quote == nullptr) return std::nullopt;
    const std::string_view value(begin, static_cast<const char*>(quote) - begin);
    for (const char c : value) {
      if (c == '\\' || static_cast<unsigned char>(c) < 0x20) return std::nullopt;
    }
    at_ += value.size() + 1;
    return value;
  }

  // A string that is not blank (the full parser reports a blank one).
  std::optional<std::string_view> filled_string() {
    std::optional<std::string_view> value = string();
    if (value && is_blank(*value)) return std::nullopt;
    return value;
  }

  bool at_end() {
    skip_space();
    return at_ == text_.size();
  }

 private:
  void skip_space() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t')) ++at_;
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

// The fields a plain edge line may have, as bits of the set of those met.
enum Field : unsigned {
  kKind = 1,
  kType = 2,
  kFrom = 4,
  kTo = 8,
  kDate = 16,
  kProps = 32,
  kSources = 64
};

unsigned field_of(std::string_view key) {
  if (key == "kind") return kKind;
  if (key == "type") return kType;
  if (key == "from") return kFrom;
  if (key == "to") return kTo;
  if (key == "date") return kDate;
  if (key == "props") return kProps;
  if (key == "sources") return kSources;
  return 0;
}

// [{"doc": D, "quote": Q}, ...], each citation kept once, as the full reader keeps them.
bool read_sources(Scanner& in, std::vector<Citation>& sources) {
  if (!in.take('[')) return false;
  if (in.take(']')) return true;
  do {
    if (!in.take('{')) return false;
    std::optional<std::string_view> doc, quote;
    do {
      const std::optional<std::string_view> key = in.string();
      if (!key || !in.take(':')) return false;
      std::optional<std::string_view>* slot = *key == "doc"     ? &doc
                                              : *key == "quote" ? &quote
                                                                : nullptr;
      if (slot == nullptr || *slot) return false;
      *slot = in.filled_string();
      if (!*slot) return false;
    } while (in.take(','));
    if (!in.take('}') || !doc || !quote) return false;
    Citation c{std::string(*doc), std::string(*quote)};
    if (std::find(sources.begin(), sources.end(), c) == sources.end()) {
      sources.push_back(std::move(c));
    }
  } while (in.take(','));
  return in.take(']');
}

}  // namespace

std::optional<Edge> read_plain_edge(std::string_view line) {
  Scanner in(line);
  if (!in.take('{')) return std::nullopt;
  Edge edge;
  unsigned met = 0;
  do {
    const std::optional<std::string_view> key = in.string();
    if (!key || !in.take(':')) return std::nullopt;
    const unsigned field = field_of(*key);
    if (field == 0 || (met & field) != 0) return std::nullopt;
    met |= field;
    if (field == kProps) {
      if (!in.take('{') || !in.take('}')) return std::nullopt;
      continue;
    }
    if (field == kSources) {
      if (!read_sources(in, edge.sources)) return std::nullopt;
      continue;
    }
    const std::optional<std::string_view> value = field == kDate ? in.string() : in.filled_string();
    if (!value) return std::nullopt;
    switch (field) {
      case kKind:
        if (*value != "edge") return std::nullopt;
        break;
      case kType:
        edge.type = *value;
        break;
      case kFrom:
        edge.from = *value;
        break;
      case kTo:
        edge.to = *value;
        break;
      default:  // kDate
        if (!is_valid_date(*value)) return std::nullopt;
        edge.date = *value;
    }
  } while (in.take(','));
  constexpr unsigned kRequired = kKind | kType | kFrom | kTo;
  if (!in.take('}') || !in.at_end() || (met & kRequired) != kRequired) return std::nullopt;
  return edge;
}

}  // namespace ergraph::io
