#include "ergraph/spelling.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "ergraph/text.hpp"

using namespace ergraph;

TEST_CASE("edit distance and suggestions") {
  CHECK(edit_distance("Person", "Persn") == 1);
  CHECK(edit_distance("Türkiye", "Turkiye") == 1);
  CHECK(edit_distance("", "abc") == 3);
  const std::vector<std::string> types = {"Person", "Country", "Organization", "Place"};
  CHECK(did_you_mean("Persn", types) == " (did you mean 'Person'?)");
  CHECK(did_you_mean("organisation", types) == " (did you mean 'Organization'?)");
  CHECK(did_you_mean("Zebra", types) == "");
  CHECK(closest_matches("Plase", types).front() == "Place");
}

TEST_CASE("a spelling index answers as closest_matches over its list and the extra ones") {
  std::vector<std::string> ids;
  for (int i = 0; i < 400; ++i) ids.push_back("person:" + std::to_string(i * 7));
  for (const char* id : {"org:un", "org:nato", "place:istanbul", "place:İzmir", "country:türkiye",
                         "person:hakan-fidan", "person:hakan-fidan", "p", ""}) {
    ids.push_back(id);
  }
  const std::vector<std::string> extra = {"person:13", "country:turkey", "org:un"};
  const SpellingIndex index(ids);
  std::vector<std::string> all = ids;
  all.insert(all.end(), extra.begin(), extra.end());
  // The plain definition: every candidate's distance, those within a third of the word, the
  // closest first, ties in list order, each candidate once.
  auto code_points = [](const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  };
  auto reference = [&](const std::string& word, std::size_t limit) {
    const std::string key = name_key(word);
    const std::size_t max_distance = std::max<std::size_t>(1, (code_points(key) + 2) / 3);
    std::vector<std::pair<std::size_t, std::size_t>> scored;
    for (std::size_t i = 0; i < all.size(); ++i) {
      const std::size_t d = edit_distance(key, name_key(all[i]));
      if (d <= max_distance) scored.emplace_back(d, i);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& l, const auto& r) { return l.first < r.first; });
    std::vector<std::string> out;
    for (const auto& [d, i] : scored) {
      if (out.size() == limit) break;
      if (std::find(out.begin(), out.end(), all[i]) == out.end()) out.push_back(all[i]);
    }
    return out;
  };
  for (const char* word :
       {"person:14", "person:1", "persn:70", "person:hakan-fidn", "org:nat", "place:izmir",
        "country:turkiye", "country:turky", "q", "", "something:else-entirely", "person:2793"}) {
    CAPTURE(word);
    for (const std::size_t limit : {1u, 2u, 5u}) {
      CHECK(index.closest(word, limit, extra) == reference(word, limit));
      CHECK(closest_matches(word, all, limit) == reference(word, limit));
    }
  }
  CHECK(index.did_you_mean("country:turky", extra) ==
        " (did you mean 'country:turkey' or 'country:türkiye'?)");
}

TEST_CASE("unknown_name names the kind and suggests close names") {
  struct Row {
    const char* kind;
    const char* name;
    const char* expected;
  };
  const std::vector<std::string> known = {"member_of", "represents", "led", "met_with"};
  const Row rows[] = {
      {"edge type", "membr_of", "unknown edge type 'membr_of' (did you mean 'member_of'?)"},
      {"edge type", "zzzzzz", "unknown edge type 'zzzzzz'"},
      {"node type", "Led", "unknown node type 'Led' (did you mean 'led'?)"},
      {"edge type", "", "unknown edge type ''"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    CHECK(unknown_name(row.kind, row.name, known) == row.expected);
  }
  // Exactly the text callers built by hand before: the prefix, then did_you_mean's suffix.
  const std::vector<std::string> close = {"meets", "met_with"};
  CHECK(unknown_name("edge type", "met", close) ==
        "unknown edge type 'met'" + did_you_mean("met", close));
}
