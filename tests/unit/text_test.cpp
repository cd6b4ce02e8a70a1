#include "ergraph/text.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace ergraph;

TEST_CASE("name_key ignores case, accents, punctuation and spacing") {
  struct Row {
    const char* a;
    const char* b;
  };
  const Row same[] = {
      {"Türkiye", "turkiye"},
      {"TURKIYE", "Türkiye"},
      {"Hakan  Fidan", "hakan-fidan"},
      {"Zelenskyy's", "zelenskyys"},
      {"Dolmabahçe", "Dolmabahce"},
      {"İstanbul", "istanbul"},
      {"Łódź", "lodz"},
      {"U.S.", "US"},
      {"Ｚｅｌｅｎｓｋｙ", "zelensky"},  // full-width letters fold too
      {"Зеленский", "ЗЕЛЕНСКИЙ"},
  };
  for (const Row& row : same) {
    CAPTURE(row.a);
    CHECK(name_key(row.a) == name_key(row.b));
  }
  CHECK(name_key("Zelensky") != name_key("Zelenskyy"));
  CHECK(name_key("Putin") == "putin");
  CHECK(name_key("  ") == "");
}

TEST_CASE("normalize_for_quote folds quotes, dashes and spaces, keeps case") {
  CHECK(normalize_for_quote("“1 000 for 1 000”") == "\"1 000 for 1 000\"");
  CHECK(normalize_for_quote("leadersʼ meeting") == "leaders' meeting");
  CHECK(normalize_for_quote("Putin’s aide") == "Putin's aide");
  CHECK(normalize_for_quote("guarantees — in  a\n more\tveiled form") ==
        "guarantees - in a more veiled form");
  CHECK(normalize_for_quote("1\u00A0000\u202Ffor") == "1 000 for");
  CHECK(normalize_for_quote("  Kyiv  ") == "Kyiv");
  CHECK(normalize_for_quote("Kyiv") != normalize_for_quote("kyiv"));
}

TEST_CASE("find_invalid_utf8 finds the first bad byte") {
  CHECK_FALSE(find_invalid_utf8("plain").has_value());
  CHECK_FALSE(find_invalid_utf8("Türkiye — Київ 🇺🇦").has_value());
  CHECK(find_invalid_utf8("ab\xFF").value() == 2);
  CHECK(find_invalid_utf8("\xC0\xAF").value() == 0);           // overlong '/'
  CHECK(find_invalid_utf8("x\xED\xA0\x80").value() == 1);      // surrogate
  CHECK(find_invalid_utf8("x\xF4\x90\x80\x80").value() == 1);  // above U+10FFFF
  CHECK(find_invalid_utf8("\xE2\x82").value() == 0);           // truncated
}

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

TEST_CASE("is_valid_date accepts real dates in three precisions") {
  for (const char* good : {"2025", "2025-05", "2025-05-16", "2024-02-29", "2000-02-29"}) {
    CAPTURE(good);
    CHECK(is_valid_date(good));
  }
  for (const char* bad : {"", "25", "2025-5", "2025-13", "2025-00", "2025-02-29", "1900-02-29",
                          "2025-04-31", "2025-05-16T10:00", "2025/05/16", "May 2025"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_valid_date(bad));
  }
}

TEST_CASE("escape_xml escapes markup and drops what XML cannot hold") {
  CHECK(escape_xml("<b>\"Tom\" & 'Jerry'</b>") ==
        "&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;");
  CHECK(escape_xml("tab\there\nnew") == "tab\there\nnew");
  CHECK(escape_xml("bell\x07") == "bell\xEF\xBF\xBD");
  CHECK(escape_xml("Київ 🇺🇦") == "Київ 🇺🇦");
}

