#include "ergraph/cypher.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ergraph/error.hpp"
#include "ergraph/store.hpp"

using namespace ergraph;

namespace {

// a -x(2020)-> b -x(2021-03)-> c ; a -y-> c ; b -x-> b (a loop) ; d alone (type H)
// Node props: a.w = 1, b.w = 2.5; edge a->c has detail "k".
constexpr const char* kSchema = R"(schema: test
node_types:
  N: {props: {w: number, when: date}}
  H: {}
edge_types:
  x: {from: "*", to: "*"}
  y: {from: "*", to: "*", props: {detail: string}}
)";

struct Fixture {
  Store store = Store::create(":memory:", Schema::parse(kSchema, "t.yaml"));
  GraphSnapshot graph;

  static Node n(const std::string& id, const std::string& type, const std::string& props) {
    return Node{id, type, "Node " + id, {}, props, std::nullopt};
  }
  static Edge e(const std::string& type, const std::string& from, const std::string& to,
                const std::string& date, const std::string& props = "{}") {
    return Edge{type, from, to, date, props, {}};
  }
  Fixture() : graph(load(store)) {}
  static GraphSnapshot load(Store& store) {
    store.write({n("a", "N", R"({"w":1,"when":"2025-05"})"), n("b", "N", R"({"w":2.5})"),
                 n("c", "N", "{}"), n("d", "H", "{}")},
                {e("x", "a", "b", "2020"), e("x", "b", "c", "2021-03"),
                 e("y", "a", "c", "", R"({"detail":"k"})"), e("x", "b", "b", "")});
    return GraphSnapshot::load(store);
  }

  QueryResult run(const std::string& text, QueryOptions options = {}) {
    return run_query(text, graph, store, options);
  }
  // Each row's cells as text: nodes by id, relationships as from-type->to, lists in brackets.
  std::vector<std::string> rows(const std::string& text, QueryOptions options = {}) {
    std::vector<std::string> out;
    for (const auto& row : run(text, options).rows) {
      std::string line;
      for (const QueryValue& v : row) line += (line.empty() ? "" : "|") + show(v);
      out.push_back(line);
    }
    return out;
  }
  static std::string show(const QueryValue& v) {
    if (std::holds_alternative<std::monostate>(v.value)) return "null";
    if (const auto* b = std::get_if<bool>(&v.value)) return *b ? "true" : "false";
    if (const auto* i = std::get_if<std::int64_t>(&v.value)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&v.value)) return std::to_string(*d);
    if (const auto* s = std::get_if<std::string>(&v.value)) return *s;
    if (const auto* n = std::get_if<Node>(&v.value)) return n->id;
    if (const auto* e = std::get_if<Edge>(&v.value)) return e->from + "-" + e->type + "->" + e->to;
    if (const auto* p = std::get_if<CitedPath>(&v.value)) {
      std::string s;
      for (const Node& n : p->nodes) s += n.id;
      return "<" + s + ">";
    }
    if (const auto* l = std::get_if<QueryValue::List>(&v.value)) {
      std::string s;
      for (const QueryValue& x : *l) s += (s.empty() ? "" : ",") + show(x);
      return "[" + s + "]";
    }
    return "map";
  }
  std::string error(const std::string& text, QueryOptions options = {}) {
    try {
      run(text, options);
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  }
};

}  // namespace

TEST_CASE("a parse error names line and column and puts a caret under the place") {
  Fixture f;
  const std::string e = f.error("MATCH (a:N)\nWHERE a.w = 1\nRETURN a.w +");
  CHECK(e ==
        "query:3:13: expected an expression, found the end of the query\n"
        "  RETURN a.w +\n"
        "              ^");
  CHECK(f.error("MATCH (a:N RETURN a").find("query:1:12: expected ')' after node pattern") == 0);
}

TEST_CASE("the binder refuses unknown labels, types, properties and variables, with suggestions") {
  const Schema& schema = Schema::builtin();
  auto refusal = [&](const std::string& text) {
    try {
      check_query(text, schema, {});
    } catch (const Error& e) {
      return std::string(e.message().substr(0, e.message().find('\n')));
    }
    return std::string("no error");
  };
  CHECK(refusal("MATCH (p:Persn) RETURN p") == "unknown label 'Persn' (did you mean 'Person'?)");
  CHECK(refusal("MATCH ()-[r:leads]->() RETURN r") ==
        "unknown relationship type 'leads' (did you mean 'led'?)");
  CHECK(refusal("MATCH (p:Person) RETURN p.titel") ==
        "unknown property 'titel' of Person (did you mean 'title'?)");
  CHECK(refusal("MATCH (p) RETURN q") == "variable 'q' not defined (did you mean 'p'?)");
  CHECK(refusal("MATCH (p) DELETE p").find("DELETE is not supported") == 0);
  CHECK(refusal("MATCH (p:Person) RETURN p.title, p.name") == "no error");
}

