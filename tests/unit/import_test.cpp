#include "ergraph/import.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "ergraph/csv.hpp"
#include "ergraph/jsonl.hpp"
#include "ergraph/schema.hpp"
#include "test_util.hpp"

using namespace ergraph;

namespace {

// A small valid data set: a document, two people, an event, cited edges.
std::string base_data() {
  std::ostringstream s;
  s << R"({"kind":"node","id":"doc:1","type":"Document","name":"Report","props":{"published":"2025-05-17"},"text":")"
    << "Turkish Foreign Minister Hakan Fidan, who chaired the negotiation, said: \\u201cWe will "
       "continue to make every effort\\u201d \\u2014 and the sides agreed to a \\u201c1 000 for 1 "
       "000\\u201d exchange."
    << "\"}\n";
  s << R"({"kind":"edge","type":"chaired","from":"person:fidan","to":"event:talks","date":"2025-05-16","sources":[{"doc":"doc:1","quote":"Hakan Fidan, who chaired the negotiation"}]})"
    << "\n";
  s << R"({"kind":"node","id":"person:fidan","type":"Person","name":"Hakan Fidan","aliases":["Fidan"]})"
    << "\n";
  s << R"({"kind":"node","id":"event:talks","type":"Event","name":"Istanbul talks","props":{"date":"2025-05-16"}})"
    << "\n";
  return s.str();
}

std::string import_problems(Store& store, const std::string& path) {
  try {
    import_files(store, {path});
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::string export_jsonl(const Store& store) {
  std::ostringstream out;
  write_jsonl(store, out);
  return out.str();
}

}  // namespace

TEST_CASE("a valid file imports whole, and importing it again changes nothing") {
  testing::TempDir dir;
  Store store = Store::create(":memory:", Schema::builtin());
  const std::string path = dir.write("base.jsonl", base_data());
  const ImportSummary first = import_files(store, {path});
  CHECK(first.written.nodes_added == 3);
  CHECK(first.written.edges_added == 1);
  CHECK(first.written.citations_added == 1);
  const std::string before = export_jsonl(store);
  const ImportSummary again = import_files(store, {path});
  CHECK(again.written.nodes_added == 0);
  CHECK(again.written.nodes_updated == 0);
  CHECK(again.written.edges_added == 0);
  CHECK(again.written.citations_added == 0);
  CHECK(export_jsonl(store) == before);
}

TEST_CASE("quotes match across curly/straight quotes, dashes and spacing, but not otherwise") {
  testing::TempDir dir;
  Store store = Store::create(":memory:", Schema::builtin());
  import_files(store, {dir.write("base.jsonl", base_data())});
  const std::string edge_prefix =
      R"({"kind":"edge","type":"agreed","from":"person:fidan","to":"topic:x","sources":[{"doc":"doc:1","quote":)";
  const std::string topic = R"({"kind":"node","id":"topic:x","type":"Topic","name":"Exchange"})";
  CHECK(import_problems(
            store, dir.write("ok.jsonl", topic + "\n" + edge_prefix +
                                             R"("agreed to a \"1 000  for 1 000\" exchange"}]})"
                                             "\n")) == "");
  CHECK(import_problems(
            store, dir.write("ok2.jsonl", edge_prefix + R"("every effort\" - and the sides"}]})"
                                                        "\n")) == "");
  const std::string got = import_problems(
      store, dir.write("bad.jsonl", edge_prefix + R"("agreed to a 1,000-for-1,000 exchange"}]})"
                                                  "\n"));
  CHECK(got.find("bad.jsonl:1: quote not found in the text of 'doc:1'") != std::string::npos);
}

