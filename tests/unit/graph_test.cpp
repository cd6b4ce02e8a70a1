#include "ergraph/graph.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ergraph/checksum.hpp"
#include "ergraph/store.hpp"
#include "test_util.hpp"

using namespace ergraph;

namespace {

// Where each array of a saved image starts (its count), by the layout image.cpp writes: a
// 24-byte header, five string lists (their lengths as an array, then their bytes), then the
// arrays, each a count, padding to 8 bytes and the elements.
std::vector<std::size_t> image_arrays(const std::string& image) {
  std::size_t at = 24;
  auto count_at = [&](std::size_t offset) {
    std::uint64_t n = 0;
    std::memcpy(&n, image.data() + offset, sizeof n);
    return static_cast<std::size_t>(n);
  };
  auto skip_array = [&](std::size_t element_size) {
    const std::size_t n = count_at(at);
    at = (at + 8 + 7) / 8 * 8 + n * element_size;
    return n;
  };
  for (int list = 0; list < 5; ++list) {
    const std::size_t lengths = (at + 8 + 7) / 8 * 8;
    const std::size_t n = skip_array(4);
    for (std::size_t i = 0; i < n; ++i) {
      std::uint32_t length = 0;
      std::memcpy(&length, image.data() + lengths + 4 * i, sizeof length);
      at += length;
    }
  }
  std::vector<std::size_t> starts;
  // vertex types, store keys, out-rows (starts, targets, attributes), in-rows (starts, sources,
  // edges), both-way rows (starts, vertices, edges), node keys sorted and their vertices, the
  // publishers' vertices
  for (std::size_t element_size : {2, 8, 4, 4, 12, 4, 4, 4, 4, 4, 4, 8, 4, 4}) {
    starts.push_back(at);
    skip_array(element_size);
  }
  return starts;
}

// The stamp image.cpp records for an image: its checksum in hex.
std::string stamp_of(const std::string& image) {
  Checksum sum;
  sum.add(image.data(), image.size());
  return sum.hex();
}

}  // namespace

TEST_CASE("date_range covers the days a date names") {
  CHECK(date_range("2025")->first == 20250101);
  CHECK(date_range("2025")->last == 20251231);
  CHECK(date_range("2025-02")->first == 20250201);
  CHECK(date_range("2025-02-14")->last == 20250214);
  CHECK_FALSE(date_range("").has_value());
  CHECK_FALSE(date_range("2025-13").has_value());
}

