// chronological_path(): the shortest time-respecting path, by a breadth-first search over
// (vertex, earliest time) labels.
//
// Along a path the hops' dates are day ranges [first, last]; the path can have happened in its
// order exactly when a time can be picked in each range without going back, and the greedy
// choice decides it: the time reached after a hop is max(time so far, first), and the hop may be
// taken when its last day is not before the time so far. The time reached at a vertex is thus
// the earliest day the path could have got there. A vertex is entered again at a later level only
// with an earlier time than every earlier label of it, which also keeps the paths simple (times
// never decrease along a path, so a path returning to a vertex cannot improve on it).
#include <algorithm>
#include <limits>

#include "ergraph/query.hpp"
#include "filter.hpp"

namespace ergraph {
namespace {

struct Label {
  std::uint32_t vertex;
  std::int32_t time;     // the earliest day the path can be at `vertex` (0: no dated hop yet)
  std::uint32_t parent;  // index of the label it came from; itself for the start
  Hop hop;
};

}  // namespace

std::optional<Path> chronological_path(const GraphSnapshot& graph, VertexId from, VertexId to,
                                       const TraversalFilter& filter, bool allow_undated,
                                       std::size_t* labels_made) {
  CompiledFilter c = compile(graph, filter);
  c.source = index_of(from);
  c.target = index_of(to);
  if (!allow_undated) c.dated_only = true;
  c.seal();
  const Adjacency& g = graph.adjacency();
  constexpr std::int32_t kNever = std::numeric_limits<std::int32_t>::max();
  std::vector<std::int32_t> best(graph.vertex_count(), kNever);  // earliest time at each vertex
  std::vector<std::uint32_t> at_level(graph.vertex_count(), ~std::uint32_t{0});
  std::vector<Label> labels{Label{index_of(from), 0, 0, Hop{EdgeId{0}, true}}};
  best[index_of(from)] = 0;
  std::size_t level_begin = 0;
  std::optional<std::uint32_t> arrived;
  for (int hops = 0; !arrived && level_begin < labels.size(); ++hops) {
    if (filter.max_hops >= 0 && hops >= filter.max_hops) break;
    const std::size_t level_end = labels.size();
    if (index_of(from) == index_of(to)) break;
    // The frontier in vertex order: among equal times the path through the smaller vertex wins.
    std::sort(labels.begin() + static_cast<std::ptrdiff_t>(level_begin), labels.end(),
              [](const Label& a, const Label& b) { return a.vertex < b.vertex; });
    for (std::size_t i = level_begin; i < level_end; ++i) {
      const Label here = labels[i];
      if (here.vertex == index_of(to)) continue;
      for_each_neighbor(
          g, c, here.vertex, true, !c.directed, [&](std::uint32_t w, std::uint32_t e, bool along) {
            const EdgeAttributes& a = g.attributes(e);
            std::int32_t time = here.time;
            if (a.date_first != 0) {
              if (a.date_last < here.time) return;  // it ended before we got here
              time = std::max(time, a.date_first);
            }
            if (time >= best[w]) return;
            best[w] = time;
            const Label next{w, time, static_cast<std::uint32_t>(i), Hop{EdgeId(e), along}};
            if (at_level[w] != ~std::uint32_t{0} && at_level[w] >= level_end) {
              labels[at_level[w]] = next;  // an earlier time at this same level
            } else {
              at_level[w] = static_cast<std::uint32_t>(labels.size());
              labels.push_back(next);
            }
          });
    }
    level_begin = level_end;
    if (at_level[index_of(to)] != ~std::uint32_t{0} && at_level[index_of(to)] >= level_end) {
      arrived = at_level[index_of(to)];
    }
  }
  if (labels_made) *labels_made = labels.size();
  if (index_of(from) == index_of(to)) return Path{{from}, {}};
  if (!arrived) return std::nullopt;
  Path path;
  for (std::uint32_t i = *arrived; i != 0; i = labels[i].parent) {
    path.nodes.push_back(VertexId(labels[i].vertex));
    path.hops.push_back(labels[i].hop);
  }
  path.nodes.push_back(from);
  std::reverse(path.nodes.begin(), path.nodes.end());
  std::reverse(path.hops.begin(), path.hops.end());
  return path;
}

}  // namespace ergraph