TEST_CASE("quotes are checked against their own document, whatever order the citations come in") {
  // Edges citing four documents in turn (one stored, two in the input — one of them defined
  // after the edges —, one without text), one edge citing two of them; bad quotes on known
  // lines, each to be reported at its own line and against its own document.
  testing::TempDir dir;
  Store store = Store::create(":memory:", Schema::builtin());
  import_files(store, {dir.write("base.jsonl", base_data())});
  const std::string before = export_jsonl(store);
  auto doc = [](const std::string& id, const std::string& text) {
    return R"({"kind":"node","id":")" + id + R"(","type":"Document","name":")" + id + "\"" +
           (text.empty() ? "" : R"(,"text":")" + text + "\"") + "}\n";
  };
  auto edge = [](int day, const std::string& sources) {
    return R"({"kind":"edge","type":"chaired","from":"person:fidan","to":"event:talks","date":"2025-05-)" +
           std::string(day < 10 ? "0" : "") + std::to_string(day) + R"(","sources":[)" + sources +
           "]}\n";
  };
  auto source = [](const std::string& id, const std::string& quote) {
    return R"({"doc":")" + id + R"(","quote":")" + quote + "\"}";
  };
  const std::string quotes[] = {"alpha beta", "gamma delta", "epsilon zeta"};
  const std::string texts[] = {"", "alpha beta gamma", "delta epsilon zeta gamma delta"};
  std::string good = doc("doc:a", texts[1]) + doc("doc:empty", "");
  std::string bad = good;
  std::map<int, std::string> expected;  // line -> problem
  int line = 2;
  for (int day = 1; day <= 27; ++day) {
    const int pick = day % 3;
    // doc:1 (stored) holds "Hakan Fidan"; doc:a holds quotes[0]; doc:b quotes[1] and [2].
    const std::string id = pick == 0 ? "doc:1" : pick == 1 ? "doc:a" : "doc:b";
    const std::string fits = pick == 0   ? "Hakan Fidan"
                             : pick == 1 ? quotes[0]
                                         : quotes[day % 2 + 1];
    const std::string other = pick == 1 ? quotes[2] : quotes[0];  // in neither doc:1 nor doc:a
    good += edge(day, source(id, fits));
    ++line;
    if (day % 4 == 0 && pick != 2) {
      bad += edge(day, source(id, other));
      expected[line] = "quote not found in the text of '" + id + "'";
    } else if (day == 7) {
      bad += edge(day, source(id, fits) + "," + source("doc:empty", "x"));
      expected[line] = "cited doc 'doc:empty' has no text to check the quote against";
    } else {
      bad += edge(day, source(id, fits));
    }
  }
  good += doc("doc:b", texts[2]);
  bad += doc("doc:b", texts[2]);

  const std::string got = import_problems(store, dir.write("bad.jsonl", bad));
  for (const auto& [at, problem] : expected) {
    CAPTURE(at);
    CHECK_MESSAGE(got.find("bad.jsonl:" + std::to_string(at) + ": " + problem) != std::string::npos,
                  got);
  }
  std::size_t reported = 0;
  for (std::size_t at = got.find(".jsonl:"); at != std::string::npos;
       at = got.find(".jsonl:", at + 1)) {
    ++reported;
  }
  CHECK(reported == expected.size());
  CHECK(export_jsonl(store) == before);

  const ImportSummary summary = import_files(store, {dir.write("good.jsonl", good)});
  CHECK(summary.written.edges_added == 26);      // base_data has the one of 2025-05-16
  CHECK(summary.written.citations_added == 27);  // a new quote on the stored edge too
}

