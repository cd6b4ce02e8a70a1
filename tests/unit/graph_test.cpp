#include "ergraph/graph.hpp"

#include <doctest/doctest.h>

#include "ergraph/store.hpp"
#include "test_util.hpp"

using namespace ergraph;

namespace {}  // namespace

TEST_CASE("date_range covers the days a date names") {
  CHECK(date_range("2025")->first == 20250101);
  CHECK(date_range("2025")->last == 20251231);
  CHECK(date_range("2025-02")->first == 20250201);
  CHECK(date_range("2025-02-14")->last == 20250214);
  CHECK_FALSE(date_range("").has_value());
  CHECK_FALSE(date_range("2025-13").has_value());
}

TEST_CASE("a snapshot numbers vertices in id order and edges by (from, to, type, date)") {
  Store store = Store::create(":memory:", Schema::parse(testing::kTwoTypeSchema, "t.yaml"));
  store.write({Node{"c", "N", "C", {}, "{}", {}}, Node{"a", "H", "A", {}, "{}", {}},
               Node{"b", "N", "B", {}, "{}", {}}},
              {Edge{"y", "c", "a", "", "{}", {}}, Edge{"x", "c", "a", "2025-05", "{}", {}},
               Edge{"x", "a", "b", "", "{}", {}}});
  const GraphSnapshot g = GraphSnapshot::load(store);
  REQUIRE(g.vertex_count() == 3);
  REQUIRE(g.edge_count() == 3);
  CHECK(g.node_id(VertexId(0)) == "a");
  CHECK(g.node_type(VertexId(0)) == "H");
  CHECK(g.node_name(VertexId(2)) == "C");
  CHECK(index_of(g.vertex("b").value()) == 1);
  CHECK_FALSE(g.vertex("zz").has_value());
  const SnapshotEdge first = g.edge(EdgeId(0));
  CHECK(first.from == VertexId(0));
  CHECK(first.to == VertexId(1));
  CHECK(g.edge_type_name(EdgeId(1)) == "x");  // c->a: x before y
  CHECK(g.edge(EdgeId(1)).date->first == 20250501);
  CHECK(g.edge_type_name(EdgeId(2)) == "y");
  CHECK_FALSE(g.edge(EdgeId(2)).date.has_value());
  CHECK(store.edge_by_key(g.edge(EdgeId(2)).store_id)->type == "y");
  CHECK(g.graph_bytes() > 0);
}
