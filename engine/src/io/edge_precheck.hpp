// Private to the io layer: what the check of an edge needs of the input's nodes alone — the
// node each end names, whether each quote is in its document's text — found ahead on a reading
// core, so that the core that checks in order and writes does less (import's edge pass).
#pragma once

#include <cstdint>
#include <limits>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ergraph/model.hpp"

namespace ergraph::io {

// The input's accepted nodes as the validator holds them; fixed while the edges are checked.
struct InputNodes {
  const std::vector<Node>& nodes;
  const std::unordered_map<std::string, std::size_t>& index;  // id -> place in nodes
  const std::unordered_set<std::string>& refused;             // ids whose record was refused
  bool texts_normalized;  // nodes' texts are in quote normal form (normalize_for_quote)
};

// One edge record as found: its ends' places in the nodes (kNoNode when not there, or refused),
// and for each of its first 32 citations whether the quote is in its document's text in the
// input. Only what was found may be taken: the rest is checked again, its problems reported.
struct EdgePrecheck {
  static constexpr std::uint32_t kNoNode = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t from = kNoNode, to = kNoNode;
  std::uint32_t quotes_found = 0;  // bit i: citation i

  bool quote_found(std::size_t citation) const {
    return citation < 32 && (quotes_found >> citation & 1) != 0;
  }
};

// The place of `id` in the nodes, or EdgePrecheck::kNoNode.
std::uint32_t input_node(const InputNodes& input, const std::string& id);

// What each record of `part` needs of the nodes, in the part's order.
std::vector<EdgePrecheck> precheck(const InputNodes& input, std::span<const EdgeRecord> part);

// Prechecks handed from the reading cores to the one that checks, by part.
class Prechecks {
 public:
  void put(std::span<const EdgeRecord> part, std::vector<EdgePrecheck> found);
  // What was put for `part` (empty if nothing was, or for another part since freed).
  std::vector<EdgePrecheck> take(std::span<const EdgeRecord> part);

 private:
  struct Found {
    std::size_t records = 0, first_line = 0;  // to make sure it is the same part
    std::vector<EdgePrecheck> edges;
  };
  std::mutex mutex_;
  std::unordered_map<const EdgeRecord*, Found> by_part_;
};

}  // namespace ergraph::io