TEST_CASE("a quote citing a merged-away document is checked against the node it was merged into") {
  testing::TempDir dir;
  Store store = Store::create(":memory:", Schema::builtin());
  import_files(
      store,
      {dir.write(
          "base.jsonl",
          base_data() +
              R"({"kind":"node","id":"doc:2","type":"Document","name":"Copy","text":"Fidan spoke of a ceasefire."})"
              "\n")});
  store.merge("doc:1", "doc:2", "the same report", "2025-06-01T00:00:00Z", false);
  auto edge = [](const std::string& date, const std::string& doc, const std::string& quote) {
    return R"({"kind":"edge","type":"chaired","from":"person:fidan","to":"event:talks","date":")" +
           date + R"(","sources":[{"doc":")" + doc + R"(","quote":")" + quote + "\"}]}\n";
  };
  // doc:2 (stored merge) and doc:3 (this input's merge) both read as doc:1.
  const std::string judgement =
      R"({"kind":"judgement","judgement":"merge","keep":"doc:1","drop":"doc:3","at":"2025-06-02T00:00:00Z"})"
      "\n";
  const std::string good = edge("2025-05-20", "doc:2", "who chaired the negotiation") +
                           edge("2025-05-21", "doc:3", "every effort") + judgement;
  const ImportSummary summary = import_files(store, {dir.write("good.jsonl", good)});
  CHECK(summary.written.edges_added == 2);
  CHECK(summary.written.citations_added == 2);

  const std::string bad = edge("2025-05-22", "doc:2", "Fidan spoke of a ceasefire") +
                          edge("2025-05-23", "doc:3", "every effort") +
                          edge("2025-05-24", "doc:3", "a ceasefire") + judgement;
  const std::string got = import_problems(store, dir.write("bad.jsonl", bad));
  CHECK_MESSAGE(
      got.find("bad.jsonl:1: quote not found in the text of 'doc:1'") != std::string::npos, got);
  CHECK_MESSAGE(
      got.find("bad.jsonl:3: quote not found in the text of 'doc:1'") != std::string::npos, got);
  CHECK(got.find("bad.jsonl:2:") == std::string::npos);
}

TEST_CASE("validation problems against schema and database, each with file:line") {
  testing::TempDir dir;
  Store store = Store::create(":memory:", Schema::builtin());
  import_files(store, {dir.write("base.jsonl", base_data())});
  const std::string before = export_jsonl(store);
  struct Case {
    std::string line;
    std::string expected;
  };
  const Case cases[] = {
      {R"({"kind":"node","id":"p:2","type":"Persn","name":"X"})",
       "unknown node type 'Persn' (did you mean 'Person'?)"},
      {R"({"kind":"edge","type":"chaird","from":"person:fidan","to":"event:talks"})",
       "unknown edge type 'chaird' (did you mean 'chaired'?)"},
      {R"({"kind":"edge","type":"chaired","from":"person:fidna","to":"event:talks"})",
       "edge from 'person:fidna' is not a node in this import or the database"},
      {R"({"kind":"edge","type":"led","from":"event:talks","to":"person:fidan"})",
       "edge type 'led' cannot join Event → Person (led: Person → Delegation, Organization, "
       "Country)"},
      {R"({"kind":"node","id":"person:fidan","type":"Country","name":"Fidan"})",
       "node id 'person:fidan' is reused with type Country; the database has it as a Person"},
      {R"({"kind":"node","id":"p:2","type":"Person","name":"X","props":{"title":1}})",
       "property 'title' of node type Person must be a string, not 1"},
      {R"({"kind":"node","id":"p:2","type":"Person","name":"X","props":{"born":"1970"}})",
       "property 'born' is not declared for node type Person"},
      {R"({"kind":"node","id":"e:2","type":"Event","name":"X","props":{"date":"May"}})",
       "property 'date' of node type Event must be a date"},
      {R"({"kind":"edge","type":"chaired","from":"person:fidan","to":"event:talks","sources":[{"doc":"person:fidan","quote":"x"}]})",
       "cited doc 'person:fidan' is a Person, not a Document"},
      {R"({"kind":"edge","type":"chaired","from":"person:fidan","to":"event:talks","sources":[{"doc":"doc:2","quote":"x"}]})",
       "cited doc 'doc:2' is not a node in this import or the database"},
      {R"({"kind":"node","id":"p:3","type":"Person","name":"X","text":"hello"})",
       "only Document nodes carry text"},
      {R"({"kind":"node","id":"doc:1","type":"Document","name":"Report","text":"rewritten"})",
       "the new text of 'doc:1' no longer holds 1 quote(s) the database cites from it"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    const std::string got = import_problems(store, dir.write("bad.jsonl", c.line + "\n"));
    CHECK_MESSAGE(got.find("/bad.jsonl:1: " + c.expected) != std::string::npos, got);
    CHECK(export_jsonl(store) == before);
  }
}

TEST_CASE("within one input: reused ids, conflicting duplicates and merged edges") {
  testing::TempDir dir;
  Store store = Store::create(":memory:", Schema::builtin());
  SUBCASE("an id reused with another type names both places") {
    const std::string got = import_problems(
        store, dir.write("a.jsonl",
                         "{\"kind\":\"node\",\"id\":\"x\",\"type\":\"Person\",\"name\":\"X\"}\n"
                         "{\"kind\":\"node\",\"id\":\"x\",\"type\":\"Place\",\"name\":\"X\"}\n"));
    CHECK(got.find("a.jsonl:2: node id 'x' is reused with type Place; it is a Person at ") !=
          std::string::npos);
    CHECK(got.find("a.jsonl:1") != std::string::npos);
  }
  SUBCASE("an identical repeated node is fine, a different one is not") {
    const std::string node = R"({"kind":"node","id":"x","type":"Person","name":"X"})";
    CHECK(import_problems(store, dir.write("a.jsonl", node + "\n" + node + "\n")) == "");
    const std::string got = import_problems(
        store,
        dir.write("b.jsonl",
                  node + "\n" + R"({"kind":"node","id":"x","type":"Person","name":"Y"})" + "\n"));
    CHECK(got.find("b.jsonl:2: node 'x' is defined again with other content") != std::string::npos);
  }
  SUBCASE("the same edge twice is one edge with both citations") {
    const std::string data =
        base_data() +
        R"({"kind":"edge","type":"chaired","from":"person:fidan","to":"event:talks","date":"2025-05-16","sources":[{"doc":"doc:1","quote":"Turkish Foreign Minister"}]})" +
        "\n";
    const ImportSummary s = import_files(store, {dir.write("c.jsonl", data)});
    CHECK(s.written.edges_added == 1);
    CHECK(s.written.citations_added == 2);
  }
  SUBCASE("dates of other precision, or none, are other edges; the same date is the same edge") {
    // Props that differ by date: taking two dates for one edge's would be a props conflict.
    std::string data = base_data() +
                       R"({"kind":"node","id":"delegation:tr","type":"Delegation","name":"TR"})" +
                       "\n";
    for (const char* date : {"2025", "2025-05", "", "2025-05-16", "2025-05", "2025-06", "2026"}) {
      const std::string dated = *date ? std::string(R"("date":")") + date + "\"," : "";
      data += R"({"kind":"edge","type":"member_of","from":"person:fidan","to":"delegation:tr",)" +
              dated + R"("props":{"role":"as of )" + date +
              R"("},"sources":[{"doc":"doc:1","quote":"Turkish Foreign Minister"}]})" + "\n";
    }
    const ImportSummary s = import_files(store, {dir.write("d.jsonl", data)});
    CHECK(s.written.edges_added == 7);  // the chaired edge, and 2025-05 twice
    CHECK(s.written.citations_added == 7);
  }
}

