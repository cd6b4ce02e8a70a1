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

// `g` renumbered by degree, highest first (ties in vertex order), and each vertex's new number.
// A PageRank sweep gathers every neighbour's share at random; most gathers land on the few
// high-degree vertices, and numbered first their shares sit together in the CPU caches: on M,
// a `rank --by pagerank` took 155 ms in id order and 78 ms in this one.
SimpleGraph by_degree(const SimpleGraph& g, std::vector<std::uint32_t>& position) {
  const auto n = static_cast<std::uint32_t>(g.start.size() - 1);
  std::size_t max_degree = 0;
  for (std::uint32_t v = 0; v < n; ++v) max_degree = std::max(max_degree, g.degree(v));
  // A counting sort: first[d] is where the vertices of degree max_degree - d begin.
  std::vector<std::uint32_t> first(max_degree + 2, 0);
  for (std::uint32_t v = 0; v < n; ++v) ++first[max_degree - g.degree(v) + 1];
  for (std::size_t d = 1; d < first.size(); ++d) first[d] += first[d - 1];
  std::vector<std::uint32_t> order(n);
  position.resize(n);
  for (std::uint32_t v = 0; v < n; ++v) {
    const std::uint32_t at = first[max_degree - g.degree(v)]++;
    order[at] = v;
    position[v] = at;
  }
  SimpleGraph out;
  out.start.reserve(n + 1);
  out.neighbor.reserve(g.neighbor.size());
  out.start.push_back(0);
  for (const std::uint32_t v : order) {
    for (const std::uint32_t w : g.neighbors(v)) out.neighbor.push_back(position[w]);
    out.start.push_back(static_cast<std::uint32_t>(out.neighbor.size()));
  }
  return out;
}

// PageRank on the undirected simple graph, as Boost.Graph's page_rank defines it: a vertex's
// score is (1 - damping) + damping * the sum of its neighbours' score / degree (an isolated
// vertex keeps 1 - damping; the caller scales the scores to sum to 1). Solved by Gauss-Seidel
// sweeps, in place and in vertex order, which reach the same fixed point in about half the
// rounds of Boost's Jacobi iteration (136 against 69 on the M benchmark graph, in id order). Stops
// with igraph's PRPACK rule: when a sweep moves the scores by at most 10^-10 of their total (L1),
// or after 1,000 sweeps.
std::vector<double> page_rank(const SimpleGraph& g, std::size_t n, double damping) {
  std::vector<double> rank(n, 1.0 / static_cast<double>(n)), share(n), inverse_degree(n);
  for (std::uint32_t u = 0; u < n; ++u) {
    inverse_degree[u] = g.degree(u) == 0 ? 0.0 : 1.0 / static_cast<double>(g.degree(u));
    share[u] = rank[u] * inverse_degree[u];
  }
  const std::uint32_t* start = g.start.data();
  const std::uint32_t* neighbor = g.neighbor.data();
  for (std::size_t sweeps = 1;; ++sweeps) {
    double change = 0, total = 0;
    for (std::uint32_t v = 0; v < n; ++v) {
      // Four running sums, so that each addition need not wait for the one before.
      double sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0;
      std::uint32_t k = start[v];
      const std::uint32_t end = start[v + 1];
      for (; k + 4 <= end; k += 4) {
        sum0 += share[neighbor[k]];
        sum1 += share[neighbor[k + 1]];
        sum2 += share[neighbor[k + 2]];
        sum3 += share[neighbor[k + 3]];
      }
      for (; k < end; ++k) sum0 += share[neighbor[k]];
      const double next = (1 - damping) + damping * ((sum0 + sum1) + (sum2 + sum3));
      change += std::abs(next - rank[v]);
      total += next;
      rank[v] = next;
      share[v] = next * inverse_degree[v];
    }
    if (sweeps >= 1000 || change <= 1e-10 * total) return rank;
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
      std::vector<std::uint32_t> position;
      const std::vector<double> score = page_rank(by_degree(g, position), n, options.damping);
      for (std::uint32_t v = 0; v < n; ++v) value[v] = score[position[v]];
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
