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
