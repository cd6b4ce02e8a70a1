#include "ergraph/store.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

#include "test_util.hpp"

using namespace ergraph;

namespace {

const char* kText = "Turkish Foreign Minister Hakan Fidan chaired the talks in Istanbul.";

Node person(const std::string& id, const std::string& name, std::vector<std::string> aliases = {},
            std::string props = "{}") {
  return Node{id, "Person", name, std::move(aliases), std::move(props), std::nullopt};
}

Node event(const std::string& id) { return Node{id, "Event", "Talks", {}, "{}", std::nullopt}; }

Node document(const std::string& id, const std::string& text) {
  return Node{id, "Document", "Report", {}, R"({"publisher":"X"})", text};
}

Edge chaired(std::vector<Citation> sources, std::string date = "2025-05-16") {
  return Edge{"chaired", "p:fidan", "e:talks", std::move(date), "{}", std::move(sources)};
}

}  // namespace

TEST_CASE("a new store holds its schema and nothing else") {
  Store store = Store::create(":memory:", Schema::builtin());
  CHECK(store.schema().name() == "news");
  const StoreStats s = store.stats();
  CHECK(s.nodes == 0);
  CHECK(s.edges == 0);
  CHECK(s.citations == 0);
}

TEST_CASE("write stores nodes, edges and citations, and re-writing changes nothing") {
  Store store = Store::create(":memory:", Schema::builtin());
  const std::vector<Node> nodes = {person("p:fidan", "Hakan Fidan", {"Fidan"}), event("e:talks"),
                                   document("d:1", kText)};
  const std::vector<Edge> edges = {chaired({{"d:1", "Hakan Fidan chaired the talks"}})};
  WriteCounts first = store.write(nodes, edges);
  CHECK(first.nodes_added == 3);
  CHECK(first.edges_added == 1);
  CHECK(first.citations_added == 1);

  WriteCounts again = store.write(nodes, edges);
  CHECK(again.nodes_added == 0);
  CHECK(again.nodes_updated == 0);
  CHECK(again.edges_added == 0);
  CHECK(again.citations_added == 0);

  const StoreStats s = store.stats();
  CHECK(s.nodes == 3);
  CHECK(s.edges == 1);
  CHECK(s.documents == 1);
  CHECK(s.citations == 1);
  CHECK(s.aliases == 1);
  CHECK(s.nodes_by_type.at("Person") == 1);
  CHECK(s.edges_by_type.at("chaired") == 1);
  CHECK(store.document_text("d:1").value() == kText);
  CHECK_FALSE(store.document_text("p:fidan").has_value());
  REQUIRE(store.find_node("p:fidan").has_value());
  CHECK(store.find_node("p:fidan")->aliases == std::vector<std::string>{"Fidan"});
  CHECK_FALSE(store.find_node("p:nobody").has_value());
}

