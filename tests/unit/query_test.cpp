#include "ergraph/query.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "ergraph/error.hpp"
#include "ergraph/store.hpp"
#include "test_util.hpp"

using namespace ergraph;

namespace {

// a -x(2020)-> b -x(2021)-> c -x(2022)-> f -x-> g
// a -y-> d -y-> e -y-> f
// a -x-> h -x-> f        (h is the hub, type H)
// z alone
struct Fixture {
  Store store = Store::create(":memory:", Schema::parse(testing::kTwoTypeSchema, "t.yaml"));
  GraphSnapshot graph;

  static Node n(const std::string& id, const std::string& type = "N") {
    return Node{id, type, "Node " + id, {}, "{}", std::nullopt};
  }
  static Edge e(const std::string& type, const std::string& from, const std::string& to,
                const std::string& date = "") {
    return Edge{type, from, to, date, "{}", {}};
  }

  Fixture() : graph(load(store)) {}

  static GraphSnapshot load(Store& store) {
    store.write({n("a"), n("b"), n("c"), n("d"), n("e"), n("f"), n("g"), n("h", "H"), n("z")},
                {e("x", "a", "b", "2020"), e("x", "b", "c", "2021"), e("x", "c", "f", "2022"),
                 e("x", "f", "g"), e("y", "a", "d"), e("y", "d", "e"), e("y", "e", "f"),
                 e("x", "a", "h"), e("x", "h", "f")});
    return GraphSnapshot::load(store);
  }

  VertexId v(const std::string& id) const { return graph.vertex(id).value(); }

  std::string ids(const Path& p) const {
    std::string s;
    for (VertexId x : p.nodes) s += graph.node_id(x);
    return s;
  }
  std::vector<std::string> ids(const std::vector<Path>& paths) const {
    std::vector<std::string> out;
    for (const Path& p : paths) out.push_back(ids(p));
    return out;
  }
  std::string shortest(const std::string& from, const std::string& to, const TraversalFilter& f) {
    PathFinder finder(graph);
    const auto p = finder.shortest(v(from), v(to), f);
    return p ? ids(*p) : "none";
  }
};

}  // namespace

TEST_CASE("path: the shortest path, and the filters that reroute it") {
  Fixture fx;
  TraversalFilter f;
  CHECK(fx.shortest("a", "f", f) == "ahf");
  CHECK(fx.shortest("a", "a", f) == "a");
  CHECK(fx.shortest("a", "z", f) == "none");

  SUBCASE("--avoid: two 3-hop paths remain; the smaller vertex sequence wins") {
    f.avoid = {fx.v("h")};
    CHECK(fx.shortest("a", "f", f) == "abcf");
  }
  SUBCASE("--node-types applies to the nodes in between") {
    f.node_types = {"N"};
    CHECK(fx.shortest("a", "f", f) == "abcf");
    CHECK(fx.shortest("a", "h", f) == "ah");  // an endpoint of another type is fine
  }
  SUBCASE("--edge-types and --skip-edge-types") {
    f.edge_types = {"y"};
    CHECK(fx.shortest("a", "f", f) == "adef");
    f.edge_types = {};
    f.skip_edge_types = {"x"};
    CHECK(fx.shortest("a", "f", f) == "adef");
    f.skip_edge_types = {"y"};
    f.avoid = {fx.v("h")};
    CHECK(fx.shortest("a", "f", f) == "abcf");
  }
  SUBCASE("--directed follows from -> to only") {
    f.directed = true;
    CHECK(fx.shortest("a", "g", f) == "ahfg");
    CHECK(fx.shortest("g", "a", f) == "none");
    f.directed = false;
    CHECK(fx.shortest("g", "a", f) == "gfha");
  }
  SUBCASE("date windows keep overlapping and undated edges; --dated-only drops undated") {
    f.avoid = {fx.v("h")};
    f.window = date_range("2021");  // only b->c of the dated edges
    CHECK(fx.shortest("a", "f", f) == "adef");
    f.window = date_range("2020");
    CHECK(fx.shortest("a", "c", f) == "none");  // b->c is 2021
    f.window = DateRange{20200101, 20221231};
    CHECK(fx.shortest("a", "c", f) == "abc");
    f.dated_only = true;
    CHECK(fx.shortest("a", "f", f) == "abcf");
    f.window = date_range("2021-06");
    CHECK(fx.shortest("a", "f", f) == "none");
  }
  SUBCASE("--max-hops") {
    f.max_hops = 1;
    CHECK(fx.shortest("a", "f", f) == "none");
    f.max_hops = 2;
    CHECK(fx.shortest("a", "f", f) == "ahf");
    f.avoid = {fx.v("h")};
    CHECK(fx.shortest("a", "f", f) == "none");
  }
  SUBCASE("unknown type names are refused with a suggestion") {
    f.edge_types = {"z"};
    CHECK_THROWS_WITH_AS(fx.shortest("a", "f", f),
                         "unknown edge type 'z' (did you mean 'x' or 'y'?)", Error);
    f.edge_types = {};
    f.node_types = {"n"};
    CHECK_THROWS_WITH_AS(fx.shortest("a", "f", f), doctest::Contains("unknown node type 'n'"),
                         Error);
  }
}

