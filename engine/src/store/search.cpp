// Store: full-text search (FTS5) over document texts and the quotes edges cite.
#include "ergraph/store.hpp"

#include <algorithm>

#include "ergraph/text.hpp"
#include "store_impl.hpp"

namespace ergraph {
namespace {

// Words of a user's query as an FTS5 query: each a quoted literal, all required.
std::string fts_query(std::string_view words) {
  std::string query;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    std::string quoted = "\"";
    for (char c : word) {
      if (c == '"') quoted += '"';
      quoted += c;
    }
    query += (query.empty() ? "" : " ") + quoted + "\"";
    word.clear();
  };
  for (char c : words) {
    if (c == ' ' || c == '\t' || c == '\n') {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return query;
}

std::vector<std::string> split_words(std::string_view words) {
  std::vector<std::string> out;
  std::string word;
  for (char c : words) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(word);
  return out;
}

}  // namespace

std::vector<TextHit> Store::search_text(std::string_view words, std::size_t limit) const {
  std::vector<TextHit> out;
  const std::string query = fts_query(words);
  if (query.empty()) return out;
  sql::Statement q(impl_->db,
                   "SELECT n.id, n.name, snippet(documents_fts, 0, '[', ']', '…', 16) "
                   "FROM documents_fts JOIN nodes n ON n.nid = documents_fts.rowid "
                   "WHERE documents_fts MATCH ?1 ORDER BY rank, n.id LIMIT ?2");
  q.bind(query, static_cast<std::int64_t>(limit));
  while (q.step()) {
    std::string snippet = q.text(2);
    std::replace(snippet.begin(), snippet.end(), '\n', ' ');
    out.push_back(TextHit{q.text(0), q.text(1), std::move(snippet)});
  }
  return out;
}

std::vector<QuoteHit> Store::search_quotes(std::string_view words, std::size_t limit) const {
  std::vector<QuoteHit> out;
  const std::vector<std::string> terms = split_words(words);
  if (terms.empty()) return out;
  // Only the documents the full-text index matches can hold a matching quote.
  sql::Statement q(
      impl_->db,
      "SELECT c.eid, doc.id, c.quote FROM citations c JOIN nodes doc ON doc.nid = c.doc "
      "WHERE c.doc IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1) "
      "ORDER BY c.eid, c.cid");
  q.bind(fts_query(words));
  std::int64_t current = -1;
  while (q.step()) {
    const std::string quote = q.text(2);
    const std::string folded = name_key(quote);
    bool all = true;
    for (const std::string& t : terms) all = all && folded.find(name_key(t)) != std::string::npos;
    if (!all) continue;
    if (q.int64(0) != current) {
      if (out.size() == limit) break;
      current = q.int64(0);
      Edge edge = *edge_by_key(current);
      edge.sources.clear();
      out.push_back(QuoteHit{std::move(edge)});
    }
    out.back().edge.sources.push_back(Citation{q.text(1), quote});
  }
  return out;
}

}  // namespace ergraph