TEST_CASE("patterns match in every direction, and a relationship is used once per match") {
  Fixture f;
  CHECK(f.rows("MATCH (a)-[:x]->(b) RETURN a, b") == std::vector<std::string>{"a|b", "b|b", "b|c"});
  CHECK(f.rows("MATCH (a)<-[:x]-(b {id: 'a'}) RETURN a") == std::vector<std::string>{"b"});
  CHECK(f.rows("MATCH (a {id: 'c'})-[r]-(b) RETURN type(r), b") ==
        std::vector<std::string>{"x|b", "y|a"});
  // Out along a -x-> b and back along the same edge is not a match.
  CHECK(f.rows("MATCH (a {id: 'a'})-[:x]-(m)-[:x]-(z {id: 'a'}) RETURN m").empty());
  CHECK(f.rows("MATCH (v:H|N) WHERE NOT (v)--() RETURN v") == std::vector<std::string>{"d"});
  CHECK(f.rows("MATCH (a:N {w: 2.5}) RETURN a.name") == std::vector<std::string>{"Node b"});
}

TEST_CASE("variable length: bounds, zero hops, trails, and the default upper bound") {
  Fixture f;
  CHECK(f.rows("MATCH (a {id: 'a'})-[:x*0..2]->(b) RETURN b") ==
        std::vector<std::string>{"a", "b", "b", "c"});  // b twice: directly, and round its loop
  CHECK(f.rows("MATCH (a {id: 'a'})-[rs:x*2]->(b) RETURN b, size(rs)") ==
        std::vector<std::string>{"b|2", "c|2"});
  QueryOptions one;
  one.max_length = 1;
  CHECK(f.rows("MATCH (a {id: 'a'})-[:x*]->(b) RETURN b", one) == std::vector<std::string>{"b"});
  CHECK(f.rows("MATCH p = (a {id: 'a'})-[:x*3]->(c {id: 'c'}) RETURN p") ==
        std::vector<std::string>{"<abbc>"});
}

TEST_CASE("shortestPath follows the pattern's direction and types") {
  Fixture f;
  CHECK(f.rows("MATCH p = shortestPath((a {id: 'a'})-[*..5]-(c {id: 'c'})) RETURN p") ==
        std::vector<std::string>{"<ac>"});
  CHECK(f.rows("MATCH p = shortestPath((c {id: 'c'})<-[:x*..5]-(a {id: 'a'})) RETURN p") ==
        std::vector<std::string>{"<cba>"});
  CHECK(f.rows("MATCH p = shortestPath((c {id: 'c'})-[:x*..5]->(a {id: 'a'})) RETURN p").empty());
}

TEST_CASE("dates compare as the days they cover") {
  Fixture f;
  // 2020 and 2021-03: >= as --since (can fall on or after), <= as --until.
  CHECK(f.rows("MATCH ()-[r]->() WHERE r.date >= '2020-06-01' RETURN r.date") ==
        std::vector<std::string>{"2020", "2021-03"});
  CHECK(f.rows("MATCH ()-[r]->() WHERE r.date > '2020-06-01' RETURN r.date") ==
        std::vector<std::string>{"2020", "2021-03"});
  CHECK(f.rows("MATCH ()-[r]->() WHERE r.date < '2020-06-01' RETURN r.date") ==
        std::vector<std::string>{"2020"});
  CHECK(f.rows("MATCH ()-[r]->() WHERE r.date = '2021-03' RETURN r.date") ==
        std::vector<std::string>{"2021-03"});
  CHECK(f.rows("MATCH (a:N) WHERE a.when <= '2025-05-02' RETURN a") ==
        std::vector<std::string>{"a"});
  CHECK(f.error("MATCH ()-[r]->() WHERE r.date < 'soon' RETURN r").find("'soon' is not a date") !=
        std::string::npos);
}

TEST_CASE("nulls: three-valued logic, OPTIONAL MATCH, and aggregates over nothing") {
  Fixture f;
  CHECK(f.rows("RETURN null AND false, null OR true, null = null, 1 IN [2, null]") ==
        std::vector<std::string>{"false|true|null|null"});
  CHECK(f.rows("MATCH (d:H) OPTIONAL MATCH (d)-[r]-(x) RETURN d, r, x") ==
        std::vector<std::string>{"d|null|null"});
  CHECK(f.rows("MATCH (v:N {id: 'none'}) RETURN count(*), collect(v), sum(v.w), avg(v.w)") ==
        std::vector<std::string>{"0|[]|0|null"});
}

TEST_CASE("aggregation groups by the other columns; rows without ORDER BY come sorted") {
  Fixture f;
  CHECK(f.rows("MATCH (a)-[r]->() RETURN a, count(*) AS n, collect(type(r)) AS t") ==
        std::vector<std::string>{"a|2|[x,y]", "b|2|[x,x]"});
  CHECK(f.rows("MATCH (a:N) RETURN a.w ORDER BY a.w DESC") ==
        std::vector<std::string>{"null", "2.500000", "1"});
  CHECK(f.rows("MATCH (a:N) WITH a ORDER BY a.id DESC LIMIT 1 RETURN a") ==
        std::vector<std::string>{"c"});
  CHECK(f.rows("UNWIND [3, 1, 2] AS x RETURN x SKIP 1") == std::vector<std::string>{"2", "3"});
}

