#include "ergraph/text.hpp"

#include <doctest/doctest.h>

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
