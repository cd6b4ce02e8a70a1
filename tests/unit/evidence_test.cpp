// Evidence: independent sources (evidence.hpp), conflicts (conflicts.hpp) and time-respecting
// paths (query.hpp chronological_path), on small made-up graphs.
#include "ergraph/evidence.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ergraph/conflicts.hpp"
#include "ergraph/error.hpp"
#include "ergraph/query.hpp"

using namespace ergraph;

namespace {

constexpr const char* kSchema = R"(schema: t
node_types:
  Actor: {}
  Organization: {}
  Document: {props: {publisher: string}}
edge_types:
  agreed: {from: [Actor], to: [Actor]}
  rejected: {from: [Actor], to: [Actor]}
  met: {from: [Actor], to: [Actor], props: {place: string, note: string}}
  holds: {from: [Actor], to: [Actor, Organization], props: {title: string}}
  published: {from: [Organization], to: [Document]}
  reported: {from: [Document], to: "*", props: {duration: string}}
opposes:
  - [agreed, rejected]
free_text: [note]
)";

Node node(const std::string& id, const std::string& type, const std::string& props = "{}") {
  return Node{id, type, "Name " + id, {}, props, std::nullopt};
}

Edge edge(const std::string& type, const std::string& from, const std::string& to,
          std::vector<std::string> docs, const std::string& date = "",
          const std::string& props = "{}") {
  Edge e{type, from, to, date, props, {}};
  for (const std::string& d : docs) e.sources.push_back(Citation{d, "quote in " + d});
  return e;
}

// d1 and d2 name the publisher "Xinhua" in two spellings, d3 is published by the Organization
// named Xinhua, d4 has no publisher.
struct Fixture {
  Store store = Store::create(":memory:", Schema::parse(kSchema, "t.yaml"));

  explicit Fixture(std::vector<Edge> edges) {
    Node org = node("org:x", "Organization");
    org.name = "Xinhua";
    std::vector<Node> nodes = {node("d1", "Document", R"({"publisher":"Xinhua"})"),
                               node("d2", "Document", R"({"publisher":"XINHUA."})"),
                               node("d3", "Document"),
                               node("d4", "Document"),
                               org,
                               node("a", "Actor"),
                               node("b", "Actor"),
                               node("c", "Actor")};
    edges.push_back(edge("published", "org:x", "d3", {"d3"}));
    store.write(nodes, edges);
  }
};

}  // namespace

TEST_CASE("documents of one publisher are one independent source") {
  Fixture fx(
      {edge("agreed", "a", "b", {"d1", "d2", "d3", "d4"}), edge("agreed", "b", "c", {"d4"})});
  const SourceCounter counter(fx.store);
  const std::vector<Citation> all = {
      {"d1", "q"}, {"d2", "q"}, {"d3", "q"}, {"d4", "q"}, {"d1", "another quote"}};
  const SourceCount c = counter.count(all);
  CHECK(c.documents == 4);
  CHECK(c.independent == 2);  // Xinhua (d1, d2 by prop, d3 by its published edge) and d4
  CHECK(counter.count({{"d4", "q"}}).independent == 1);
  CHECK(counter.count({{"d4", "q"}, {"unknown", "q"}}).independent == 2);  // unknown: its own
  CHECK(counter.publisher("d3") == "Xinhua");
  CHECK(counter.publisher("d4").empty());
  CHECK(sources_text(c) == "4 sources, 2 independent");
  CHECK(sources_text(SourceCount{1, 1}) == "1 source");
}

TEST_CASE("an evidence filter keeps the edges whose remaining evidence passes") {
  Fixture fx({edge("agreed", "a", "b", {"d1", "d2", "d4"}), edge("agreed", "b", "c", {"d1"}),
              edge("rejected", "a", "c", {})});
  const GraphSnapshot graph = GraphSnapshot::load(fx.store);
  const SourceCounter counter(fx.store);
  auto kept = [&](const EvidenceFilter& f) {
    std::vector<std::string> out;
    const std::vector<std::uint8_t> mask = counter.edge_mask(f, fx.store, graph);
    for (std::uint32_t e = 0; e < graph.edge_count(); ++e) {
      const SnapshotEdge se = graph.edge(EdgeId{e});
      if (mask[e] && graph.edge_type_name(EdgeId{e}) != "published") {
        out.push_back(graph.node_id(se.from) + ">" + graph.node_id(se.to));
      }
    }
    return out;
  };
  CHECK(kept({2, 0, {}, {}}) == std::vector<std::string>{"a>b"});
  CHECK(kept({0, 2, {}, {}}) == std::vector<std::string>{"a>b"});
  CHECK(kept({0, 1, {}, {}}) == std::vector<std::string>{"a>b", "b>c"});  // uncited a>c fails
  // Without Xinhua, a>b keeps d4 alone and b>c nothing.
  CHECK(kept({0, 0, {}, {"Xinhua"}}) == std::vector<std::string>{"a>b"});
  CHECK(kept({2, 0, {}, {"xinhua"}}).empty());
  CHECK(kept({0, 0, {"d4"}, {}}) == std::vector<std::string>{"a>b"});
  CHECK(kept({0, 0, {"org:x"}, {}}) == std::vector<std::string>{"a>b", "b>c"});
  CHECK_THROWS_AS(kept({0, 0, {"Xinhau"}, {}}), Error);
  CHECK_THROWS_WITH(kept({0, 0, {"a"}, {}}),
                    doctest::Contains("neither a document nor the publisher of one"));
}