TEST_CASE("the same edge from a second source gains the citation, nothing else") {
  Store store = Store::create(":memory:", Schema::builtin());
  store.write({person("p:fidan", "Hakan Fidan"), event("e:talks"), document("d:1", kText),
               document("d:2", kText)},
              {chaired({{"d:1", "chaired the talks"}})});
  const WriteCounts c = store.write({}, {chaired({{"d:2", "chaired the talks"}})});
  CHECK(c.edges_added == 0);
  CHECK(c.citations_added == 1);
  std::vector<Edge> edges;
  store.for_each_edge([&](const Edge& e) { edges.push_back(e); });
  REQUIRE(edges.size() == 1);
  CHECK(edges[0].sources.size() == 2);
  CHECK(edges[0].sources[1].doc == "d:2");

  SUBCASE("read by key: whole, or its own columns and citations for a caller knowing the rest") {
    std::int64_t key = 0;
    store.scan_edges([&](const EdgeRow& row) { key = row.key; });
    const Edge whole = store.edge_by_key(key).value();
    CHECK(whole.type == "chaired");
    CHECK(whole.from == "p:fidan");
    CHECK(whole.to == "e:talks");
    Edge known{"chaired", "p:fidan", "e:talks", "", "", {}};
    REQUIRE(store.read_edge_details(key, known));
    CHECK(known.date == "2025-05-16");
    CHECK(known.props == whole.props);
    std::map<std::int64_t, std::string> ids;
    std::map<std::string, std::string> publishers;
    store.scan_nodes([&](const NodeRow& row) {
      ids[row.key] = row.id;
      publishers[row.id] = row.publisher;
    });
    CHECK(publishers == std::map<std::string, std::string>{
                            {"d:1", "X"}, {"d:2", "X"}, {"e:talks", ""}, {"p:fidan", ""}});
    std::vector<Citation> cited;
    store.scan_edge_citations(key, [&](std::int64_t doc, std::string quote) {
      cited.push_back({ids.at(doc), quote});
    });
    CHECK(cited == whole.sources);
    CHECK(cited.size() == 2);
    CHECK_FALSE(store.edge_by_key(key + 1).has_value());
    Edge missing;
    CHECK_FALSE(store.read_edge_details(key + 1, missing));
    store.scan_edge_citations(key + 1, [](std::int64_t, std::string) { FAIL("no such edge"); });
  }

  SUBCASE("another date is another edge") {
    CHECK(store.write({}, {chaired({}, "2025-05")}).edges_added == 1);
    CHECK(store.write({}, {chaired({}, "")}).edges_added == 1);
    CHECK(store.stats().edges == 3);
  }
}

TEST_CASE("a re-imported node keeps its aliases, merges props and is counted as updated") {
  Store store = Store::create(":memory:", Schema::builtin());
  store.write({person("p:1", "Zelensky", {"Zelenskyy"}, R"({"title":"President"})")}, {});
  const WriteCounts c = store.write(
      {person("p:1", "Volodymyr Zelensky", {"Zelenskiy"}, R"({"nationality":"UA"})")}, {});
  CHECK(c.nodes_updated == 1);
  const Node n = store.find_node("p:1").value();
  CHECK(n.name == "Volodymyr Zelensky");
  CHECK(n.aliases == std::vector<std::string>{"Zelenskiy", "Zelenskyy"});
  CHECK(n.props == R"({"nationality":"UA","title":"President"})");
}

TEST_CASE("export order is by id, and edges by (from, type, to, date)") {
  Store store = Store::create(":memory:", Schema::builtin());
  store.write({person("p:b", "B"), person("p:a", "A"), event("e:talks")},
              {Edge{"attended", "p:b", "e:talks", "", "{}", {}},
               Edge{"attended", "p:a", "e:talks", "2025", "{}", {}},
               Edge{"attended", "p:a", "e:talks", "", "{}", {}}});
  std::vector<std::string> ids;
  store.for_each_node([&](const Node& n) { ids.push_back(n.id); });
  CHECK(ids == std::vector<std::string>{"e:talks", "p:a", "p:b"});
  std::vector<std::string> order;
  store.for_each_edge([&](const Edge& e) { order.push_back(e.from + "/" + e.date); });
  CHECK(order == std::vector<std::string>{"p:a/", "p:a/2025", "p:b/"});
}

TEST_CASE("open refuses what is not an ergraph database") {
  testing::TempDir dir;
  SUBCASE("no file") {
    CHECK_THROWS_WITH_AS(Store::open(dir.file("none.db")), doctest::Contains("no database here"),
                         Error);
  }
  SUBCASE("a text file") {
    const std::string path = dir.write("notes.db", "this is not a database, just some text\n");
    CHECK_THROWS_WITH_AS(Store::open(path), doctest::Contains("notes.db"), Error);
  }
  SUBCASE("create refuses to overwrite") {
    const std::string path = dir.write("taken.db", "x");
    CHECK_THROWS_WITH_AS(Store::create(path, Schema::builtin()),
                         doctest::Contains("a file exists there already"), Error);
  }
  SUBCASE("a created database reopens with its schema") {
    const std::string path = dir.file("g.db");
    { Store::create(path, Schema::builtin()); }
    const Store store = Store::open(path, true);
    CHECK(store.schema().source_text() == Schema::builtin().source_text());
  }
}

