// rank(): degree, betweenness and PageRank on the snapshot taken as undirected and simple, on
// a compact copy of its merged rows with each joined pair once (no Boost graph, no sort).
#include <algorithm>
#include <cmath>

#include "ergraph/adjacency.hpp"
#include "ergraph/query.hpp"
#include "filter.hpp"

namespace ergraph {
namespace {

// The graph as undirected and simple, for ranking: each vertex's distinct neighbours other than
// itself, ascending, joined by an edge the options let through.
struct SimpleGraph {
  std::vector<std::uint32_t> start;  // by vertex, size n + 1
  std::vector<std::uint32_t> neighbor;

  std::span<const std::uint32_t> neighbors(std::uint32_t v) const {
    return {neighbor.data() + start[v], neighbor.data() + start[v + 1]};
  }
  std::size_t degree(std::uint32_t v) const { return start[v + 1] - start[v]; }
};

// Reads the snapshot's both-ways rows, already in ascending neighbour order: parallel edges are
// adjacent there, so dropping repeats is one comparison.
SimpleGraph simple_graph(const GraphSnapshot& graph, const std::vector<bool>& edge_type_ok,
                         const std::vector<std::uint8_t>& edge_mask) {
  const Adjacency& g = graph.adjacency();
  const auto n = static_cast<std::uint32_t>(g.vertex_count());
  SimpleGraph out;
  out.start.reserve(n + 1);
  out.neighbor.reserve(2 * g.edge_count());
  out.start.push_back(0);
  for (std::uint32_t u = 0; u < n; ++u) {
    const std::span<const std::uint32_t> vertices = g.both_vertices(u);
    const std::span<const std::uint32_t> edges = g.both_edges(u);
    const std::size_t row_begin = out.neighbor.size();
    for (std::size_t k = 0; k < vertices.size(); ++k) {
      const std::uint32_t v = vertices[k];
      const std::uint32_t e = edges[k] & ~Adjacency::kIncoming;
      if (v == u || !edge_type_ok[g.attributes(e).type]) continue;
      if (!edge_mask.empty() && !edge_mask[e]) continue;
      if (out.neighbor.size() > row_begin && out.neighbor.back() == v) continue;
      out.neighbor.push_back(v);
    }
    out.start.push_back(static_cast<std::uint32_t>(out.neighbor.size()));
  }
  return out;
}

// PageRank as Boost.Graph's page_rank computes it on a symmetric graph (the same sums in the
// same order, so the same doubles): every score starts at 1/n; a round gives each vertex
// (1 - damping) + damping * the sum of its neighbours' score / degree, in ascending neighbour
// order. Done when no score moved by more than a part in 10^12 of the total, or after 1,000
// rounds. Each vertex's share is divided once per round, not once per edge.
std::vector<double> page_rank(const SimpleGraph& g, std::size_t n, double damping) {
  std::vector<double> rank(n, 1.0 / static_cast<double>(n)), next(n), share(n);
  for (std::size_t rounds = 2;; ++rounds) {
    for (std::uint32_t u = 0; u < n; ++u) {
      share[u] = g.degree(u) == 0 ? 0.0 : rank[u] / static_cast<double>(g.degree(u));
    }
    double change = 0, total = 0;
    for (std::uint32_t v = 0; v < n; ++v) {
      double sum = 0;
      for (const std::uint32_t u : g.neighbors(v)) sum += share[u];
      next[v] = (1 - damping) + damping * sum;
      change = std::max(change, std::abs(next[v] - rank[v]));
      total += next[v];
    }
    rank.swap(next);
    if (rounds > 1000 || change <= 1e-12 * std::max(total, 1.0)) return rank;
  }
}

}  // namespace

std::vector<Score> rank(const GraphSnapshot& graph, const RankOptions& options) {
  const std::vector<bool> ok =
      type_mask(graph.edge_types(), options.edge_types, options.skip_edge_types, "edge type");
  if (!options.edge_mask.empty() && options.edge_mask.size() != graph.edge_count()) {
    throw Error(ErrorCode::kInternal, "an edge mask of another graph");
  }
  const SimpleGraph g = simple_graph(graph, ok, options.edge_mask);
  const std::size_t n = graph.vertex_count();
  std::vector<double> value(n, 0.0);
  switch (options.by) {
    case RankBy::kDegree:
      for (std::uint32_t v = 0; v < n; ++v) value[v] = static_cast<double>(g.degree(v));
      break;
    case RankBy::kBetweenness: {
      // Brandes' accumulation from every source (exact), or from evenly spaced ones scaled by
      // n / samples; one source at a time, so a long ranking can report its progress.
      const std::size_t samples =
          options.betweenness_samples == 0 || options.betweenness_samples >= n
              ? n
              : options.betweenness_samples;
      std::vector<std::int64_t> dist(n, -1);
      std::vector<double> sigma(n, 0.0), delta(n, 0.0);
      std::vector<std::uint32_t> order;
      for (std::size_t k = 0; k < samples; ++k) {
        const auto s = static_cast<std::uint32_t>(k * n / samples);
        // Only what the last search reached is reset: a search from a small component costs
        // its size, not n.
        for (std::uint32_t v : order) {
          dist[v] = -1;
          sigma[v] = 0.0;
          delta[v] = 0.0;
        }
        order.clear();
        dist[s] = 0;
        sigma[s] = 1;
        order.push_back(s);
        for (std::size_t head = 0; head < order.size(); ++head) {
          const std::uint32_t u = order[head];
          for (const std::uint32_t w : g.neighbors(u)) {
            if (dist[w] < 0) {
              dist[w] = dist[u] + 1;
              order.push_back(w);
            }
            if (dist[w] == dist[u] + 1) sigma[w] += sigma[u];
          }
        }
        for (auto it = order.rbegin(); it != order.rend(); ++it) {
          const std::uint32_t w = *it;
          for (const std::uint32_t u : g.neighbors(w)) {
            if (dist[u] == dist[w] - 1) delta[u] += sigma[u] / sigma[w] * (1 + delta[w]);
          }
          if (w != s) value[w] += delta[w];
        }
        if (options.progress) options.progress(k + 1, samples);
      }
      // Each unordered pair was counted from both ends.
      const double scale =
          samples == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(samples) / 2;
      for (double& x : value) x *= scale;
      break;
    }
    case RankBy::kPageRank: {
      if (n == 0) break;
      value = page_rank(g, n, options.damping);
      double total = 0;
      for (double x : value) total += x;
      for (double& x : value) x /= total;
      break;
    }
  }
  std::vector<Score> out;
  out.reserve(n);
  for (std::uint32_t v = 0; v < n; ++v) out.push_back(Score{VertexId(v), value[v]});
  std::stable_sort(out.begin(), out.end(),
                   [](const Score& a, const Score& b) { return a.value > b.value; });
  return out;
}

}  // namespace ergraph