TEST_CASE("date_text spells back the date a range was read from") {
  for (const char* date : {"2025", "2025-02", "2025-12", "2024-02-29", "2025-01-01", "2025-12-31",
                           "0001", "9999-12"}) {
    CAPTURE(date);
    CHECK(date_text(date_range(date).value()) == date);
  }
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

namespace {

// Everything a snapshot answers, as text, to compare two snapshots of the same data.
std::string describe(const GraphSnapshot& g) {
  std::string out;
  for (std::uint32_t v = 0; v < g.vertex_count(); ++v) {
    const std::optional<std::string_view> publisher = g.publisher(VertexId(v));
    out += g.node_id(VertexId(v)) + "|" + g.node_name(VertexId(v)) + "|" +
           g.node_type(VertexId(v)) + "|" +
           (publisher ? "published by '" + std::string(*publisher) + "'" : "no document") + "\n";
  }
  // The tests' node keys are small: every one up to well past the node count.
  for (std::int64_t key = -1; key < static_cast<std::int64_t>(g.vertex_count()) * 3 + 8; ++key) {
    if (const std::optional<VertexId> v = g.vertex_of_key(key)) {
      out += "key " + std::to_string(key) + ": " + g.node_id(*v) + "\n";
    }
  }
  for (std::uint32_t e = 0; e < g.edge_count(); ++e) {
    const SnapshotEdge edge = g.edge(EdgeId(e));
    out += std::to_string(index_of(edge.from)) + ">" + std::to_string(index_of(edge.to)) + " " +
           g.edge_type_name(EdgeId(e)) + " " +
           (edge.date ? std::to_string(edge.date->first) + "-" + std::to_string(edge.date->last)
                      : "undated") +
           " #" + std::to_string(edge.store_id) + (edge.more_in_store ? " +row" : "") + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("a snapshot knows each node's key, the Documents' publishers and which rows hold more") {
  testing::TempDir dir;
  const std::string path = dir.file("g.db");
  constexpr const char* kSchema = R"(schema: test
node_types: {N: {}, Document: {}}
edge_types:
  x: {from: "*", to: "*"}
)";
  Store store = Store::create(path, Schema::parse(kSchema, "t.yaml"));
  store.write({Node{"d:wire", "Document", "Wire", {}, R"({"publisher":"Wire Co"})", "text"},
               Node{"d:none", "Document", "No publisher", {}, "{}", "text"},
               Node{"d:number", "Document", "Number", {}, R"({"publisher":7})", "text"},
               Node{"n:a", "N", "A", {}, R"({"publisher":"not a document"})", std::nullopt},
               Node{"n:b", "N", "B", {}, "{}", std::nullopt}},
              {Edge{"x", "n:a", "n:b", "2025-05", "{}", {}}, Edge{"x", "n:b", "n:a", "", "{}", {}},
               Edge{"x", "n:a", "d:wire", "2025-05-16", R"({"role":"host"})", {}},
               Edge{"x", "d:wire", "n:a", "2024", "{}", {}}});
  // A date no import would take, written by another tool: date_range cannot read it.
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  REQUIRE(sqlite3_exec(raw, "UPDATE edges SET date = '2025-5' WHERE date = '2024'", nullptr,
                       nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);

  const GraphSnapshot g = GraphSnapshot::build(store);
  auto publisher = [&](const char* id) { return g.publisher(g.vertex(id).value()); };
  CHECK(publisher("d:wire") == std::optional<std::string_view>("Wire Co"));
  CHECK(publisher("d:none") == std::optional<std::string_view>(""));
  CHECK(publisher("d:number") == std::optional<std::string_view>(""));  // no publisher as text
  CHECK_FALSE(publisher("n:a").has_value());
  store.scan_nodes(
      [&](const NodeRow& row) { CHECK(g.vertex_of_key(row.key) == g.vertex(row.id)); });
  CHECK_FALSE(g.vertex_of_key(0).has_value());
  CHECK_FALSE(g.vertex_of_key(1000).has_value());
  std::map<std::int64_t, bool> more;
  for (std::uint32_t e = 0; e < g.edge_count(); ++e) {
    more[g.edge(EdgeId(e)).store_id] = g.edge(EdgeId(e)).more_in_store;
  }
  std::vector<bool> in_key_order;
  for (const auto& [key, flag] : more) in_key_order.push_back(flag);
  // a month, undated, props, and the unreadable date
  CHECK(in_key_order == std::vector<bool>{false, false, true, true});

  g.save_image(store);
  CHECK(describe(GraphSnapshot::load(store)) == describe(g));
}

TEST_CASE("a saved graph image loads back as the same snapshot, and only for the same data") {
  testing::TempDir dir;
  const std::string path = dir.file("g.db");
  {
    Store store = Store::create(path, Schema::parse(testing::kTwoTypeSchema, "t.yaml"));
    store.write(
        {Node{"c", "N", "C", {}, "{}", {}}, Node{"a", "H", "Ä long name past SSO", {}, "{}", {}},
         Node{"b", "N", "B", {}, "{}", {}}},
        {Edge{"y", "c", "a", "", "{}", {}}, Edge{"x", "c", "a", "2025-05", "{}", {}},
         Edge{"x", "a", "b", "2024", "{}", {}}});
    GraphSnapshot::build(store).save_image(store);
  }
  Store store = Store::open(path);
  const std::string built = describe(GraphSnapshot::build(store));
  CHECK(store.cache_file_path("graph-snapshot") == path + "-graph-snapshot");
  CHECK(store.map_cache_file("graph-snapshot", store.data_version()).has_value());
  CHECK(describe(GraphSnapshot::load(store)) == built);
  // Renames node b behind ergraph's back: a change that keeps the data version (same write
  // count, same highest keys), so it shows in a rebuild but not in the image.
  auto rename_b = [&](const std::string& name) {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    const std::string sql = "UPDATE nodes SET name = '" + name + "' WHERE id = 'b'";
    REQUIRE(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  };
  // Proof that load reads the image.
  rename_b("Renamed");
  CHECK(GraphSnapshot::load(store).node_name(VertexId(1)) == "B");
  CHECK(GraphSnapshot::build(store).node_name(VertexId(1)) == "Renamed");

  // A write changes the data version: the old image no longer applies, and load sees the edge.
  store.write({}, {Edge{"x", "b", "c", "", "{}", {}}});
  CHECK_FALSE(store.map_cache_file("graph-snapshot", store.data_version()).has_value());
  const GraphSnapshot after = GraphSnapshot::load(store);
  CHECK(after.edge_count() == 4);
  CHECK(describe(after) == describe(GraphSnapshot::build(store)));

  // The image outlives the store that mapped it.
  after.save_image(store);
  std::optional<GraphSnapshot> kept;
  {
    Store other = Store::open(path);
    kept.emplace(GraphSnapshot::load(other));
  }
  CHECK(describe(*kept) == describe(after));
  kept.reset();  // the damage below is done in place, which no one may do to a mapped file

  // A damaged image, or the image of another database, is only a lost shortcut: load rebuilds
  // from the tables.
  auto image = [&] {
    std::ifstream in(path + "-graph-snapshot", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  auto put = [&](const std::string& bytes) {
    std::ofstream(path + "-graph-snapshot", std::ios::binary | std::ios::trunc) << bytes;
  };
  const std::string good = image();
  for (std::size_t at : {std::size_t{20}, good.size() / 2, good.size() - 1}) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x10);
    put(bad);
    CHECK(describe(GraphSnapshot::load(store)) == describe(after));
  }
  put(good + "junk");
  CHECK(describe(GraphSnapshot::load(store)) == describe(after));
  {
    Store stranger =
        Store::create(dir.file("s.db"), Schema::parse(testing::kTwoTypeSchema, "t.yaml"));
    stranger.write({Node{"z", "N", "Z", {}, "{}", {}}}, {});
    GraphSnapshot::build(stranger).save_image(stranger);
  }
  std::filesystem::copy_file(dir.file("s.db-graph-snapshot"), path + "-graph-snapshot",
                             std::filesystem::copy_options::overwrite_existing);
  CHECK(describe(GraphSnapshot::load(store)) == describe(after));

  // A forged image, its stamp recorded as its writer would: a store key more or fewer than
  // there are edges (every other array checked) is refused.
  auto record_stamp = [&](const std::string& stamp) {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    const std::string sql =
        "UPDATE caches SET data = CAST('" + stamp + "' AS BLOB) WHERE name = 'graph-snapshot'";
    REQUIRE(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  };
  const std::size_t keys = image_arrays(good).at(1);
  std::uint64_t edges = 0;
  std::memcpy(&edges, good.data() + keys, sizeof edges);
  REQUIRE(edges == 4);
  const std::size_t keys_end = keys + 8 + edges * 8;  // the count is at a multiple of 8
  for (const bool more : {true, false}) {
    const std::uint64_t forged_count = more ? edges + 1 : edges - 1;
    std::string forged = good.substr(0, keys);
    forged.append(reinterpret_cast<const char*>(&forged_count), sizeof forged_count);
    forged += more ? good.substr(keys + 8, keys_end - keys - 8) + std::string(8, '\x01')
                   : good.substr(keys + 8, keys_end - keys - 16);
    forged += good.substr(keys_end);
    put(forged);
    record_stamp(stamp_of(forged));
    CHECK(describe(GraphSnapshot::load(store)) == describe(after));
  }
  record_stamp(stamp_of(good));

  // Whereas the intact image is read again (the damage above did not stick): a rename behind
  // ergraph's back shows in a rebuild only.
  put(good);
  rename_b("Again");
  CHECK(GraphSnapshot::load(store).node_name(VertexId(1)) == "Renamed");
  CHECK(GraphSnapshot::build(store).node_name(VertexId(1)) == "Again");
}

namespace {

// Lets every edge through except those of type `skip`, and no pair a -> b.
struct SkipFilter {
  std::uint16_t skip = 0xffff;
  std::uint32_t blocked_from = ~0u, blocked_to = ~0u;
  bool unrestricted() const { return skip == 0xffff && blocked_from == ~0u; }
  bool edge_ok(std::uint32_t, const EdgeAttributes& a) const { return a.type != skip; }
  bool vertex_ok(std::uint32_t) const { return true; }
  bool pair_ok(std::uint32_t from, std::uint32_t to) const {
    return !(from == blocked_from && to == blocked_to);
  }
};

// for_each_neighbor's calls as "neighbour:edge:along" items.
std::string walk(const Adjacency& g, const SkipFilter& f, std::uint32_t v, bool out, bool in) {
  std::string s;
  for_each_neighbor(g, f, v, out, in, [&](std::uint32_t w, std::uint32_t e, bool along) {
    s += std::to_string(w) + ":" + std::to_string(e) + (along ? ":>" : ":<") + " ";
  });
  return s;
}

}  // namespace

TEST_CASE("the adjacency rows: out, in and both ways, in neighbour order, out-edges first") {
  Store store = Store::create(":memory:", Schema::parse(testing::kTwoTypeSchema, "t.yaml"));
  // a=0 b=1 c=2; edges by (from, to, type): 0 a>b x, 1 a>c x, 2 b>a y, 3 c>a x, 4 c>a y
  store.write({Node{"a", "N", "A", {}, "{}", {}}, Node{"b", "H", "B", {}, "{}", {}},
               Node{"c", "N", "C", {}, "{}", {}}},
              {Edge{"y", "c", "a", "", "{}", {}}, Edge{"x", "c", "a", "", "{}", {}},
               Edge{"x", "a", "c", "2025", "{}", {}}, Edge{"y", "b", "a", "", "{}", {}},
               Edge{"x", "a", "b", "", "{}", {}}});
  const GraphSnapshot g = GraphSnapshot::build(store);
  const Adjacency& adj = g.adjacency();
  REQUIRE(adj.vertex_count() == 3);
  REQUIRE(adj.edge_count() == 5);
  CHECK(adj.arrays().consistent());
  CHECK(g.node_type(VertexId(1)) == g.node_types()[adj.vertex_type(1)]);
  CHECK(adj.out_begin(0) == 0);
  CHECK(adj.out_end(0) == 2);
  CHECK(std::vector<std::uint32_t>(adj.out_targets(2).begin(), adj.out_targets(2).end()) ==
        std::vector<std::uint32_t>{0, 0});
  CHECK(std::vector<std::uint32_t>(adj.in_sources(0).begin(), adj.in_sources(0).end()) ==
        std::vector<std::uint32_t>{1, 2, 2});
  CHECK(std::vector<std::uint32_t>(adj.in_edges(0).begin(), adj.in_edges(0).end()) ==
        std::vector<std::uint32_t>{2, 3, 4});
  CHECK(adj.source(4) == 2);
  CHECK(adj.target(1) == 2);
  CHECK(adj.attributes(1).date_first == 20250101);
  CHECK(adj.out_degree(0) == 2);
  CHECK(adj.in_degree(0) == 3);

  const SkipFilter all;
  // The merged row (unrestricted, both ways) and the general walk agree.
  CHECK(walk(adj, all, 0, true, true) == "1:0:> 1:2:< 2:1:> 2:3:< 2:4:< ");
  SkipFilter none_skipped_but_tested;
  none_skipped_but_tested.skip = 7;
  CHECK(walk(adj, none_skipped_but_tested, 0, true, true) == walk(adj, all, 0, true, true));
  CHECK(walk(adj, all, 0, true, false) == "1:0:> 2:1:> ");
  CHECK(walk(adj, all, 0, false, true) == "1:2:< 2:3:< 2:4:< ");
  SkipFilter no_y;
  no_y.skip = static_cast<std::uint16_t>(
      std::find(g.edge_types().begin(), g.edge_types().end(), "y") - g.edge_types().begin());
  CHECK(walk(adj, no_y, 0, true, true) == "1:0:> 2:1:> 2:3:< ");
  SkipFilter no_c_to_a;
  no_c_to_a.blocked_from = 2;
  no_c_to_a.blocked_to = 0;
  CHECK(walk(adj, no_c_to_a, 0, true, true) == "1:0:> 1:2:< 2:1:> ");

  const auto hop = first_edge_between(adj, all, 0, 2, true);
  REQUIRE(hop.has_value());
  CHECK(index_of(hop->edge) == 1);
  CHECK(hop->along);
  const auto back = first_edge_between(adj, no_y, 1, 0, true);
  REQUIRE(back.has_value());
  CHECK(index_of(back->edge) == 0);
  CHECK_FALSE(back->along);
  CHECK_FALSE(first_edge_between(adj, no_y, 1, 0, false).has_value());
  CHECK_FALSE(first_edge_between(adj, all, 1, 2, true).has_value());
}