TEST_CASE("a new node named like another new node of its type is a warning naming both places") {
  testing::TempDir dir;
  Store store = Store::create(":memory:", Schema::builtin());
  // person:b's alias folds to person:a's name; person:c's own name and alias fold alike, which
  // is no warning (a node is not named like itself); place:d shares a name but not the type.
  const std::string path = dir.write(
      "n.jsonl",
      "{\"kind\":\"node\",\"id\":\"person:a\",\"type\":\"Person\",\"name\":\"Anna Berg\"}\n"
      "{\"kind\":\"node\",\"id\":\"person:c\",\"type\":\"Person\",\"name\":\"Olaf Lind\","
      "\"aliases\":[\"OLAF  LIND\"]}\n"
      "{\"kind\":\"node\",\"id\":\"person:b\",\"type\":\"Person\",\"name\":\"A. Berg\","
      "\"aliases\":[\"anna berg\"]}\n"
      "{\"kind\":\"node\",\"id\":\"place:d\",\"type\":\"Place\",\"name\":\"Anna Berg\"}\n");
  const ImportSummary s = import_files(store, {path});
  REQUIRE(s.notes.size() == 1);
  CHECK(s.notes[0] == path +
                          ":3: warning: new node 'person:b' (Person): \"anna berg\" is the name "
                          "of 'person:a' (Anna Berg) at " +
                          path +
                          ":1; if they are one actor: "
                          "ergraph merge person:a person:b (or ergraph distinct person:a "
                          "person:b if not)");
  CHECK(s.written.nodes_added == 4);
  // The nodes written are the ones read (validation moves them into the write, not copies).
  const std::string exported = export_jsonl(store);
  CHECK(exported.find("\"aliases\":[\"OLAF  LIND\"]") != std::string::npos);
  CHECK(exported.find("\"name\":\"A. Berg\"") != std::string::npos);
}