TEST_CASE("path: hops name their edge and the direction it was walked") {
  Fixture fx;
  PathFinder finder(fx.graph);
  const auto p = finder.shortest(fx.v("g"), fx.v("a"), TraversalFilter{});
  REQUIRE(p.has_value());
  REQUIRE(p->hops.size() == 3);
  const SnapshotEdge first = fx.graph.edge(p->hops[0].edge);
  CHECK(fx.graph.node_id(first.from) == "f");  // f -x-> g walked from g
  CHECK(fx.graph.node_id(first.to) == "g");
  CHECK_FALSE(p->hops[0].along);
}

TEST_CASE("path --all lists every shortest path in order, up to a limit") {
  Fixture fx;
  PathFinder finder(fx.graph);
  TraversalFilter f;
  f.avoid = {fx.v("h")};
  CHECK(fx.ids(finder.all_shortest(fx.v("a"), fx.v("f"), f, 10)) ==
        std::vector<std::string>{"abcf", "adef"});
  CHECK(fx.ids(finder.all_shortest(fx.v("f"), fx.v("a"), f, 10)) ==
        std::vector<std::string>{"fcba", "feda"});
  CHECK(fx.ids(finder.all_shortest(fx.v("a"), fx.v("f"), f, 1)) ==
        std::vector<std::string>{"abcf"});
  CHECK(fx.ids(finder.all_shortest(fx.v("a"), fx.v("f"), TraversalFilter{}, 10)) ==
        std::vector<std::string>{"ahf"});
  CHECK(finder.all_shortest(fx.v("a"), fx.v("z"), f, 10).empty());
}

TEST_CASE("path --k lists the k shortest simple paths") {
  Fixture fx;
  PathFinder finder(fx.graph);
  TraversalFilter f;
  CHECK(fx.ids(finder.k_shortest(fx.v("a"), fx.v("f"), f, 5)) ==
        std::vector<std::string>{"ahf", "abcf", "adef"});
  CHECK(fx.ids(finder.k_shortest(fx.v("a"), fx.v("f"), f, 2)) ==
        std::vector<std::string>{"ahf", "abcf"});
  f.directed = true;
  CHECK(fx.ids(finder.k_shortest(fx.v("a"), fx.v("g"), f, 5)) ==
        std::vector<std::string>{"ahfg", "abcfg", "adefg"});
  f.max_hops = 3;
  CHECK(fx.ids(finder.k_shortest(fx.v("a"), fx.v("g"), f, 5)) == std::vector<std::string>{"ahfg"});
}

TEST_CASE("bidirectional search stays near the endpoints") {
  constexpr int kLeaves = 3000;
  Store store = Store::create(":memory:", Schema::parse(testing::kTwoTypeSchema, "t.yaml"));
  std::vector<Node> nodes{Node{"hub", "H", "Hub", {}, "{}", {}}};
  std::vector<Edge> edges;
  for (int i = 0; i < kLeaves; ++i) {
    const std::string id = "leaf" + std::to_string(i);
    nodes.push_back(Node{id, "N", id, {}, "{}", {}});
    edges.push_back(Edge{"x", "hub", id, "", "{}", {}});
  }
  edges.push_back(Edge{"x", "leaf7", "leaf8", "", "{}", {}});
  store.write(nodes, edges);
  const GraphSnapshot g = GraphSnapshot::load(store);
  PathFinder finder(g);
  const auto p = finder.shortest(g.vertex("leaf1").value(), g.vertex("leaf2").value(), {});
  REQUIRE(p.has_value());
  CHECK(p->nodes.size() == 3);
  CHECK(finder.last_visited() < 10);
  CHECK(finder.shortest(g.vertex("leaf7").value(), g.vertex("leaf8").value(), {})->hops.size() ==
        1);
  CHECK(finder.last_visited() < 10);
}

