// Likely duplicates (xref.hpp): spelling skeletons, the blocking and scoring rules, shared
// neighbours and distinct judgements, on a small made-up store.
#include "ergraph/xref.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ergraph/text.hpp"

using namespace ergraph;

namespace {

constexpr const char* kSchema = R"(schema: t
node_types:
  Person: {}
  Topic: {}
edge_types:
  led: {from: [Person], to: [Topic]}
)";

Node person(const std::string& id, const std::string& name, std::vector<std::string> aliases = {}) {
  return Node{id, "Person", name, std::move(aliases), "{}", std::nullopt};
}

std::string pairs_of(const XrefAnswer& answer) {
  std::string out;
  for (const XrefPair& p : answer.pairs) {
    char score[8];
    std::snprintf(score, sizeof score, "%.2f", p.score);
    out += p.a.id + "+" + p.b.id + "=" + score + " ";
  }
  return out;
}

}  // namespace

TEST_CASE("spelling skeletons join transliteration variants and nothing more") {
  CHECK(spelling_skeleton("zelensky") == spelling_skeleton("zelenskyy"));
  CHECK(spelling_skeleton("tykhyi") == spelling_skeleton("tykhy"));
  CHECK(spelling_skeleton("kyslytsya") == spelling_skeleton("kyslytsia"));
  CHECK(spelling_skeleton("wladimir") == "vladimir");
  CHECK(spelling_skeleton("smith") != spelling_skeleton("smart"));
  CHECK(spelling_skeleton("10") != spelling_skeleton("100"));
  // Cyrillic through ICU's transliterators, then the skeleton.
  const std::vector<std::string> words = ascii_words("Володимир Зеленський");
  REQUIRE(words.size() == 2);
  CHECK(spelling_skeleton(words[1]) == spelling_skeleton("zelensky"));
  CHECK(ascii_words("Türkiye's  capital") == std::vector<std::string>{"turkiyes", "capital"});
}

TEST_CASE("xref scores same names, variants, surnames with compatible first names") {
  Store store = Store::create(":memory:", Schema::parse(kSchema, "t.yaml"));
  store.write(
      {person("p:zel", "Zelensky", {"Volodymyr Zelensky"}),
       person("p:vz", "Volodymyr Zelensky"),    // same name as an alias: 1.0
       person("p:vzz", "Volodymyr Zelenskyy"),  // a variant of both: 0.9
       person("p:v", "V. Zelensky"),            // an initial: 0.75
       person("p:o", "Olena Zelenska"),         // another person: no pair
       person("p:a1", "Andriy Yermak"),
       person("p:a2", "Oleksii Yermak"),  // same surname, other first name: none
       Node{"t:zel", "Topic", "Zelensky", {}, "{}", std::nullopt}},  // another type
      {Edge{"led", "p:a1", "t:zel", "", "{}", {}}, Edge{"led", "p:a2", "t:zel", "", "{}", {}}});
  const GraphSnapshot graph = GraphSnapshot::build(store);
  XrefOptions options;
  const XrefAnswer all = find_duplicates(store, graph, options);
  const std::string found = pairs_of(all);
  CHECK(found.find("p:vz+p:zel=1.00") != std::string::npos);
  CHECK(found.find("p:vz+p:vzz=1.00") == std::string::npos);  // a variant, not the same name
  CHECK(found.find("=0.90") != std::string::npos);
  CHECK(found.find("p:v+") != std::string::npos);
  CHECK(found.find("p:o") == std::string::npos);
  CHECK(found.find("p:a1") == std::string::npos);
  CHECK(found.find("t:zel") == std::string::npos);
  // Best first, and the score floor applies.
  for (std::size_t i = 1; i < all.pairs.size(); ++i) {
    CHECK(all.pairs[i - 1].score >= all.pairs[i].score);
  }
  options.min_score = 0.95;
  for (const XrefPair& p : find_duplicates(store, graph, options).pairs) CHECK(p.score >= 0.95);
  // A block larger than max_block is skipped and counted, never compared pair by pair.
  options.min_score = 0;
  options.max_block = 2;
  CHECK(find_duplicates(store, graph, options).skipped_blocks > 0);
}

TEST_CASE("shared neighbours raise a score; a distinct judgement removes the pair") {
  Store store = Store::create(":memory:", Schema::parse(kSchema, "t.yaml"));
  store.write({person("p:1", "Anna Berg"), person("p:2", "A. Berg"), person("p:3", "Anne Berg"),
               Node{"t:x", "Topic", "X", {}, "{}", std::nullopt}},
              {Edge{"led", "p:1", "t:x", "", "{}", {}}, Edge{"led", "p:2", "t:x", "", "{}", {}}});
  const GraphSnapshot graph = GraphSnapshot::build(store);
  const std::string before = pairs_of(find_duplicates(store, graph, {}));
  CHECK(before.find("p:1+p:2=0.80") != std::string::npos);  // 0.75 + one shared neighbour
  CHECK(before.find("p:1+p:3=0.75") != std::string::npos);  // Anna / Anne: one letter apart
  store.record_distinct("p:2", "p:1", "two people", "2025-01-01T00:00:00Z");
  const std::string after = pairs_of(find_duplicates(store, GraphSnapshot::build(store), {}));
  CHECK(after.find("p:1+p:2") == std::string::npos);
  CHECK(after.find("p:1+p:3") != std::string::npos);
}
