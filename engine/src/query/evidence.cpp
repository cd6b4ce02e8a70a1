#include "ergraph/evidence.hpp"

#include <algorithm>
#include <utility>

#include "ergraph/error.hpp"
#include "ergraph/spelling.hpp"
#include "ergraph/text.hpp"

namespace ergraph {
namespace {

// Sorts and removes repeats: the distinct values of a short list.
template <typename T>
std::size_t distinct(std::vector<T>& values) {
  std::sort(values.begin(), values.end());
  return static_cast<std::size_t>(std::unique(values.begin(), values.end()) - values.begin());
}

}  // namespace

std::string sources_text(const SourceCount& count) {
  if (count.documents == 0) return "no sources";
  if (count.documents == 1) return "1 source";
  return std::to_string(count.documents) + " sources, " + std::to_string(count.independent) +
         " independent";
}

const std::string& counted_publisher(const DocumentRow& document) {
  return !document.published_by.empty() ? document.published_by : document.publisher;
}

SourceCount count_sources(
    const std::vector<Citation>& citations,
    const std::function<std::optional<DocumentRow>(std::string_view)>& document) {
  std::vector<std::string_view> docs;
  for (const Citation& c : citations) docs.push_back(c.doc);
  const std::size_t n = distinct(docs);
  // One group per publisher name key; a document without a publisher, or one the store does
  // not list, is a group of its own (its id, marked so that it cannot equal a key).
  std::vector<std::string> groups;
  for (std::size_t i = 0; i < n; ++i) {
    const std::optional<DocumentRow> row = document(docs[i]);
    std::string key = row ? name_key(counted_publisher(*row)) : std::string();
    groups.push_back(key.empty() ? "\x01" + std::string(docs[i]) : std::move(key));
  }
  return {static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(distinct(groups))};
}

SourceCounter::SourceCounter(const Store& store) {
  std::unordered_map<std::string, std::uint32_t> groups;  // publisher name key -> group
  std::uint32_t next_group = 0;
  for (DocumentRow& row : store.documents()) {
    Document d;
    d.id = std::move(row.id);
    d.key = row.key;
    d.publisher = counted_publisher(row);
    const std::string key = name_key(d.publisher);
    if (key.empty()) {
      d.group = next_group++;  // no publisher: a source of its own
    } else {
      const auto [at, added] = groups.emplace(key, next_group);
      if (added) ++next_group;
      d.group = at->second;
      by_publisher_[key].push_back(d.key);
    }
    by_key_.emplace(d.key, documents_.size());
    documents_.push_back(std::move(d));
  }
  unknown_group_ = next_group;
  for (auto& [key, docs] : by_publisher_) std::sort(docs.begin(), docs.end());
}

const SourceCounter::Document* SourceCounter::find(std::string_view doc_id) const {
  const auto at =
      std::lower_bound(documents_.begin(), documents_.end(), doc_id,
                       [](const Document& d, std::string_view id) { return d.id < id; });
  return at != documents_.end() && at->id == doc_id ? &*at : nullptr;
}

SourceCount SourceCounter::count(const std::vector<Citation>& citations) const {
  std::vector<std::string_view> docs;
  std::vector<std::uint32_t> groups;
  for (const Citation& c : citations) docs.push_back(c.doc);
  const std::size_t n = distinct(docs);
  for (std::size_t i = 0; i < n; ++i) {
    const Document* d = find(docs[i]);
    // A citation of a document the store does not list (a damaged file) is a source of its own.
    groups.push_back(d ? d->group : unknown_group_ + static_cast<std::uint32_t>(i));
  }
  return {static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(distinct(groups))};
}

const std::string& SourceCounter::publisher(std::string_view doc_id) const {
  static const std::string none;
  const Document* d = find(doc_id);
  return d ? d->publisher : none;
}

std::vector<std::int64_t> SourceCounter::documents_named(std::string_view source,
                                                         const Store& store) const {
  if (const auto at = by_publisher_.find(name_key(source)); at != by_publisher_.end()) {
    return at->second;
  }
  std::optional<Node> node;
  try {
    node = store.resolve(source);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kNotFound) throw;
  }
  if (node && node->type == kDocumentType) {
    if (const Document* d = find(node->id)) return {d->key};
  }
  if (node) {
    if (const auto at = by_publisher_.find(name_key(node->name)); at != by_publisher_.end()) {
      return at->second;
    }
    throw Error(ErrorCode::kInvalidInput,
                "'" + std::string(source) + "' is " + node->type + " " + node->id +
                    ", which is neither a document nor the publisher of one")
        .about("source", std::string(source));
  }
  std::vector<std::string> names;
  for (const Document& d : documents_) {
    names.push_back(d.id);
    if (!d.publisher.empty()) names.push_back(d.publisher);
  }
  names.resize(distinct(names));
  throw Error(ErrorCode::kNotFound, unknown_name("document or publisher", source, names))
      .about("source", std::string(source));
}

std::vector<std::uint8_t> SourceCounter::edge_mask(const EvidenceFilter& filter, const Store& store,
                                                   const GraphSnapshot& graph) const {
  std::vector<std::uint8_t> mask(graph.edge_count(), 0);
  auto named = [&](const std::vector<std::string>& sources) {
    std::vector<std::int64_t> keys;
    for (const std::string& s : sources) {
      const std::vector<std::int64_t> docs = documents_named(s, store);
      keys.insert(keys.end(), docs.begin(), docs.end());
    }
    keys.resize(distinct(keys));
    return keys;
  };
  const std::vector<std::int64_t> only = named(filter.only_sources);
  const std::vector<std::int64_t> excluded = named(filter.exclude_sources);
  auto counts = [&](std::int64_t doc) {
    if (!only.empty() && !std::binary_search(only.begin(), only.end(), doc)) return false;
    return !std::binary_search(excluded.begin(), excluded.end(), doc);
  };
  // Store keys to snapshot edges: the citations come in store key order.
  std::vector<std::pair<std::int64_t, std::uint32_t>> edges(graph.edge_count());
  for (std::uint32_t e = 0; e < graph.edge_count(); ++e)
    edges[e] = {graph.edge(EdgeId{e}).store_id, e};
  std::sort(edges.begin(), edges.end());
  const std::size_t min_docs = std::max<std::size_t>(filter.min_sources, 1);
  std::size_t next = 0;
  std::int64_t current = -1;
  std::vector<std::int64_t> docs;
  std::vector<std::uint32_t> groups;
  auto decide = [&]() {
    if (current < 0) return;
    while (next < edges.size() && edges[next].first < current) ++next;
    if (next == edges.size() || edges[next].first != current) return;  // not in this snapshot
    const std::size_t n = distinct(docs);  // ordered by (edge, doc): already distinct
    if (n >= min_docs && distinct(groups) >= filter.min_independent) mask[edges[next].second] = 1;
  };
  store.scan_citations([&](std::int64_t edge_key, std::int64_t doc_key) {
    if (edge_key != current) {
      decide();
      current = edge_key;
      docs.clear();
      groups.clear();
    }
    if (!counts(doc_key)) return;
    docs.push_back(doc_key);
    const auto at = by_key_.find(doc_key);
    groups.push_back(at != by_key_.end()
                         ? documents_[at->second].group
                         : unknown_group_ + static_cast<std::uint32_t>(docs.size()));
  });
  decide();
  return mask;
}

}  // namespace ergraph