TEST_CASE("neighbors: by hop count, each with the edge that reached it") {
  Fixture fx;
  TraversalFilter f;
  const std::vector<Reached> one = neighbors(fx.graph, fx.v("a"), 1, f);
  std::string order;
  for (const Reached& r : one) order += fx.graph.node_id(r.node) + std::to_string(r.hops);
  CHECK(order == "a0b1d1h1");
  CHECK_FALSE(one[0].via.has_value());
  CHECK(fx.graph.edge_type_name(one[2].via->edge) == "y");

  const std::vector<Reached> two = neighbors(fx.graph, fx.v("f"), 2, f);
  order.clear();
  for (const Reached& r : two) order += fx.graph.node_id(r.node);
  CHECK(order ==
        "fcegh"
        "bda");
  f.directed = true;
  CHECK(neighbors(fx.graph, fx.v("f"), 3, f).size() == 2);  // f and g
  f.directed = false;
  f.edge_types = {"y"};
  CHECK(neighbors(fx.graph, fx.v("a"), 5, f).size() == 4);  // a d e f
}

TEST_CASE("count_neighbors counts per hop what neighbors lists, under every filter") {
  Fixture fx;
  for (const char* center : {"a", "f", "h", "z"}) {
    for (int depth = 0; depth <= 4; ++depth) {
      for (const bool directed : {false, true}) {
        for (const bool avoiding : {false, true}) {
          TraversalFilter f;
          f.directed = directed;
          if (avoiding) f.avoid = {fx.v("c")};
          std::vector<std::size_t> listed;
          for (const Reached& r : neighbors(fx.graph, fx.v(center), depth, f)) {
            if (listed.size() <= static_cast<std::size_t>(r.hops)) listed.resize(r.hops + 1);
            ++listed[r.hops];
          }
          CAPTURE(center);
          CAPTURE(depth);
          CAPTURE(directed);
          CAPTURE(avoiding);
          CHECK(count_neighbors(fx.graph, fx.v(center), depth, f) == listed);
        }
      }
    }
  }
  TraversalFilter f;
  f.edge_types = {"y"};
  CHECK(count_neighbors(fx.graph, fx.v("a"), 5, f) == std::vector<std::size_t>{1, 1, 1, 1});
}

TEST_CASE("rank: degree, betweenness and PageRank against hand-computed values") {
  // A star: c joined to l1, l2, l3; and a separate path p1 - p2 - p3.
  Store store = Store::create(":memory:", Schema::parse(testing::kTwoTypeSchema, "t.yaml"));
  std::vector<Node> nodes;
  for (const char* id : {"c", "l1", "l2", "l3"}) nodes.push_back(Node{id, "N", id, {}, "{}", {}});
  store.write(nodes, {Edge{"x", "c", "l1", "", "{}", {}}, Edge{"y", "l2", "c", "", "{}", {}},
                      Edge{"x", "c", "l3", "", "{}", {}}, Edge{"y", "c", "l3", "", "{}", {}}});
  const GraphSnapshot star = GraphSnapshot::load(store);
  auto value_of = [&](const std::vector<Score>& scores, const std::string& id) {
    for (const Score& s : scores) {
      if (star.node_id(s.node) == id) return s.value;
    }
    return -1.0;
  };
  RankOptions options;
  const auto degree = rank(star, options);
  CHECK(star.node_id(degree[0].node) == "c");
  CHECK(degree[0].value == 3);  // parallel edges to l3 count once
  CHECK(value_of(degree, "l3") == 1);

  options.by = RankBy::kBetweenness;
  const auto betweenness = rank(star, options);
  CHECK(value_of(betweenness, "c") == doctest::Approx(3));  // the 3 pairs of leaves
  CHECK(value_of(betweenness, "l1") == doctest::Approx(0));

  options.by = RankBy::kPageRank;
  // Solving r_c = 0.15/4 + 0.85 * 3 r_l and r_l = 0.15/4 + 0.85 * r_c / 3 by hand:
  // r_l = 0.048125 / 0.2775, r_c = 0.0375 + 2.55 r_l.
  const double leaf = 0.048125 / 0.2775;
  const auto pagerank = rank(star, options);
  CHECK(value_of(pagerank, "c") == doctest::Approx(0.0375 + 2.55 * leaf).epsilon(1e-9));
  CHECK(value_of(pagerank, "l2") == doctest::Approx(leaf).epsilon(1e-9));

  options.by = RankBy::kDegree;
  options.edge_types = {"y"};
  CHECK(value_of(rank(star, options), "c") == 2);
}

