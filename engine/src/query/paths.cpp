// PathFinder: a shortest path, every shortest path, and Yen's k shortest, all read off the
// bidirectional search of path_search.hpp.
#include <algorithm>
#include <map>
#include <set>

#include "ergraph/query.hpp"
#include "path_search.hpp"

namespace ergraph {

PathFinder::PathFinder(const GraphSnapshot& graph) : impl_(std::make_unique<Impl>(graph)) {}
PathFinder::PathFinder(PathFinder&&) noexcept = default;
PathFinder::~PathFinder() = default;
std::size_t PathFinder::last_visited() const { return impl_->visited; }

std::optional<Path> PathFinder::shortest(VertexId from, VertexId to,
                                         const TraversalFilter& filter) {
  CompiledFilter c = compile(impl_->graph, filter);
  c.source = index_of(from);
  c.target = index_of(to);
  const Impl::Meeting m = impl_->search(c.source, c.target, c, filter.max_hops);
  if (m.distance < 0) return std::nullopt;
  return impl_->read_path(m.meets.front(), c.target, c);
}

std::vector<Path> PathFinder::all_shortest(VertexId from, VertexId to,
                                           const TraversalFilter& filter, std::size_t limit) {
  CompiledFilter c = compile(impl_->graph, filter);
  c.source = index_of(from);
  c.target = index_of(to);
  Impl& s = *impl_;
  const Impl::Meeting m = s.search(c.source, c.target, c, filter.max_hops);
  std::vector<Path> out;
  if (m.distance < 0 || limit == 0) return out;
  const Adjacency& g = s.graph.adjacency();
  // Mark the forward-side vertices that lie on some shortest path: the meeting vertices and,
  // level by level back towards the source, their predecessors.
  std::set<std::uint32_t> on_path(m.meets.begin(), m.meets.end());
  std::vector<std::uint32_t> level(m.meets.begin(), m.meets.end()), previous;
  for (int d = m.level; d > 0; --d) {
    previous.clear();
    for (std::uint32_t w : level) {
      for_each_neighbor(g, c, w, c.directed ? false : true, true,
                        [&](std::uint32_t u, std::uint32_t, bool) {
                          if (s.dist_f(u) == d - 1 && on_path.insert(u).second)
                            previous.push_back(u);
                        });
    }
    level.swap(previous);
  }
  // Depth-first in vertex order: along marked vertices to the meeting level, then down the
  // backward distances to the target.
  std::vector<std::uint32_t> stack{c.source};
  auto extend = [&](auto&& self, std::uint32_t v) -> void {
    if (out.size() >= limit) return;
    if (v == c.target) {
      Path p;
      for (std::uint32_t x : stack) p.nodes.push_back(VertexId(x));
      for (std::size_t i = 0; i + 1 < stack.size(); ++i)
        p.hops.push_back(s.hop_between(c, stack[i], stack[i + 1]));
      out.push_back(std::move(p));
      return;
    }
    const bool forward_side = s.dist_f(v) != -1 && s.dist_f(v) < m.level && on_path.count(v);
    std::vector<std::uint32_t> next;
    for_each_neighbor(g, c, v, true, !c.directed, [&](std::uint32_t w, std::uint32_t, bool) {
      if (!next.empty() && next.back() == w) return;
      const bool ok = forward_side ? (s.dist_f(w) == s.dist_f(v) + 1 && on_path.count(w) > 0)
                                   : (s.dist_b(w) != -1 && s.dist_b(w) == s.dist_b(v) - 1);
      if (ok) next.push_back(w);
    });
    for (std::uint32_t w : next) {
      stack.push_back(w);
      self(self, w);
      stack.pop_back();
    }
  };
  extend(extend, c.source);
  return out;
}

std::vector<Path> PathFinder::k_shortest(
    VertexId from, VertexId to, const TraversalFilter& filter, std::size_t k,
    const std::function<void(std::size_t, std::size_t)>& progress) {
  std::vector<Path> found;
  if (k == 0) return found;
  std::optional<Path> first = shortest(from, to, filter);
  if (!first) return found;
  found.push_back(std::move(*first));
  auto key = [](const Path& p) {
    std::vector<std::uint32_t> nodes;
    for (VertexId v : p.nodes) nodes.push_back(index_of(v));
    return std::make_pair(nodes.size(), nodes);
  };
  std::set<std::pair<std::size_t, std::vector<std::uint32_t>>> seen{key(found.front())};
  std::map<std::pair<std::size_t, std::vector<std::uint32_t>>, Path> candidates;
  CompiledFilter base = compile(impl_->graph, filter);
  while (found.size() < k) {
    const Path& last = found.back();
    for (std::size_t i = 0; i + 1 < last.nodes.size(); ++i) {
      CompiledFilter c = base;
      const std::uint32_t spur = index_of(last.nodes[i]);
      // Block the next hop of every found path that shares this root, and the root itself.
      for (const Path& p : found) {
        if (p.nodes.size() > i + 1 &&
            std::equal(p.nodes.begin(), p.nodes.begin() + static_cast<long>(i) + 1,
                       last.nodes.begin())) {
          c.blocked_pairs.emplace_back(index_of(p.nodes[i]), index_of(p.nodes[i + 1]));
        }
      }
      for (std::size_t j = 0; j < i; ++j) c.blocked_vertices.push_back(index_of(last.nodes[j]));
      std::sort(c.blocked_vertices.begin(), c.blocked_vertices.end());
      c.seal();
      c.source = spur;
      c.target = index_of(to);
      const int budget = filter.max_hops < 0 ? -1 : filter.max_hops - static_cast<int>(i);
      if (filter.max_hops >= 0 && budget < 1) continue;
      const Impl::Meeting m = impl_->search(c.source, c.target, c, budget);
      if (m.distance < 0) continue;
      Path spur_path = impl_->read_path(m.meets.front(), c.target, c);
      Path total;
      total.nodes.assign(last.nodes.begin(), last.nodes.begin() + static_cast<long>(i));
      total.hops.assign(last.hops.begin(), last.hops.begin() + static_cast<long>(i));
      total.nodes.insert(total.nodes.end(), spur_path.nodes.begin(), spur_path.nodes.end());
      total.hops.insert(total.hops.end(), spur_path.hops.begin(), spur_path.hops.end());
      auto k2 = key(total);
      if (!seen.count(k2)) candidates.emplace(std::move(k2), std::move(total));
    }
    if (candidates.empty()) break;
    auto best = candidates.begin();
    seen.insert(best->first);
    found.push_back(std::move(best->second));
    candidates.erase(best);
    if (progress) progress(found.size(), k);
  }
  return found;
}

}  // namespace ergraph
