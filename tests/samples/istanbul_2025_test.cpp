// The Istanbul 2025 sample data set: it imports with every quote verified, and it holds the facts
// the five reports state (checked here one by one), with every spelling they use as an alias.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "ergraph/import.hpp"
#include "ergraph/store.hpp"

using namespace ergraph;

namespace {

const std::string kSample = std::string(ERGRAPH_SOURCE_DIR) + "/samples/istanbul-2025/graph.jsonl";

struct Sample {
  Store store = Store::create(":memory:", Schema::builtin());
  std::vector<Edge> edges;

  Sample() {
    import_files(store, {kSample});
    store.for_each_edge([&](const Edge& e) { edges.push_back(e); });
  }

  const Edge* find(const std::string& from, const std::string& type, const std::string& to) const {
    for (const Edge& e : edges) {
      if (e.from == from && e.type == type && e.to == to) return &e;
    }
    return nullptr;
  }

  // The documents that cite the edge from -type-> to.
  std::set<std::string> cited_by(const std::string& from, const std::string& type,
                                 const std::string& to) const {
    std::set<std::string> docs;
    if (const Edge* e = find(from, type, to)) {
      for (const Citation& c : e->sources) docs.insert(c.doc);
    }
    return docs;
  }

  std::string resolve(const std::string& name) const {
    const std::vector<Node> nodes = store.find_by_name(name);
    return nodes.size() == 1 ? nodes[0].id : "<" + std::to_string(nodes.size()) + " matches>";
  }
};

const Sample& sample() {
  static const Sample s;
  return s;
}

const std::string kXinhua = "doc:xinhua-2025-05-17";
const std::string kKyivIndependent = "doc:kyiv-independent-2025-05-16";
const std::string kSafarti = "doc:safarti-tarjuman-2025-05-16";
const std::string kMeetAgain = "doc:2025-05-16-sides-agreed-to-meet-again";
const std::string kBereziuk = "doc:bereziuk-what-delegations-talked-about";
const std::string kTalks = "event:istanbul-talks-2025-05-16";

}  // namespace

TEST_CASE("the sample imports whole: 5+ documents, 50+ nodes, 80+ edges, each edge cited") {
  const StoreStats s = sample().store.stats();
  CHECK(s.documents >= 5);
  CHECK(s.nodes >= 50);
  CHECK(s.edges >= 80);
  for (const Edge& e : sample().edges) {
    CAPTURE(e.from + " -" + e.type + "-> " + e.to);
    CHECK_FALSE(e.sources.empty());
  }
}

TEST_CASE("every report is a Document with its text and what it says of itself") {
  for (const std::string& doc : {kXinhua, kKyivIndependent, kSafarti, kMeetAgain, kBereziuk}) {
    CAPTURE(doc);
    const auto node = sample().store.find_node(doc);
    REQUIRE(node.has_value());
    CHECK(node->type == "Document");
    CHECK(sample().store.document_text(doc).value().size() > 1000);
  }
  CHECK(sample().store.find_node(kXinhua)->props.find("\"published\":\"2025-05-17\"") !=
        std::string::npos);
  // Bereziuk's report gives no date: none is invented.
  CHECK(sample().store.find_node(kBereziuk)->props.find("\"published\"") == std::string::npos);
  CHECK(sample().store.find_node(kBereziuk)->props.find("\"author\":\"Olha Bereziuk\"") !=
        std::string::npos);
}

TEST_CASE("chairs and heads of delegation, with each outlet that says so") {
  CHECK(sample().cited_by("person:hakan-fidan", "chaired", kTalks) ==
        std::set<std::string>{kMeetAgain, kXinhua, kSafarti});
  CHECK(sample().cited_by("person:vladimir-medinsky", "led", "delegation:russia") ==
        std::set<std::string>{kMeetAgain, kKyivIndependent, kSafarti});
  CHECK(sample().cited_by("person:rustem-umerov", "led", "delegation:ukraine") ==
        std::set<std::string>{kKyivIndependent});
  CHECK(sample().find("delegation:russia", "represents", "country:russia") != nullptr);
  CHECK(sample().find("delegation:ukraine", "represents", "country:ukraine") != nullptr);
  CHECK(sample().find(kTalks, "held_in", "place:istanbul") != nullptr);
}