TEST_CASE("thousands of repeated edges: one edge per (from, type, to, date), every citation kept") {
  testing::TempDir dir;
  Store store = Store::create(":memory:", Schema::builtin());
  std::ostringstream data;
  data << base_data();
  const auto edge = [&](int person, int event, const char* date, const char* quote) {
    data << R"({"kind":"edge","type":"chaired","from":"person:)" << person << R"(","to":"event:)"
         << event << R"(","date":")" << date << R"(","sources":[{"doc":"doc:1","quote":")" << quote
         << "\"}]}\n";
  };
  for (int p = 0; p < 60; ++p) {
    data << R"({"kind":"node","id":"person:)" << p << R"(","type":"Person","name":"P )" << p
         << "\"}\n";
  }
  for (int e = 0; e < 50; ++e) {
    data << R"({"kind":"node","id":"event:)" << e << R"(","type":"Event","name":"E )" << e
         << "\"}\n";
  }
  // Each (person, event) pair: dated the 16th with one quote, later again with another, and once
  // dated the 17th — a different edge.
  for (int p = 0; p < 60; ++p) {
    for (int e = 0; e < 50; ++e) edge(p, e, "2025-05-16", "Hakan Fidan");
  }
  for (int e = 49; e >= 0; --e) {
    for (int p = 59; p >= 0; --p) {
      edge(p, e, "2025-05-16", "chaired the negotiation");
      edge(p, e, "2025-05-17", "Hakan Fidan");
    }
  }
  const ImportSummary s = import_files(store, {dir.write("many.jsonl", data.str())});
  CHECK(s.edges_read == 1 + 3 * 3000);
  CHECK(s.written.edges_added == 1 + 2 * 3000);
  CHECK(s.written.citations_added == 1 + 3 * 3000);
  const std::string exported = export_jsonl(store);
  CHECK(
      exported.find(
          R"("from":"person:59","to":"event:0","date":"2025-05-16","sources":[{"doc":"doc:1","quote":"Hakan Fidan"},{"doc":"doc:1","quote":"chaired the negotiation"}])") !=
      std::string::npos);
}

TEST_CASE("an edge may name nodes from an earlier import") {
  testing::TempDir dir;
  Store store = Store::create(":memory:", Schema::builtin());
  import_files(store, {dir.write("base.jsonl", base_data())});
  const ImportSummary s = import_files(
      store,
      {dir.write(
          "more.jsonl",
          R"({"kind":"edge","type":"attended","from":"person:fidan","to":"event:talks","sources":[{"doc":"doc:1","quote":"Hakan Fidan"}]})"
          "\n")});
  CHECK(s.written.edges_added == 1);
}

TEST_CASE("JSONL and CSV exports round-trip into a fresh database") {
  testing::TempDir dir;
  Store store = Store::create(":memory:", Schema::builtin());
  import_files(store, {dir.write("base.jsonl", base_data())});
  const std::string exported = export_jsonl(store);

  Store copy = Store::create(":memory:", Schema::builtin());
  import_files(copy, {dir.write("export.jsonl", exported)});
  CHECK(export_jsonl(copy) == exported);

  write_csv(store, dir.file("csv"));
  Store from_csv = Store::create(":memory:", Schema::builtin());
  import_files(from_csv, {dir.file("csv/nodes.csv"), dir.file("csv/edges.csv")});
  CHECK(export_jsonl(from_csv) == exported);
}