TEST_CASE("conflicts: each kind on a made-up graph") {
  Fixture fx({edge("agreed", "a", "b", {"d1"}), edge("rejected", "a", "b", {"d4"}),
              edge("met", "a", "b", {"d1"}, "2025-05-16", R"({"note":"x","place":"Ankara"})"),
              edge("met", "a", "b", {"d4"}, "2025-05", R"({"note":"y","place":"Istanbul"})"),
              edge("met", "a", "c", {"d1"}, "2025-05-16"),
              edge("met", "a", "c", {"d4"}, "2025-05-17"),
              edge("holds", "a", "org:x", {"d1"}, "", R"({"title":"Minister"})"),
              edge("holds", "a", "c", {"d4"}, "", R"({"title":"Envoy"})"),
              edge("holds", "b", "c", {"d1"}, "", R"({"title":"Envoy"})"),
              edge("holds", "b", "org:x", {"d1"}, "", R"({"title":"Chair"})"),
              edge("reported", "d1", "c", {"d1"}, "", R"({"duration":"one hour"})"),
              edge("reported", "d2", "c", {"d2"}, "", R"({"duration":"One hour"})"),
              edge("reported", "d4", "c", {"d4"}, "", R"({"duration":"two hours"})")});
  const SourceCounter counter(fx.store);
  const std::vector<Conflict> all = find_conflicts(fx.store, counter, "");
  REQUIRE(all.size() == 5);
  CHECK(all[0].kind == ConflictKind::kOpposedStances);
  CHECK(all[0].about == "agreed / rejected");
  CHECK(all[0].sides.size() == 2);
  CHECK(all[0].sides[0].says == "agreed");
  // The place differs between the two meetings of a and b; their notes are free text.
  CHECK(all[1].kind == ConflictKind::kDifferentValues);
  CHECK(all[1].about == "met place");
  CHECK(all[1].subject.id == "a");
  // Three reports about c: "one hour" twice (spelt two ways), "two hours" once.
  CHECK(all[2].kind == ConflictKind::kDifferentValues);
  CHECK(all[2].subject.id == "c");
  CHECK(!all[2].object);
  REQUIRE(all[2].sides.size() == 2);
  CHECK(all[2].sides[0].says == "one hour");
  CHECK(all[2].sides[0].evidence.documents == 2);
  CHECK(all[2].sides[0].evidence.independent == 1);  // d1 and d2 are both Xinhua's
  // 2025-05-16 and 2025-05-17 cannot be one day; 2025-05 and 2025-05-16 (a, b) can.
  CHECK(all[3].kind == ConflictKind::kDifferentDates);
  CHECK(all[3].object->id == "c");
  // a: Minister and Envoy from two documents; b's two titles come from d1 alone.
  CHECK(all[4].kind == ConflictKind::kDifferentTitles);
  CHECK(all[4].subject.id == "a");
  CHECK(find_conflicts(fx.store, counter, "c").size() == 2);  // the dates of a-c, the reports
  CHECK(find_conflicts(fx.store, counter, "org:x").empty());
}

TEST_CASE("a chronological path never goes back in time") {
  Store store = Store::create(":memory:", Schema::parse(kSchema, "t.yaml"));
  std::vector<Node> nodes;
  for (const char* id : {"s", "m", "p", "q", "t", "u", "w", "y", "z"})
    nodes.push_back(node(id, "Actor"));
  store.write(nodes,
              {edge("met", "s", "m", {}, "2025-05-20"), edge("met", "m", "t", {}, "2025-05-10"),
               edge("met", "s", "p", {}, "2025-05-01"), edge("met", "p", "q", {}, "2025-05-05"),
               edge("met", "q", "t", {}, "2025-05-30"), edge("met", "u", "w", {}, "2025-05-16"),
               edge("met", "w", "y", {}, "2025-05"), edge("met", "y", "z", {}, "2025-05-15"),
               edge("agreed", "s", "z", {})});
  const GraphSnapshot g = GraphSnapshot::load(store);
  auto ids = [&](const std::optional<Path>& p) {
    std::string out;
    if (!p) return std::string("none");
    for (VertexId v : p->nodes) out += g.node_id(v);
    return out;
  };
  auto v = [&](const char* id) { return g.vertex(id).value(); };
  // s-m-t is shorter but its second hop is ten days before its first.
  CHECK(ids(chronological_path(g, v("s"), v("t"), {}, false)) == "spqt");
  CHECK(ids(PathFinder(g).shortest(v("s"), v("t"), {})) == "smt");
  // 2025-05 covers the 16th: it may follow it; the 15th may not follow the month's 16th.
  CHECK(ids(chronological_path(g, v("u"), v("y"), {}, false)) == "uwy");
  CHECK(ids(chronological_path(g, v("u"), v("z"), {}, false)) == "none");
  // The undated s-z hop is used only when allowed.
  CHECK(ids(chronological_path(g, v("s"), v("z"), {}, false)) == "none");
  CHECK(ids(chronological_path(g, v("s"), v("z"), {}, true)) == "sz");
  TraversalFilter two;
  two.max_hops = 2;
  CHECK(ids(chronological_path(g, v("s"), v("t"), two, false)) == "none");
}