TEST_CASE("PageRank reaches the fixed point of the undirected simple graph") {
  // An irregular graph: a few hubs, parallel edges both ways, self-loops and an isolated node.
  // The reference is the plain Jacobi iteration on a dense copy, run far past convergence.
  constexpr int kNodes = 60;
  Store store = Store::create(":memory:", Schema::parse(testing::kTwoTypeSchema, "t.yaml"));
  std::vector<Node> nodes;
  for (int i = 0; i < kNodes; ++i) {
    nodes.push_back(Node{"n" + std::to_string(100 + i), "N", "N", {}, "{}", {}});
  }
  std::vector<Edge> edges;
  std::vector<std::vector<bool>> joined(kNodes, std::vector<bool>(kNodes, false));
  std::uint32_t seed = 12345;
  auto next = [&seed] { return (seed = seed * 1103515245u + 12345u) >> 8; };
  for (int k = 0; k < 240; ++k) {
    const int a = static_cast<int>(next() % (k % 3 == 0 ? 4 : kNodes - 1));  // hubs 0-3
    const int b = static_cast<int>(next() % (kNodes - 1));  // the last node stays isolated
    const std::string type = k % 2 ? "x" : "y";
    const bool stored = std::any_of(edges.begin(), edges.end(), [&](const Edge& e) {
      return e.type == type && e.from == nodes[a].id && e.to == nodes[b].id;
    });
    if (!stored) edges.push_back(Edge{type, nodes[a].id, nodes[b].id, "", "{}", {}});
    if (a != b) joined[a][b] = joined[b][a] = true;
  }
  store.write(nodes, edges);
  const GraphSnapshot graph = GraphSnapshot::load(store);

  std::vector<double> reference(kNodes, 1.0), following(kNodes);
  for (int round = 0; round < 2000; ++round) {
    for (int v = 0; v < kNodes; ++v) {
      double sum = 0;
      for (int u = 0; u < kNodes; ++u) {
        if (!joined[u][v]) continue;
        int degree = 0;
        for (int w = 0; w < kNodes; ++w) degree += joined[u][w] ? 1 : 0;
        sum += reference[u] / degree;
      }
      following[v] = 0.15 + 0.85 * sum;
    }
    reference.swap(following);
  }
  double total = 0;
  for (double x : reference) total += x;

  RankOptions options;
  options.by = RankBy::kPageRank;
  const std::vector<Score> scores = rank(graph, options);
  REQUIRE(scores.size() == kNodes);
  for (const Score& score : scores) {
    const int v = std::stoi(graph.node_id(score.node).substr(1)) - 100;
    CHECK(score.value == doctest::Approx(reference[v] / total).epsilon(1e-8));
  }
}

TEST_CASE("betweenness on a path, exact and sampled") {
  Store store = Store::create(":memory:", Schema::parse(testing::kTwoTypeSchema, "t.yaml"));
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  for (int i = 0; i < 5; ++i) {
    nodes.push_back(Node{"p" + std::to_string(i), "N", "P", {}, "{}", {}});
    if (i > 0)
      edges.push_back(
          Edge{"x", "p" + std::to_string(i - 1), "p" + std::to_string(i), "", "{}", {}});
  }
  store.write(nodes, edges);
  const GraphSnapshot g = GraphSnapshot::load(store);
  RankOptions options;
  options.by = RankBy::kBetweenness;
  const auto exact = rank(g, options);
  // On a path of 5, the middle vertex lies between 2*2 pairs... p2: pairs (p0|p1) x (p3|p4) = 4.
  CHECK(g.node_id(exact[0].node) == "p2");
  CHECK(exact[0].value == doctest::Approx(4));
  CHECK(exact[1].value == doctest::Approx(3));  // p1: p0 with p2, p3, p4
  options.betweenness_samples = 5;              // every vertex: the same as exact
  CHECK(rank(g, options)[0].value == doctest::Approx(4));
}

TEST_CASE("components: largest first, members in id order") {
  Fixture fx;
  const auto parts = components(fx.graph);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].members.size() == 8);
  REQUIRE(parts[1].members.size() == 1);
  CHECK(fx.graph.node_id(parts[1].members[0]) == "z");
}

TEST_CASE("select_ego keeps what neighbors reaches: the two share one breadth-first search") {
  Fixture fx;
  for (const char* center : {"a", "f", "h", "z"}) {
    for (int depth = 0; depth <= 3; ++depth) {
      for (const bool directed : {false, true}) {
        TraversalFilter f;
        f.directed = directed;
        f.avoid = {fx.v("c")};
        std::vector<VertexId> reached;
        for (const Reached& r : neighbors(fx.graph, fx.v(center), depth, f)) {
          reached.push_back(r.node);
        }
        std::sort(reached.begin(), reached.end());
        CAPTURE(center);
        CAPTURE(depth);
        CAPTURE(directed);
        CHECK(select_ego(fx.graph, fx.v(center), depth, f, {}).nodes == reached);
      }
    }
  }
}