TEST_CASE("find_by_name matches names and aliases whatever the case, accents and punctuation") {
  Store store = Store::create(":memory:", Schema::builtin());
  store.write({Node{"country:turkey", "Country", "Turkey", {"Türkiye"}, "{}", std::nullopt},
               Node{"place:turkey", "Place", "Turkey (region)", {"turkey"}, "{}", std::nullopt},
               person("p:z", "Zelensky", {"Zelenskyy"})},
              {});
  auto ids = [&](const char* name) {
    std::vector<std::string> out;
    for (const Node& n : store.find_by_name(name)) out.push_back(n.id);
    return out;
  };
  CHECK(ids("turkiye") == std::vector<std::string>{"country:turkey"});
  CHECK(ids("TÜRKİYE") == std::vector<std::string>{"country:turkey"});
  CHECK(ids("Turkey") == std::vector<std::string>{"country:turkey", "place:turkey"});
  CHECK(ids("zelenskyy") == std::vector<std::string>{"p:z"});
  CHECK(ids("zelensky") == std::vector<std::string>{"p:z"});
  CHECK(ids("Zelenskiy").empty());
}

TEST_CASE("a write that fails midway leaves the store as it was, and the next write works") {
  Store store = Store::create(":memory:", Schema::builtin());
  store.write({person("p:fidan", "Hakan Fidan"), event("e:talks")}, {});
  const std::string version = store.data_version();
  // An edge naming a node that is neither written nor stored: the write throws after the node
  // rows went in, and the transaction guard rolls them back.
  CHECK_THROWS_WITH_AS(
      store.write({person("p:new", "New")}, {Edge{"attended", "p:ghost", "e:talks", "", "{}", {}}}),
      doctest::Contains("vanished during the write"), Error);
  CHECK(store.stats().nodes == 2);
  CHECK_FALSE(store.find_node("p:new").has_value());
  CHECK(store.data_version() == version);
  // No transaction was left open: another write begins and commits.
  CHECK(store.write({person("p:new", "New")}, {}).nodes_added == 1);
  CHECK(store.stats().nodes == 3);
}

namespace {

// The journal mode the database file's header records: its read version, 2 in WAL mode.
bool header_says_wal(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[20] = {};
  in.read(header, sizeof header);
  return in && header[18] == 2 && header[19] == 2;
}

// Writes one person and says whether the write had a rollback journal beside the file halfway
// (a write in place), and whether it left frames in the WAL.
struct Halfway {
  bool journal = false;
  bool wal = false;
};
Halfway write_one(Store& store, const std::string& id) {
  Halfway seen;
  const std::string path = store.path();
  store.write_streamed(
      [&](Store::WriteSession& session) {
        const Node node = person(id, "Person " + id);
        session.write_node(node);
        session.end_nodes();
        std::error_code ec;
        seen.journal = std::filesystem::exists(path + "-journal", ec);
      },
      1, {});
  std::error_code ec;
  seen.wal = std::filesystem::file_size(path + "-wal", ec) > 0 && !ec;
  return seen;
}

}  // namespace

TEST_CASE("a first write into empty tables goes in place, under a rollback journal, then WAL") {
  testing::TempDir dir;
  Store store = Store::create(dir.file("g.db"), Schema::builtin());
  REQUIRE(header_says_wal(store.path()));
  const Halfway first = write_one(store, "p:a");
  CHECK(first.journal);
  CHECK(header_says_wal(store.path()));
  CHECK_FALSE(std::filesystem::exists(store.path() + "-journal"));
  CHECK(store.stats().nodes == 1);
  // Tables that hold rows: through the WAL, as any write that readers may read beside.
  const Halfway second = write_one(store, "p:b");
  CHECK_FALSE(second.journal);
  CHECK(second.wal);
  CHECK(store.stats().nodes == 2);

  SUBCASE("not while another connection has the file open: it goes through the WAL") {
    Store empty = Store::create(dir.file("e.db"), Schema::builtin());
    Store reader = Store::open(empty.path(), true);
    CHECK(reader.stats().nodes == 0);
    const Halfway halfway = write_one(empty, "p:c");
    CHECK_FALSE(halfway.journal);
    CHECK(halfway.wal);
    CHECK(reader.stats().nodes == 1);
    CHECK(header_says_wal(empty.path()));
  }
}

