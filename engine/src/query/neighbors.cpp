// neighbors(): the breadth-first neighbourhood of a vertex.
#include "ergraph/memory.hpp"
#include "ergraph/query.hpp"
#include "reach.hpp"

namespace ergraph {

std::vector<Reached> reach(const GraphSnapshot& graph, const CompiledFilter& filter, VertexId start,
                           int depth, const std::vector<char>* allowed) {
  const Adjacency& g = graph.adjacency();
  std::vector<Reached> out{Reached{start, 0, 0, std::nullopt}};
  std::vector<char> seen;
  resize_on_huge_pages(seen, graph.vertex_count());
  seen[index_of(start)] = 1;
  std::size_t level_begin = 0;
  for (int d = 0; d < depth; ++d) {
    const std::size_t level_end = out.size();
    for (std::size_t i = level_begin; i < level_end; ++i) {
      const std::uint32_t u = index_of(out[i].node);
      for_each_neighbor(g, filter, u, true, !filter.directed,
                        [&](std::uint32_t w, std::uint32_t e, bool along) {
                          if (seen[w] || (allowed && !(*allowed)[w])) return;
                          seen[w] = 1;
                          grow_on_huge_pages(out);
                          out.push_back(Reached{VertexId(w), d + 1, i, Hop{EdgeId(e), along}});
                        });
    }
    if (out.size() == level_end) break;
    level_begin = level_end;
  }
  return out;
}

std::vector<Reached> neighbors(const GraphSnapshot& graph, VertexId start, int depth,
                               const TraversalFilter& filter) {
  CompiledFilter c = compile(graph, filter);
  c.source = index_of(start);
  return reach(graph, c, start, depth, nullptr);
}

std::vector<std::size_t> count_neighbors(const GraphSnapshot& graph, VertexId start, int depth,
                                         const TraversalFilter& filter) {
  CompiledFilter c = compile(graph, filter);
  c.source = index_of(start);
  const Adjacency& g = graph.adjacency();
  std::vector<char> seen;
  resize_on_huge_pages(seen, graph.vertex_count());
  seen[index_of(start)] = 1;
  std::vector<std::uint32_t> level{index_of(start)};
  std::vector<std::uint32_t> next;
  std::vector<std::size_t> counts{1};
  for (int d = 0; d < depth; ++d) {
    next.clear();
    for (const std::uint32_t u : level) {
      for_each_neighbor(g, c, u, true, !c.directed, [&](std::uint32_t w, std::uint32_t, bool) {
        if (seen[w]) return;
        seen[w] = 1;
        grow_on_huge_pages(next);
        next.push_back(w);
      });
    }
    if (next.empty()) break;
    counts.push_back(next.size());
    level.swap(next);
  }
  return counts;
}

}  // namespace ergraph