TEST_CASE("check_props takes the props text readers produce") {
  const std::map<std::string, PropType> declared = {{"date", PropType::kDate},
                                                    {"title", PropType::kString}};
  struct Case {
    const char* props;
    std::vector<std::string> problems;
  };
  const std::vector<Case> cases = {
      {R"({})", {}},
      {R"({"date":"2025-05-16","title":"x"})", {}},
      {R"([1])", {"props must be a JSON object"}},
      {R"({"titel":"x"})",
       {"property 'titel' is not declared for node type T (did you mean 'title'?)"}},
      {R"({"date":"16 May"})",
       {"property 'date' of node type T must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not "
        "\"16 May\""}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.props);
    std::vector<std::string> problems;
    check_props(declared, c.props, "node type T", problems);
    CHECK(problems == c.problems);
  }
}

namespace {

// Lines whose kind only a careful reading tells: "kind" not first, escaped in its key or value,
// given twice (the parser keeps the last), "kind":"edge" inside a string or a nested object; a
// node defined after the edges that name it; a duplicate edge that brings props and a citation.
const std::vector<std::string> kTrickyLines = {
    R"({"id":"doc:1","kind":"node","type":"Document","name":"Report","text":"Alpha met Beta. Alpha chaired the talks. Alpha demanded a ceasefire."})",
    R"({"type":"chaired","from":"person:a","to":"event:t","sources":[{"doc":"doc:1","quote":"Alpha chaired the talks"}],"kind":"edge"})",
    R"({"kind":"ed\u0067e","type":"demanded","from":"person:a","to":"topic:c","sources":[{"doc":"doc:1","quote":"Alpha demanded"}]})",
    R"({"ki\u006ed":"edge","type":"demanded","from":"person:a","to":"topic:c","props":{"detail":"now"},"sources":[{"doc":"doc:1","quote":"a ceasefire"}]})",
    R"({"kind":"node","kind":"edge","type":"pressured","from":"person:a","to":"person:b","sources":[{"doc":"doc:1","quote":"Alpha met Beta"}]})",
    R"({"kind":"edge","kind":"node","id":"topic:c","type":"Topic","name":"Ceasefire"})",
    R"({"kind":"node","id":"person:a","type":"Person","name":"Alpha"})",
    R"(  {"kind" : "node" , "id":"person:b","type":"Person","name":"Beta"})",
    R"({"kind":"node","id":"event:t","type":"Event","name":"The \"kind\":\"edge\", talks"})",
    R"({"kind":"edge","type":"chaired","from":"person:a","to":"event:t","sources":[{"doc":"doc:1","quote":"chaired the talks"}]})",
    R"({"kind":"edge","type":"pressured","from":"person:a","to":"person:b","extracted":{"kind":"node"},"sources":[{"doc":"doc:1","quote":"met Beta"}]})",
    // The parser stops at a NUL outside a string, and skips a byte order mark on any line.
    std::string(
        R"({"kind":"edge","type":"chaired","from":"person:a","to":"event:t","sources":[{"doc":"doc:1","quote":"the talks"}]})") +
        '\0' + R"({"kind":"node","id":"x"})",
    "\xEF\xBB\xBF" +
        std::string(
            R"({"kind":"edge","type":"pressured","from":"person:b","to":"person:a","sources":[{"doc":"doc:1","quote":"Beta"}]})"),
};

// The same lines with problems among them, of both passes' kinds.
std::vector<std::string> bad_lines() {
  std::vector<std::string> lines = kTrickyLines;
  for (
      const char* line : {
          R"({"kind":"edge","type":"chaired","from":"person:zz","to":"event:t","sources":[{"doc":"doc:1","quote":"Alpha chaired"}]})",
          R"({"kind":"edge","type":"demanded","from":"person:a","to":"topic:c","props":{"detail":"later"},"sources":[{"doc":"doc:1","quote":"Alpha demanded"}]})",
          R"({"kind":"edge", "type":)",
          R"({"kind":"ed\u0067e","type":"nope","from":"person:a","to":"person:b"})",
          R"({"kind":"nodee","id":"x"})",
          R"({"kind":"edge","type":"chaired","from":"person:a","to":"event:t","sources":[{"doc":"doc:1","quote":"not in the text"}]})",
          R"([1,2])",
          R"({"ki\u006ed":"edge", "type":"chaired")",
          R"({"kind":"node","id":"person:a","type":"Person","name":"Alpha again"})",
      }) {
    lines.emplace_back(line);
  }
  return lines;
}