TEST_CASE("a cache file: written whole or not at all, tied to its version and stamp") {
  testing::TempDir dir;
  Store store = Store::create(dir.file("c.db"), Schema::builtin());
  const std::string version = store.data_version();
  const std::string path = store.cache_file_path("test");
  CHECK(path == dir.file("c.db") + "-test");
  auto write_bytes = [&](const std::string& bytes, bool fail) {
    store.write_cache_file("test", version, [&](const Store::Append& append) {
      append(bytes.data(), bytes.size() / 2);
      if (fail) throw Error(ErrorCode::kInternal, "writer failed");
      append(bytes.data() + bytes.size() / 2, bytes.size() - bytes.size() / 2);
      return "stamp-" + bytes;
    });
  };
  auto read_back = [&](const std::optional<Store::CacheFile>& file) {
    REQUIRE(file.has_value());
    return std::string(reinterpret_cast<const char*>(file->bytes.data()), file->bytes.size());
  };

  // A writer that fails leaves no file (not even its temporary one) and no row.
  CHECK_THROWS_WITH_AS(write_bytes("abcdef", true), "writer failed", Error);
  CHECK_FALSE(store.map_cache_file("test", version).has_value());
  for (const auto& entry : std::filesystem::directory_iterator(dir.file(""))) {
    CHECK(entry.path().filename().string().find("-test") == std::string::npos);
  }

  // A temporary file left by a writer that died an hour ago or more is removed by the next
  // writer; one of a live process, or written recently, is not.
  const std::string abandoned = path + ".tmp-999999999-0", live = path + ".tmp-1-0";
  const std::string recent = path + ".tmp-999999998-0";
  std::ofstream(abandoned) << "half";
  std::ofstream(live) << "half";
  std::ofstream(recent) << "half";
  for (const std::string& old : {abandoned, live}) {
    std::filesystem::last_write_time(
        old, std::filesystem::file_time_type::clock::now() - std::chrono::hours(2));
  }
  write_bytes("abcdef", false);
  CHECK_FALSE(std::filesystem::exists(abandoned));
  CHECK(std::filesystem::exists(live));
  CHECK(std::filesystem::exists(recent));  // its writer may be alive where kill cannot see it
  std::filesystem::remove(live);
  std::filesystem::remove(recent);
  // The file is readable by whom the database is: its mode is the database's.
  std::filesystem::permissions(
      dir.file("c.db"), std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::optional<Store::CacheFile> first = store.map_cache_file("test", version);
  CHECK(read_back(first) == "abcdef");
  CHECK(first->stamp == "stamp-abcdef");
  CHECK_FALSE(store.map_cache_file("test", version + "x").has_value());
  CHECK_FALSE(store.map_cache_file("other", version).has_value());

  // A new file replaces the old one by name; a process that has the old one mapped keeps
  // reading the old bytes.
  write_bytes("0123456789", false);
  CHECK(std::filesystem::status(path).permissions() ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  CHECK(read_back(store.map_cache_file("test", version)) == "0123456789");
  CHECK(read_back(first) == "abcdef");

  // Pieces of any size, larger than the writer's buffer too, arrive whole and in order.
  std::string large(20u << 20, '\0');
  for (std::size_t i = 0; i < large.size(); ++i) large[i] = static_cast<char>(i * 7 + i / 4096);
  store.write_cache_file("test", version, [&](const Store::Append& append) {
    append(large.data(), 3);
    append(large.data() + 3, (9u << 20) - 3);
    append(large.data() + (9u << 20), large.size() - (9u << 20));
    return std::string("large");
  });
  CHECK(read_back(store.map_cache_file("test", version)) == large);

  // A file that is gone, or empty, is no cache; nor is any file of an in-memory database.
  std::filesystem::resize_file(path, 0);
  CHECK_FALSE(store.map_cache_file("test", version).has_value());
  std::filesystem::remove(path);
  CHECK_FALSE(store.map_cache_file("test", version).has_value());
  Store memory = Store::create(":memory:", Schema::builtin());
  CHECK_FALSE(memory.map_cache_file("test", memory.data_version()).has_value());
  CHECK_THROWS_AS(memory.write_cache_file("test", memory.data_version(),
                                          [](const Store::Append&) { return std::string(); }),
                  Error);
}

namespace {

// Everything a store holds, in export order, as one comparable text.
std::string dump(const Store& store) {
  std::string out;
  store.for_each_node([&](const Node& n) {
    out += n.id + "|" + n.type + "|" + n.name + "|" + n.props + "|";
    for (const std::string& a : n.aliases) out += a + ",";
    out += n.text.value_or("") + "\n";
  });
  store.for_each_edge([&](const Edge& e) {
    out += e.type + "|" + e.from + "|" + e.to + "|" + e.date + "|" + e.props + "|";
    for (const Citation& c : e.sources) out += c.doc + ":" + c.quote + ",";
    out += "\n";
  });
  return out;
}

}  // namespace

TEST_CASE("merge moves edges, joins equal ones, drops the self-loop; unmerge restores all") {
  Store store = Store::create(":memory:", Schema::builtin());
  store.write({person("p:fidan", "Hakan Fidan", {"Fidan"}, R"({"title":"minister"})"),
               person("p:hf", "H. Fidan", {}, R"({"title":"FM","born":"1968"})"), event("e:talks"),
               document("d:1", kText), document("d:2", kText)},
              {chaired({{"d:1", "Hakan Fidan chaired the talks"}}),
               Edge{"chaired",
                    "p:hf",
                    "e:talks",
                    "2025-05-16",
                    "{}",
                    {{"d:2", "Hakan Fidan chaired the talks"}}},
               Edge{"pressured", "p:fidan", "p:hf", "", "{}", {{"d:1", "Hakan Fidan"}}}});
  const std::string before = dump(store);

  const MergeReport dry = store.merge("p:fidan", "p:hf", "", "2025-01-01T00:00:00Z", true);
  CHECK(dry.edges_joined == 1);
  CHECK(dry.edges_removed.size() == 1);
  CHECK(dump(store) == before);
  CHECK(store.judgements().empty());

  const MergeReport r = store.merge("p:fidan", "p:hf", "same", "2025-01-01T00:00:00Z", false);
  CHECK(r.judgement == 1);
  CHECK(r.citations_added == 1);
  CHECK(r.aliases_added == std::vector<std::string>{"H. Fidan"});
  CHECK(r.props_added == std::vector<std::string>{"born"});
  REQUIRE(r.prop_conflicts.size() == 1);
  CHECK(!store.find_node("p:hf"));
  CHECK(store.merged_into("p:hf") == std::optional<std::string>("p:fidan"));
  CHECK(store.merged_ids("p:fidan") == std::vector<std::string>{"p:hf"});
  const std::vector<Edge> edges = store.edges_touching("p:fidan");
  REQUIRE(edges.size() == 1);  // the two chaired edges are one; the self-loop is gone
  CHECK(edges[0].sources.size() == 2);
  CHECK(store.find_by_name("H. Fidan").size() == 1);

  CHECK_THROWS_WITH_AS(store.merge("p:fidan", "p:hf", "", "t", false),
                       doctest::Contains("merged into 'p:fidan'"), Error);
  CHECK_THROWS_AS(store.merge("p:fidan", "e:talks", "", "t", false), Error);

  const Judgement undone = store.unmerge("p:hf", "2025-01-02T00:00:00Z");
  CHECK(undone.undone_at == "2025-01-02T00:00:00Z");
  CHECK(dump(store) == before);
  CHECK(store.judgements().empty());
  CHECK(store.judgements(true).size() == 1);
  CHECK(!store.merged_into("p:hf"));
  CHECK_THROWS_AS(store.unmerge("p:hf", "t"), Error);
}
