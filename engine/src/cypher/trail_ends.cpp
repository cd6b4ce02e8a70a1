#include "trail_ends.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace ergraph::cypher {

TrailEnds trail_ends(const Adjacency& g, const TypeFilter& filter, std::uint32_t u, bool out,
                     bool in, std::size_t max, const std::function<bool(std::uint32_t)>& edge_ok) {
  constexpr std::uint32_t kNone = ~std::uint32_t{0};
  constexpr std::size_t kNever = std::numeric_limits<std::size_t>::max();
  struct Seen {
    std::size_t dist;
    std::uint32_t branch;  // the first edge of the search's path to it
  };
  std::unordered_map<std::uint32_t, Seen> seen;
  TrailEnds ends;
  seen[u] = {0, kNone};
  const bool both = out && in;
  std::size_t shortest_cycle = kNever;
  for (std::size_t head = 0; head <= ends.reached.size(); ++head) {
    const std::uint32_t x = head == 0 ? u : ends.reached[head - 1];
    const Seen sx = seen[x];
    if (sx.dist >= max) continue;
    for_each_neighbor(g, filter, x, out, in, [&](std::uint32_t w, std::uint32_t e, bool) {
      if (!edge_ok(e)) return;
      const auto it = seen.find(w);
      if (it == seen.end()) {
        seen[w] = {sx.dist + 1, x == u ? e : sx.branch};
        ends.reached.push_back(w);
        return;
      }
      const Seen sw = it->second;
      std::size_t cycle = kNever;
      if (w == u) {
        // Back to the start: a self-loop, or (both ways) not along the edge that left it.
        if (x == u || !both || e != sx.branch) cycle = sx.dist + 1;
      } else if (both && x == u) {
        if (sw.branch != e) cycle = sw.dist + 1;
      } else if (both && sx.branch != sw.branch) {
        cycle = sx.dist + sw.dist + 1;
      }
      shortest_cycle = std::min(shortest_cycle, cycle);
    });
  }
  ends.back_to_start = shortest_cycle <= max;
  return ends;
}

}  // namespace ergraph::cypher
