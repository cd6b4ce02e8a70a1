#include "quotes.hpp"

#include <limits>
#include <string_view>
#include <unordered_map>

#include "ergraph/error.hpp"
#include "ergraph/text.hpp"

namespace ergraph::io {

std::vector<QuoteCheck> check_quotes_by_document(
    const std::vector<EdgeRecord>& records,
    const std::function<std::optional<std::string>(const std::string& doc)>& text_of) {
  // The cited ids in order of first citation, and each citation's place in that list.
  std::unordered_map<std::string_view, std::uint32_t> doc_index;
  std::vector<const std::string*> docs;
  std::vector<const Citation*> citations;
  std::vector<std::uint32_t> doc_of;
  for (const EdgeRecord& r : records) {
    for (const Citation& c : r.edge.sources) {
      const auto [it, added] =
          doc_index.try_emplace(c.doc, static_cast<std::uint32_t>(docs.size()));
      if (added) docs.push_back(&c.doc);
      citations.push_back(&c);
      doc_of.push_back(it->second);
    }
  }
  std::unordered_map<std::string_view, std::uint32_t>().swap(doc_index);
  if (citations.size() >= std::numeric_limits<std::uint32_t>::max()) {
    throw Error(ErrorCode::kInvalidInput,
                "more than 4,294,967,294 citations in one import: import them in parts");
  }
  // The citations' ordinals, grouped by document (a counting sort).
  std::vector<std::uint32_t> group_start(docs.size() + 1, 0);
  for (const std::uint32_t d : doc_of) ++group_start[d + 1];
  for (std::size_t d = 0; d < docs.size(); ++d) group_start[d + 1] += group_start[d];
  std::vector<std::uint32_t> by_doc(citations.size());
  {
    std::vector<std::uint32_t> next(group_start.begin(), group_start.end() - 1);
    for (std::uint32_t i = 0; i < doc_of.size(); ++i) by_doc[next[doc_of[i]]++] = i;
  }
  std::vector<std::uint32_t>().swap(doc_of);
  std::vector<QuoteCheck> checks(citations.size(), QuoteCheck::kNoText);
  for (std::size_t d = 0; d < docs.size(); ++d) {
    const std::optional<std::string> text = text_of(*docs[d]);
    if (!text) continue;
    for (std::uint32_t k = group_start[d]; k < group_start[d + 1]; ++k) {
      const std::uint32_t i = by_doc[k];
      checks[i] = text->find(normalize_for_quote(citations[i]->quote)) == std::string::npos
                      ? QuoteCheck::kNotFound
                      : QuoteCheck::kFound;
    }
  }
  return checks;
}

}  // namespace ergraph::io