TEST_CASE("parameters read as literals, else as text") {
  Fixture f;
  QueryOptions o;
  o.parameters = {{"n", "2"}, {"s", "Node a"}, {"l", "[1, 'x']"}};
  CHECK(f.rows("RETURN $n + 1, $s, size($l)", o) == std::vector<std::string>{"3|Node a|2"});
  CHECK(f.error("RETURN $missing", o).find("parameter $missing not given") != std::string::npos);
}

TEST_CASE("runaway queries stop with an error at the limits") {
  Fixture f;
  QueryOptions small;
  small.max_rows = 2;
  CHECK(f.error("UNWIND [1, 2, 3] AS x RETURN x", small).find("more than 2 rows") !=
        std::string::npos);
  CHECK(f.error("RETURN range(1, 10)", small).find("more than 2 list elements") !=
        std::string::npos);
  QueryOptions ten;
  ten.max_rows = 10;  // and so 10,000 pattern steps: 4^7 candidate rows need more
  CHECK(f.error("MATCH (a), (b), (c), (d), (e), (f), (g) RETURN count(*)", ten)
            .find("pattern steps") != std::string::npos);
  CHECK(f.rows("MATCH (a), (b), (c), (d), (e), (f) RETURN count(*)", ten) ==
        std::vector<std::string>{"4096"});
  CHECK(f.error("RETURN 9223372036854775807 + 1").find("integer overflow") != std::string::npos);
  CHECK(f.error("RETURN 'a' =~ '(a+)+$('").find("invalid regular expression") != std::string::npos);
}

TEST_CASE("a query's selection holds its nodes and relationships, paths highlighted") {
  Fixture f;
  const QueryResult r = f.run("MATCH p = (a {id: 'a'})-[:y]->(c) RETURN p");
  CHECK(r.selection.nodes.size() == 2);
  CHECK(r.selection.edges.size() == 1);
  CHECK(r.selection.highlighted_edges.size() == 1);
  const QueryResult n = f.run("MATCH (d:H) RETURN d");
  CHECK(n.selection.nodes.size() == 1);
  CHECK(n.selection.edges.empty());
}

TEST_CASE("distinct ends of a variable-length pattern: the breadth-first way agrees with trails") {
  // A relationship variable used elsewhere (here in WHERE) keeps every trail; one used nowhere
  // under DISTINCT lets the matcher search breadth-first. Both must give the same rows, the
  // start vertex included.
  Fixture f;
  for (const char* shape :
       {"-[%*0..1]-", "-[%*1..1]-", "-[%*..2]-", "-[%*..3]->", "<-[%:x*1..3]-", "-[%:x*..4]-"}) {
    std::string named = shape, anonymous = shape;
    named.replace(named.find('%'), 1, "rs");
    anonymous.erase(anonymous.find('%'), 1);
    const std::string a = "MATCH (a)" + anonymous + "(b) RETURN DISTINCT a, b";
    const std::string n = "MATCH (a)" + named + "(b) WHERE size(rs) >= 0 RETURN DISTINCT a, b";
    CHECK_MESSAGE(f.rows(a) == f.rows(n), shape);
    CHECK(f.rows("MATCH (a)" + named + "(b) RETURN a, count(DISTINCT b)") ==
          f.rows("MATCH (a)" + named + "(b) WHERE size(rs) >= 0 RETURN a, count(DISTINCT b)"));
  }
}

TEST_CASE("a last hop nothing names is counted, and counts as walking it would") {
  Fixture f;
  // c is used nowhere, so its hop is counted from the row lengths; naming it in RETURN walks.
  for (const char* shape : {"(a)-->(b)-->(c)", "(a)--(b)--(c)", "(a)-->(b)<--(c)",
                            "(a:N)-[:x]->(b)--(c)", "(a)--(b), (b)--(c)", "(a)--(a)--(c)"}) {
    const std::string pattern = shape;
    CHECK_MESSAGE(f.rows("MATCH " + pattern + " RETURN count(*)") ==
                      f.rows("MATCH " + pattern + " RETURN count(c)"),
                  shape);
    CHECK(f.rows("MATCH " + pattern + " RETURN a, count(*)") ==
          f.rows("MATCH " + pattern + " RETURN a, count(c)"));
    CHECK(f.rows("MATCH " + pattern + " RETURN a") ==
          f.rows("MATCH " + pattern + " WHERE c IS NOT NULL RETURN a"));
  }
  // Weights reach every aggregate: the counted hop gives what the walked one gives.
  const std::string counted = "MATCH (a {id: 'b'})--(b)--(c) ";
  const std::string aggregates =
      "RETURN count(*), sum(1), avg(2), collect(a.id), count(DISTINCT b)";
  CHECK(f.rows(counted + aggregates) == std::vector<std::string>{"6|6|2.000000|[b,b,b,b,b,b]|3"});
  CHECK(f.rows(counted + aggregates) == f.rows(counted + "WHERE c IS NOT NULL " + aggregates));
}
