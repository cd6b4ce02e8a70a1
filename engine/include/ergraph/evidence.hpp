// ergraph/evidence.hpp — how much evidence an edge has, and which edges a user's evidence
// filter lets through.
//
// The documents citing an edge are its sources; documents of one publisher are one independent
// source (three Xinhua wires are one source). A document's publisher is the node with a
// `published` edge to it (the first by id when several), else its `publisher` prop; publishers
// are compared by name key (case, accents and punctuation ignored), so a `publisher: Xinhua`
// prop and an Organization named "Xinhua" are one publisher. A document with neither is a
// source of its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ergraph/graph.hpp"
#include "ergraph/model.hpp"
#include "ergraph/store.hpp"

namespace ergraph {

// Which edges count, by their evidence. Sources are named as a user names them: a Document (id,
// name or alias) or a publisher (its name, as in a `publisher` prop or an Organization's name or
// id). The evidence an edge keeps is its citations from `only_sources` (all when empty) that are
// not from `exclude_sources`; the edge passes when that evidence has at least `min_sources`
// documents (at least one whenever any option is set) and `min_independent` independent sources.
struct EvidenceFilter {
  std::size_t min_sources = 0;
  std::size_t min_independent = 0;
  std::vector<std::string> only_sources;
  std::vector<std::string> exclude_sources;

  bool active() const {
    return min_sources > 0 || min_independent > 0 || !only_sources.empty() ||
           !exclude_sources.empty();
  }
};

// "no sources", "1 source", "3 sources, 2 independent": how every output words a SourceCount.
std::string sources_text(const SourceCount& count);

// The publisher a document counts under: the node with a `published` edge to it, else its
// `publisher` prop; "" when it has neither.
const std::string& counted_publisher(const DocumentRow& document);

// What SourceCounter::count gives, from each cited document's row looked up by id
// (`document(id)`; nullopt for a document the store does not list): O(citations) lookups, for
// the few edges of an answer (a path's hops, one node's edges) without reading every document.
SourceCount count_sources(
    const std::vector<Citation>& citations,
    const std::function<std::optional<DocumentRow>(std::string_view)>& document);

// How a diagram counts the sources of one edge's citations: a SourceCounter's count once one is
// built, else count_sources over the cited documents looked up one by one (a diagram of a hundred
// edges then reads their few documents, not every document of the graph).
using SourceCounting = std::function<SourceCount(const std::vector<Citation>&)>;

// Every document's publisher, read once from the store: O(documents).
class SourceCounter {
 public:
  explicit SourceCounter(const Store& store);

  // The distinct documents among `citations`, and the independent sources they are.
  SourceCount count(const std::vector<Citation>& citations) const;
  // The publisher a document is counted under, as the data names it ("" when it has none, or
  // for an unknown document).
  const std::string& publisher(std::string_view doc_id) const;

  // Whether `id` is a Document's.
  bool is_document(std::string_view id) const { return find(id) != nullptr; }

  // The documents `source` names, as store keys, sorted: the Document it resolves to, or every
  // document of the publisher it names. Error(kNotFound) when it names neither, with the
  // closest publisher and document names.
  std::vector<std::int64_t> documents_named(std::string_view source, const Store& store) const;

  // One byte per snapshot edge (by EdgeId): 1 when the edge passes `filter`. One pass over the
  // citations, O(C), plus O(E log E) to match store keys to edges.
  std::vector<std::uint8_t> edge_mask(const EvidenceFilter& filter, const Store& store,
                                      const GraphSnapshot& graph) const;

 private:
  struct Document {
    std::string id;
    std::int64_t key = 0;
    std::string publisher;  // as named in the data; "" when none
    std::uint32_t group = 0;
  };
  const Document* find(std::string_view doc_id) const;

  std::vector<Document> documents_;                       // in id order
  std::unordered_map<std::int64_t, std::size_t> by_key_;  // store key -> position
  std::unordered_map<std::string, std::vector<std::int64_t>> by_publisher_;  // name key -> docs
  std::uint32_t unknown_group_ = 0;  // groups from here on: documents the store does not list
};

}  // namespace ergraph
