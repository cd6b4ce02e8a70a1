// Private to query/: a TraversalFilter compiled to lookups by index, the filter every search and
// selection applies while it walks the snapshot's adjacency (a WalkFilter, ergraph/adjacency.hpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ergraph/query.hpp"

namespace ergraph {

inline constexpr std::uint32_t kUnset = ~std::uint32_t{0};

// A TraversalFilter turned into lookups by index, plus what a search adds (its endpoints, and the
// vertices and vertex pairs Yen's algorithm blocks). Call seal() after changing any field.
struct CompiledFilter {
  std::vector<bool> edge_type_ok;    // by edge type index
  std::vector<bool> node_type_ok;    // by node type index; empty: all
  std::vector<std::uint32_t> avoid;  // sorted
  bool use_window = false;
  DateRange window;
  bool dated_only = false;
  std::vector<std::uint8_t> edge_mask;  // by edge; empty: all (evidence filters)
  const Adjacency* graph = nullptr;     // for the vertex types
  std::uint32_t source = kUnset;        // the endpoints pass whatever their type
  std::uint32_t target = kUnset;
  bool directed = false;
  std::vector<std::uint32_t> blocked_vertices;                         // sorted
  std::vector<std::pair<std::uint32_t, std::uint32_t>> blocked_pairs;  // (from, to) as walked
  bool passes_all_cached = false;  // passes_all(), set by seal() once the filter is complete

  bool vertex_ok(std::uint32_t v) const {
    if (v == source || v == target) return true;
    if (std::binary_search(avoid.begin(), avoid.end(), v)) return false;
    if (std::binary_search(blocked_vertices.begin(), blocked_vertices.end(), v)) return false;
    return node_type_ok.empty() || node_type_ok[graph->vertex_type(v)];
  }

  bool edge_ok(std::uint32_t e, const EdgeAttributes& a) const {
    if (!edge_type_ok[a.type]) return false;
    if (!edge_mask.empty() && !edge_mask[e]) return false;
    if (a.date_first == 0) return !dated_only;
    return !use_window || (a.date_first <= window.last && a.date_last >= window.first);
  }

  // Nothing to test: every edge and vertex passes (the common case, and the fast path).
  bool passes_all() const {
    return avoid.empty() && blocked_vertices.empty() && blocked_pairs.empty() && !use_window &&
           !dated_only && node_type_ok.empty() && edge_mask.empty() &&
           std::find(edge_type_ok.begin(), edge_type_ok.end(), false) == edge_type_ok.end();
  }

  void seal() { passes_all_cached = passes_all(); }

  // For for_each_neighbor: whether it may skip every test.
  bool unrestricted() const {
    return passes_all_cached && blocked_pairs.empty() && blocked_vertices.empty();
  }

  bool pair_blocked(std::uint32_t from, std::uint32_t to) const {
    for (const auto& [a, b] : blocked_pairs) {
      if ((a == from && b == to) || (!directed && a == to && b == from)) return true;
    }
    return false;
  }

  // An edge from -> to may be used (Yen's algorithm blocks some).
  bool pair_ok(std::uint32_t from, std::uint32_t to) const {
    return blocked_pairs.empty() || !pair_blocked(from, to);
  }
};

// A mask by type index of `all`: `only` (empty: all) minus `skip`. Error(kInvalidInput) names
// an unknown type, `what` saying which kind ("edge type", "node type"), with a suggestion.
std::vector<bool> type_mask(const std::vector<std::string>& all,
                            const std::vector<std::string>& only,
                            const std::vector<std::string>& skip, const char* what);

// `filter` compiled against `graph`, sealed, with no endpoints or blocks. Error(kInvalidInput)
// for an unknown type name.
CompiledFilter compile(const GraphSnapshot& graph, const TraversalFilter& filter);

}  // namespace ergraph
