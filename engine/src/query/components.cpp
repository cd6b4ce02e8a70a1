// components(): connected components, edge directions ignored, with Boost's disjoint sets.
#include <boost/pending/disjoint_sets.hpp>

#include <algorithm>
#include <map>

#include "ergraph/query.hpp"

namespace ergraph {

std::vector<Component> components(const GraphSnapshot& graph) {
  const std::size_t n = graph.vertex_count();
  std::vector<std::uint32_t> parent(n), rank_of(n, 0);
  boost::disjoint_sets<std::uint32_t*, std::uint32_t*> sets(rank_of.data(), parent.data());
  for (std::uint32_t v = 0; v < n; ++v) sets.make_set(v);
  const Adjacency& g = graph.adjacency();
  for (std::uint32_t u = 0; u < n; ++u) {
    for (std::uint32_t e = g.out_begin(u); e != g.out_end(u); ++e) sets.union_set(u, g.target(e));
  }
  std::map<std::uint32_t, std::size_t> index_of_root;
  std::vector<Component> out;
  for (std::uint32_t v = 0; v < n; ++v) {
    const std::uint32_t root = sets.find_set(v);
    const auto [it, inserted] = index_of_root.emplace(root, out.size());
    if (inserted) out.emplace_back();
    out[it->second].members.push_back(VertexId(v));
  }
  std::stable_sort(out.begin(), out.end(), [](const Component& a, const Component& b) {
    return a.members.size() > b.members.size();
  });
  return out;
}

}  // namespace ergraph
