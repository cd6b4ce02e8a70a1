#include "ergraph/render.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "ergraph/error.hpp"

using namespace ergraph;

namespace {

struct Fixture {
  Store store = Store::create(":memory:", Schema::builtin());
  GraphSnapshot graph = load(store);
  SourceCounter counter{store};
  SourceCounting sources = [this](const std::vector<Citation>& c) { return counter.count(c); };

  static GraphSnapshot load(Store& store) {
    store.write({Node{"p:a", "Person", "Back\\slash & <b>bold</b> \"q\"", {"A"}, "{}", {}},
                 Node{"p:b", "Person", std::string(60, 'x'), {}, "{}", {}},
                 Node{"d:1", "Delegation", "Team", {}, "{}", {}},
                 Node{"c:1", "Country", "Land", {}, "{}", {}}},
                {Edge{"member_of", "p:a", "d:1", "2025", "{}", {}},
                 Edge{"member_of", "p:b", "d:1", "", "{}", {}},
                 Edge{"represents", "d:1", "c:1", "", "{}", {}}});
    return GraphSnapshot::load(store);
  }

  std::string dot(const Selection& s, const DiagramOptions& o = {}) {
    return render_diagram(store, graph, sources, s, DiagramFormat::kDot, o);
  }
};

}  // namespace

TEST_CASE("labels keep backslashes and ampersands literal; long names wrap") {
  Fixture fx;
  const std::string dot = fx.dot(select_all(fx.graph, {}, {}));
  CHECK(dot.find(R"(label="Back\\slash &amp; <b>bold</b> \"q\"")") != std::string::npos);
  // 60 characters with no space: cut into lines of 28.
  CHECK(dot.find(std::string(28, 'x') + "\\n" + std::string(28, 'x') + "\\n" +
                 std::string(4, 'x')) != std::string::npos);
  CHECK(dot.find("tooltip=\"Person · p:a\naliases: A\"") != std::string::npos);
  CHECK(dot.find("subgraph cluster_legend") != std::string::npos);
  DiagramOptions no_legend;
  no_legend.legend = false;
  CHECK(fx.dot(select_all(fx.graph, {}, {}), no_legend).find("cluster_legend") ==
        std::string::npos);
}

TEST_CASE("the same selection gives the same DOT bytes") {
  Fixture fx;
  CHECK(fx.dot(select_all(fx.graph, {}, {})) == fx.dot(select_all(fx.graph, {}, {})));
}

TEST_CASE("--cluster-by nests members in their delegation and the delegation in its country") {
  Fixture fx;
  DiagramOptions o;
  o.cluster_by = {"member_of", "represents"};
  o.legend = false;
  const std::string dot = fx.dot(select_all(fx.graph, {}, {}), o);
  const auto country = dot.find("subgraph cluster_0");
  const auto delegation = dot.find("subgraph cluster_1");
  REQUIRE(country != std::string::npos);
  REQUIRE(delegation != std::string::npos);
  CHECK(country < delegation);  // nested: the country's cluster opens first
  CHECK(dot.find("label=Land", country) < delegation);
  o.cluster_by = {"membr_of"};
  CHECK_THROWS_WITH_AS(fx.dot(select_all(fx.graph, {}, {}), o),
                       "unknown edge type 'membr_of' (did you mean 'member_of'?)", Error);
}

TEST_CASE("layouts: unknown ones are refused; a selection past the limit needs force") {
  Fixture fx;
  DiagramOptions o;
  o.layout = "dott";
  CHECK_THROWS_WITH_AS(fx.dot(select_all(fx.graph, {}, {}), o),
                       doctest::Contains("unknown layout 'dott'"), Error);
  CHECK(default_layout(10, 20) == "dot");
  CHECK(default_layout(100000, 200000) == "sfdp");
  Selection big;
  for (std::uint32_t i = 0; i < layout_edge_limit("dot") + 1; ++i) big.edges.push_back(EdgeId(0));
  o.layout = "dot";
  CHECK_THROWS_WITH_AS(render_diagram(fx.store, fx.graph, fx.sources, big, DiagramFormat::kSvg, o),
                       doctest::Contains("takes minutes"), Error);
}

TEST_CASE("SVG comes from Graphviz's own renderer, with edge tooltips") {
  Fixture fx;
  const std::string svg = render_diagram(fx.store, fx.graph, fx.sources,
                                         select_all(fx.graph, {}, {}), DiagramFormat::kSvg, {});
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find("Back\\slash &amp; &lt;b&gt;bold&lt;/b&gt; &quot;q&quot;") != std::string::npos);
  CHECK(svg.find("Team —represents→ Land") != std::string::npos);
}