TEST_CASE("count_code_points counts code points, not bytes") {
  struct Row {
    const char* text;
    std::size_t code_points;
  };
  const Row rows[] = {
      {"", 0},         {"plain", 5}, {"Türkiye", 7},  // 2-byte ü
      {"Київ", 4},                                    // Cyrillic, 2 bytes each
      {"— €", 3},                                     // 3-byte sequences
      {"🇺🇦", 2},                                      // two 4-byte regional indicators
      {"e\u0301", 2},                                 // a combining mark is a code point of its own
      {"\x80\x80", 0},                                // stray continuation bytes count for nothing
      {"ab\xFF", 3},                                  // an invalid lead byte counts as one
      {"\xE2\x82", 1},                                // a truncated sequence counts as one
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(count_code_points(row.text) == row.code_points);
  }
}

TEST_CASE("cut_to_code_points keeps whole sequences") {
  struct Row {
    const char* text;
    std::size_t max;
    const char* expected;
  };
  const Row rows[] = {
      {"", 3, ""},           {"plain", 0, ""},     {"plain", 3, "pla"}, {"plain", 5, "plain"},
      {"plain", 9, "plain"}, {"Türkiye", 2, "Tü"}, {"Київ", 3, "Киї"},  {"a—b", 2, "a—"},
      {"🇺🇦🇹🇷", 1, "🇺"},      {"\x80x", 0, "\x80"},  // a stray continuation byte is not a code
                                                    // point: kept in the prefix
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CAPTURE(row.max);
    CHECK(cut_to_code_points(row.text, row.max) == row.expected);
    CHECK(count_code_points(cut_to_code_points(row.text, row.max)) <= row.max);
  }
}

TEST_CASE("cut_to_bytes never splits a sequence") {
  struct Row {
    const char* text;
    std::size_t max_bytes;
    const char* expected;
  };
  const Row rows[] = {
      {"", 0, ""},
      {"plain", 0, ""},
      {"plain", 3, "pla"},
      {"plain", 5, "plain"},
      {"plain", 100, "plain"},
      {"Tü", 2, "T"},  // ü is 2 bytes: it does not fit after T
      {"Tü", 3, "Tü"},
      {"a—", 2, "a"},  // — is 3 bytes
      {"a—", 3, "a"},
      {"a—", 4, "a—"},
      {"🇺🇦", 7, "🇺"},  // 4-byte sequences
      {"🇺🇦", 3, ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CAPTURE(row.max_bytes);
    CHECK(cut_to_bytes(row.text, row.max_bytes) == row.expected);
    CHECK_FALSE(find_invalid_utf8(cut_to_bytes(row.text, row.max_bytes)).has_value());
  }
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

TEST_CASE("word_spans splits words, keeps initialisms, numbers and hyphens, splits possessives") {
  const std::string text = "U.S. President’s follow-up: 1,000 for Russia's “talks” (O'Brien).";
  std::vector<std::string> words;
  for (const WordSpan& w : word_spans(text)) {
    words.push_back(text.substr(w.begin, w.end - w.begin) + (w.word ? "" : "#"));
  }
  const std::vector<std::string> expected = {
      "U.S.", "President", "’s",    "follow-up", ":#", "1,000",   "for", "Russia",
      "'s",   "“#",        "talks", "”#",        "(#", "O'Brien", ")#",  ".#"};
  CHECK(words == expected);
  CHECK(word_form("’s") == "'s");
  CHECK(word_form("“Talks”—Now") == "\"talks\"-now");
  CHECK(starts_with_capital("Östersund"));
  CHECK_FALSE(starts_with_capital("östersund"));
  CHECK(word_spans("").empty());
}

TEST_CASE("sentence_spans follows ICU's rules and ends a sentence at a line break") {
  const std::string text = "He came. She left!\nA headline\nLast one";
  std::vector<std::string> sentences;
  for (const auto& [b, e] : sentence_spans(text)) sentences.push_back(text.substr(b, e - b));
  const std::vector<std::string> expected = {"He came. ", "She left!\n", "A headline\n",
                                             "Last one"};
  CHECK(sentences == expected);
  CHECK(sentence_spans("").empty());
}
