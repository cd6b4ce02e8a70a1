#include "edge_precheck.hpp"

#include <algorithm>

#include "ergraph/schema.hpp"
#include "ergraph/text.hpp"

namespace ergraph::io {

std::uint32_t input_node(const InputNodes& input, const std::string& id) {
  if (!input.refused.empty() && input.refused.count(id)) return EdgePrecheck::kNoNode;
  const auto it = input.index.find(id);
  return it == input.index.end() ? EdgePrecheck::kNoNode : static_cast<std::uint32_t>(it->second);
}

std::vector<EdgePrecheck> precheck(const InputNodes& input, std::span<const EdgeRecord> part) {
  std::vector<EdgePrecheck> found;
  found.reserve(part.size());
  for (const EdgeRecord& r : part) {
    const Edge& edge = r.edge;
    EdgePrecheck& p = found.emplace_back();
    p.from = input_node(input, edge.from);
    p.to = input_node(input, edge.to);
    if (!input.texts_normalized) continue;  // normalising a whole text per quote costs more
    for (std::size_t i = 0; i < std::min<std::size_t>(edge.sources.size(), 32); ++i) {
      const Citation& c = edge.sources[i];
      const std::uint32_t doc = input_node(input, c.doc);
      if (doc == EdgePrecheck::kNoNode) continue;
      const Node& node = input.nodes[doc];
      if (node.type == kDocumentType && node.text &&
          node.text->find(normalize_for_quote(c.quote)) != std::string::npos) {
        p.quotes_found |= std::uint32_t{1} << i;
      }
    }
  }
  return found;
}

void Prechecks::put(std::span<const EdgeRecord> part, std::vector<EdgePrecheck> found) {
  if (part.empty()) return;
  const std::lock_guard lock(mutex_);
  by_part_.insert_or_assign(part.data(),
                            Found{part.size(), part.front().where.line, std::move(found)});
}

std::vector<EdgePrecheck> Prechecks::take(std::span<const EdgeRecord> part) {
  if (part.empty()) return {};
  const std::lock_guard lock(mutex_);
  const auto it = by_part_.find(part.data());
  if (it == by_part_.end()) return {};
  Found found = std::move(it->second);
  by_part_.erase(it);
  if (found.records != part.size() || found.first_line != part.front().where.line) return {};
  return std::move(found.edges);
}

}  // namespace ergraph::io