TEST_CASE("the demands, the refusals and the agreed exchange") {
  CHECK(sample().find("country:russia", "demanded", "topic:withdrawal-from-four-regions"));
  CHECK(sample().find("delegation:russia", "demanded", "topic:withdrawal-from-four-regions"));
  CHECK(sample().find("country:ukraine", "demanded", "topic:30-day-ceasefire"));
  CHECK(sample().find("country:russia", "rejected", "topic:30-day-ceasefire"));
  CHECK(sample().find("person:vladimir-medinsky", "threatened", "place:kharkiv-region"));
  CHECK(sample().find("person:vladimir-medinsky", "threatened", "place:sumy-region"));
  for (const char* side : {"country:russia", "country:ukraine"}) {
    CAPTURE(side);
    CHECK(sample().cited_by(side, "agreed", "topic:prisoner-exchange-1000-for-1000").size() >= 3);
    CHECK(sample().find(side, "agreed", "topic:follow-up-meeting"));
  }
}

TEST_CASE("the reporting chain behind The Economist's sources") {
  // report -> the correspondent -> his unnamed sources -> Medinsky's threats, each hop cited.
  CHECK(sample().cited_by(kMeetAgain, "reported", "person:oliver-carroll") ==
        std::set<std::string>{kMeetAgain});
  CHECK(sample().find("person:oliver-carroll", "works_for", "org:the-economist"));
  CHECK(sample().find("person:oliver-carroll", "reported", "org:well-informed-sources"));
  CHECK(sample().find("org:well-informed-sources", "reported", "person:vladimir-medinsky"));
  const Edge* threat = sample().find("person:vladimir-medinsky", "threatened", "topic:war-forever");
  REQUIRE(threat != nullptr);
  CHECK(threat->sources[0].quote.find("citing “well-informed sources”") != std::string::npos);
}

TEST_CASE("where the reports disagree on the meeting's length, each version is kept") {
  std::set<std::string> durations;
  for (const Edge& e : sample().edges) {
    if (e.type == "reported" && e.to == kTalks && e.props.find("duration") != std::string::npos) {
      durations.insert(e.props);
    }
  }
  CHECK(durations == std::set<std::string>{R"({"duration":"a little over an hour"})",
                                           R"({"duration":"less than two hours"})",
                                           R"({"duration":"nearly two hours"})",
                                           R"({"duration":"two hours"})"});
}

TEST_CASE("every spelling the reports use resolves to its node") {
  struct Alias {
    const char* spelling;
    const char* id;
  };
  const Alias aliases[] = {
      {"Turkey", "country:turkey"},
      {"Türkiye", "country:turkey"},
      {"turkiye", "country:turkey"},
      {"Zelensky", "person:zelensky"},
      {"Zelenskyy", "person:zelensky"},
      {"Tykhyi", "person:heorhii-tykhyi"},
      {"Tykhy", "person:heorhii-tykhyi"},
      {"Heorhii Tykhyi", "person:heorhii-tykhyi"},
      {"Medinsky", "person:vladimir-medinsky"},
      {"Vladimir Medinsky", "person:vladimir-medinsky"},
      {"Ukraine's", "country:ukraine"},
      {"Ukrainian", "country:ukraine"},
      {"Ukraine", "country:ukraine"},
      {"Hakan Fidan", "person:hakan-fidan"},
      {"Dolmabahçe Palace", "place:dolmabahce-palace"},
      {"Moscow", "country:russia"},
  };
  for (const Alias& a : aliases) {
    CAPTURE(a.spelling);
    CHECK(sample().resolve(a.spelling) == a.id);
  }
}
