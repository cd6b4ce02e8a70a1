// rank(): degree, betweenness and PageRank on the snapshot taken as undirected and simple, with
// Boost.Graph's algorithms on a symmetric graph built from the snapshot's out-rows.
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/page_rank.hpp>
#include <boost/range/iterator_range.hpp>

#include <algorithm>
#include <cmath>

#include "ergraph/query.hpp"
#include "filter.hpp"

namespace ergraph {
namespace {

// The graph as undirected and simple, for ranking: each joined pair once in each direction.
using SymmetricGraph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                                          boost::no_property, boost::no_property,
                                                          std::uint32_t, std::uint32_t>;

SymmetricGraph symmetric(const GraphSnapshot& graph, const std::vector<bool>& edge_type_ok,
                         const std::vector<std::uint8_t>& edge_mask) {
  const Adjacency& g = graph.adjacency();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  pairs.reserve(g.edge_count() * 2);
  for (std::uint32_t u = 0; u < g.vertex_count(); ++u) {
    for (std::uint32_t e = g.out_begin(u); e != g.out_end(u); ++e) {
      const std::uint32_t v = g.target(e);
      if (u == v || !edge_type_ok[g.attributes(e).type]) continue;
      if (!edge_mask.empty() && !edge_mask[e]) continue;
      pairs.emplace_back(u, v);
      pairs.emplace_back(v, u);
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return SymmetricGraph(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(),
                        static_cast<std::uint32_t>(graph.vertex_count()));
}

// PageRank is done when no score moved by more than a part in 10^12 of the total, or after
// 1,000 rounds.
struct Converged {
  std::vector<double>* previous;
  std::size_t rounds = 0;
  template <typename RankMap, typename Graph>
  bool operator()(const RankMap& rank, const Graph& g) {
    double change = 0, total = 0;
    for (std::uint32_t v = 0; v < boost::num_vertices(g); ++v) {
      change = std::max(change, std::abs(get(rank, v) - (*previous)[v]));
      total += get(rank, v);
      (*previous)[v] = get(rank, v);
    }
    return ++rounds > 1000 || (rounds > 1 && change <= 1e-12 * std::max(total, 1.0));
  }
};

}  // namespace

std::vector<Score> rank(const GraphSnapshot& graph, const RankOptions& options) {
  const std::vector<bool> ok =
      type_mask(graph.edge_types(), options.edge_types, options.skip_edge_types, "edge type");
  if (!options.edge_mask.empty() && options.edge_mask.size() != graph.edge_count()) {
    throw Error(ErrorCode::kInternal, "an edge mask of another graph");
  }
  const SymmetricGraph g = symmetric(graph, ok, options.edge_mask);
  const std::size_t n = graph.vertex_count();
  std::vector<double> value(n, 0.0);
  switch (options.by) {
    case RankBy::kDegree:
      for (std::uint32_t v = 0; v < n; ++v) value[v] = static_cast<double>(boost::out_degree(v, g));
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
          for (const auto w : boost::make_iterator_range(boost::adjacent_vertices(u, g))) {
            if (dist[w] < 0) {
              dist[w] = dist[u] + 1;
              order.push_back(w);
            }
            if (dist[w] == dist[u] + 1) sigma[w] += sigma[u];
          }
        }
        for (auto it = order.rbegin(); it != order.rend(); ++it) {
          const std::uint32_t w = *it;
          for (const auto u : boost::make_iterator_range(boost::adjacent_vertices(w, g))) {
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
      std::vector<double> previous(n, 0.0);
      boost::graph::page_rank(
          g, boost::make_iterator_property_map(value.begin(), boost::get(boost::vertex_index, g)),
          Converged{&previous}, options.damping);
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