TEST_CASE("the HTML view: one page with its SVG, its data as inert JSON, and a CSP by hash") {
  Fixture fx;
  Selection all = select_all(fx.graph, {}, {});
  std::reverse(all.nodes.begin(), all.nodes.end());  // the view puts them in id order itself
  const std::string page = render_view(fx.store, fx.graph, fx.sources, all, {});
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("{{") == std::string::npos);  // every placeholder filled
  CHECK(page.find("<?xml") == std::string::npos);
  const std::size_t csp = page.find(
      "Content-Security-Policy\" content=\"default-src 'none'; "
      "script-src 'sha256-");
  CHECK(csp != std::string::npos);
  CHECK(csp < page.find("<script"));  // before anything it governs
  // Nodes and edges carry their place in the page as SVG ids, nodes in id order: c:1 first.
  CHECK(page.find("<g id=\"n0\" class=\"node\">\n<title>c:1</title>") != std::string::npos);
  CHECK(page.find("<g id=\"e2\" class=\"edge\">") != std::string::npos);
  CHECK(page.find("cluster_legend") == std::string::npos);  // the page has its own legend
  // The data: no '<' anywhere in it, so no name can end its element; parsed back, it holds
  // the name as it is.
  const std::string open = "<script id=\"ergraph-data\" type=\"application/json\">";
  const std::size_t from = page.find(open) + open.size();
  const std::string data = page.substr(from, page.find("</script>", from) - from);
  CHECK(data.find('<') == std::string::npos);
  CHECK(data.find('&') == std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(data);
  REQUIRE(j["nodes"].size() == 4);
  CHECK(j["nodes"][0]["id"] == "c:1");
  CHECK(j["nodes"][2]["name"] == "Back\\slash & <b>bold</b> \"q\"");
  CHECK(j["nodes"][2]["keys"] == nlohmann::json::array({"a", "backslashbboldbq"}));
  CHECK(j["edges"][0]["first"] == 0);  // d:1 -> c:1, undated
  CHECK(j["edges"][1]["first"] == 20250101);
  CHECK(j["edges"][1]["last"] == 20251231);
  CHECK(j["edge_types"].size() == 2);
  CHECK(render_view(fx.store, fx.graph, fx.sources, all, {}) == page);  // deterministic
}

TEST_CASE("refusals keep their exact words") {
  // Pins the whole text of each refusal render_diagram builds, in engine terms (the CLI cases
  // pin what the CLI makes of them), so moving a message between files cannot change it.
  Fixture fx;
  DiagramOptions o;
  o.cluster_by = {"zzzzzz"};
  CHECK_THROWS_WITH_AS(fx.dot(select_all(fx.graph, {}, {}), o), "unknown edge type 'zzzzzz'",
                       Error);
  o.cluster_by = {};
  o.layout = "qqq";
  CHECK_THROWS_WITH_AS(fx.dot(select_all(fx.graph, {}, {}), o),
                       "unknown layout 'qqq' (dot, neato, fdp, sfdp, circo or twopi)", Error);
  o.layout = "circo";
  Selection big;
  big.nodes.push_back(VertexId(0));
  for (std::uint32_t i = 0; i < layout_edge_limit("circo") + 1; ++i) {
    big.edges.push_back(EdgeId(0));
  }
  CHECK_THROWS_WITH_AS(render_diagram(fx.store, fx.graph, fx.sources, big, DiagramFormat::kPng, o),
                       "the selection has 1 nodes and 301 edges; laying out more than 300 edges "
                       "with circo takes minutes",
                       Error);
}