// The lines, each followed by a comment line of `padding` bytes (0: none).
std::string joined(const std::vector<std::string>& lines, std::size_t padding) {
  std::string out;
  for (const std::string& line : lines) {
    out += line + "\n";
    if (padding > 0) out += "// " + std::string(padding, 'x') + "\n";
  }
  return out;
}

std::string problems_read_once(const std::string& path) {
  Store store = Store::create(":memory:", Schema::builtin());
  try {
    read_and_validate(store, {path});
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a large file is read in two passes, with one pass's records, problems and lines") {
  // Over 4 MiB, a file's edges are read in a second pass, part by part: padding spreads the
  // lines over several parts.
  constexpr std::size_t kPadding = 300'000;
  testing::TempDir large_dir, small_dir;
  const std::string large = large_dir.write("data.jsonl", joined(kTrickyLines, 2 * kPadding));
  REQUIRE(std::filesystem::file_size(large) > (std::uintmax_t{4} << 20));
  const std::string small = small_dir.write("data.jsonl", joined(kTrickyLines, 0));

  Store two_pass = Store::create(":memory:", Schema::builtin());
  const ImportSummary got = import_files(two_pass, {large});
  Store one_pass = Store::create(":memory:", Schema::builtin());
  const ImportSummary want = import_files(one_pass, {small});
  CHECK(got.steps.front().step == "read all but the edges");
  CHECK(want.steps.front().step == "read the files");
  CHECK(got.nodes_read == 5);
  CHECK(got.edges_read == 8);
  CHECK(got.edges_read == want.edges_read);
  CHECK(got.citations_read == want.citations_read);
  CHECK(got.written.edges_added == 4);
  CHECK(got.written.citations_added == 8);
  CHECK(got.written.citations_added == want.written.citations_added);
  CHECK(export_jsonl(two_pass) == export_jsonl(one_pass));
  CHECK(export_jsonl(two_pass).find(R"("props":{"detail":"now"})") != std::string::npos);

  // Problems: each reported once, at its line, as reading the file whole reports them.
  const std::string bad = large_dir.write("bad.jsonl", joined(bad_lines(), kPadding));
  REQUIRE(std::filesystem::file_size(bad) > (std::uintmax_t{4} << 20));
  Store target = Store::create(":memory:", Schema::builtin());
  const std::string problems = import_problems(target, bad);
  CHECK(problems == problems_read_once(bad));
  // Line 2k+1 holds the (k+1)th line of bad_lines().
  for (const char* expected :
       {"bad.jsonl:27: edge from 'person:zz' is not a node",
        "bad.jsonl:29: the same edge has other props at ",
        "bad.jsonl:31:", "bad.jsonl:33: unknown edge type", "bad.jsonl:35: unknown kind 'nodee'",
        "bad.jsonl:37: quote not found", "bad.jsonl:39: each line must be a JSON object",
        "bad.jsonl:41:", "bad.jsonl:43: node 'person:a' is defined again"}) {
    CHECK_MESSAGE(problems.find(expected) != std::string::npos, std::string(expected));
  }
  CHECK(problems.find("other props at " + bad + ":7\n") != std::string::npos);
  std::size_t reported = 0;
  for (std::size_t at = problems.find("bad.jsonl:"); at != std::string::npos;
       at = problems.find("bad.jsonl:", at + 1)) {
    ++reported;
  }
  CHECK(reported == 11);  // the nine lines, and lines 7 and 13 named in two of them
  CHECK(export_jsonl(target) == export_jsonl(Store::create(":memory:", Schema::builtin())));
}
