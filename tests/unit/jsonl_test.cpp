#include "ergraph/jsonl.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "ergraph/import.hpp"
#include "test_util.hpp"

using namespace ergraph;

namespace {

// Reads `text` as a JSONL file named in.jsonl; returns the problems, one per line.
std::string read_problems(const std::string& text, RecordSet* out = nullptr) {
  std::istringstream in(text);
  RecordSet records;
  Diagnostics diags;
  read_jsonl_stream(in, "in.jsonl", ".", records, diags);
  if (out) *out = records;
  return testing::reported(diags);
}

}  // namespace

TEST_CASE("well-formed records read with their line numbers") {
  RecordSet r;
  const std::string text =
      "\xEF\xBB\xBF// a comment\r\n"
      "\r\n"
      R"({"kind":"edge","type":"led","from":"p:1","to":"d:1","date":"2025-05","sources":[{"doc":"doc:1","quote":"led"}]})"
      "\r\n"
      R"(  {"kind":"node","id":"p:1","type":"Person","name":"Rustem Umerov","aliases":["Umerov","Umerov"],"props":{"title":"Defense Minister"}})"
      "\n";
  CHECK(read_problems(text, &r) == "");
  REQUIRE(r.edges.size() == 1);
  CHECK(r.edges[0].where.line == 3);
  CHECK(r.edges[0].edge.date == "2025-05");
  CHECK(r.edges[0].edge.sources == std::vector<Citation>{{"doc:1", "led"}});
  REQUIRE(r.nodes.size() == 1);
  CHECK(r.nodes[0].where.line == 4);
  CHECK(r.nodes[0].node.aliases == std::vector<std::string>{"Umerov"});  // duplicates dropped
  CHECK(r.nodes[0].node.props == R"({"title":"Defense Minister"})");
}

TEST_CASE("every structural problem is reported with file:line") {
  struct Case {
    std::string line;
    std::string expected;
  };
  const Case cases[] = {
      {R"({"kind":"node","id":"p:1")", "in.jsonl:1:26: malformed JSON"},
      {R"([1,2])", "in.jsonl:1: each line must be a JSON object, not array"},
      {R"("just a string")", "in.jsonl:1: each line must be a JSON object, not string"},
      {R"({"id":"p:1"})", "in.jsonl:1: missing field \"kind\""},
      {R"({"kind":"vertex"})", "in.jsonl:1: unknown kind 'vertex'"},
      {R"({"kind":"node","id":"p:1","type":"Person"})", "in.jsonl:1: missing field \"name\""},
      {R"({"kind":"node","id":" ","type":"Person","name":"X"})",
       "in.jsonl:1: field \"id\" is empty"},
      {R"({"kind":"node","id":7,"type":"Person","name":"X"})",
       "in.jsonl:1: field \"id\" must be a string, not 7"},
      {R"({"kind":"node","id":"p","type":"Person","name":"X","nmae":"Y"})",
       "in.jsonl:1: unknown field \"nmae\" in a node (did you mean 'name'?)"},
      {R"({"kind":"node","id":"p","type":"Person","name":"X","aliases":"Y"})",
       "in.jsonl:1: field \"aliases\" must be a list of strings"},
      {R"({"kind":"node","id":"p","type":"Person","name":"X","props":[1]})",
       "in.jsonl:1: field \"props\" must be a JSON object"},
      {R"({"kind":"node","id":"d","type":"Document","name":"X","text":"a","text_file":"b"})",
       "in.jsonl:1: a node has either \"text\" or \"text_file\", not both"},
      {R"({"kind":"node","id":"d","type":"Document","name":"X","text_file":"missing.txt"})",
       "in.jsonl:1: text_file 'missing.txt' not found"},
      {R"({"kind":"edge","type":"led","from":"a","to":"b","date":"2025-02-30"})",
       "in.jsonl:1: bad date '2025-02-30'"},
      {R"({"kind":"edge","type":"led","from":"a","to":"b","date":"16 May 2025"})",
       "in.jsonl:1: bad date '16 May 2025'"},
      {R"({"kind":"edge","type":"led","from":"a"})", "in.jsonl:1: missing field \"to\""},
      {R"({"kind":"edge","type":"led","from":"a","to":"b","sources":[{"doc":"d"}]})",
       "in.jsonl:1: missing field \"quote\""},
      {R"({"kind":"edge","type":"led","from":"a","to":"b","sources":["d"]})",
       "in.jsonl:1: every source must be an object"},
      {"{\"kind\":\"node\",\"id\":\"p\",\"type\":\"Person\",\"name\":\"X\xFF\"}",
       "in.jsonl:1:50: invalid UTF-8"},
      {std::string(40, '[') + std::string(40, ']'),
       "in.jsonl:1: JSON nested deeper than 16 levels"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    const std::string got = read_problems(c.line + "\n");
    CHECK_MESSAGE(got.find(c.expected) == 0, got);
  }
}

TEST_CASE("all problems of a file are reported, in line order") {
  const std::string got = read_problems("{\n[1]\n{\"kind\":\"x\"}\n");
  CHECK(got.find("in.jsonl:1:") == 0);
  CHECK(got.find("in.jsonl:2:") != std::string::npos);
  CHECK(got.find("in.jsonl:3:") != std::string::npos);
}

TEST_CASE("plain edge lines take a shortcut past the JSON parser and read as it reads them") {
  // Plain lines, which the shortcut reads, and lines one step away from plain, which it must
  // leave to the parser: each is read both ways and must give the same records and problems.
  const std::string nul_after = std::string(R"({"kind":"edge","type":"led","from":"a","to":"b"})") +
                                std::string(1, '\0') + "junk";
  const std::string lines[] = {
      R"({"kind":"edge","type":"led","from":"a","to":"b"})",
      R"({"type":"led","from":"a","to":"b","kind":"edge","date":"2025-05-16","props":{}})",
      " {\"kind\" : \"edge\",\t\"type\":\"led\" , \"from\":\"a\",\"to\":\"b\",\"sources\":[] } ",
      R"({"kind":"edge","type":"led","from":"a","to":"b","sources":[{"doc":"d","quote":"q"},{"quote":"q","doc":"d"},{"doc":"d","quote":"r"}]})",
      R"({"kind":"edge","type":"led","from":"Зеленський","to":"b","sources":[{"doc":"d","quote":"he said “yes” — twice"}]})",
      R"({"kind":"edge","type":"led","from":"a\u0062","to":"b"})",
      R"({"kind":"edge","type":"led","from":"a","to":"b","props":{"w":1,"a":"x"}})",
      R"({"kind":"edge","type":"led","from":"a","to":"b","props":[]})",
      R"({"kind":"edge","type":"led","from":"a","to":"b","date":""})",
      R"({"kind":"edge","type":"led","from":"a","to":"b","date":"2025-02-30"})",
      R"({"kind":"edge","type":"led","from":"a","to":"b","date":2025})",
      R"({"kind":"edge","type":"led","from":"a","to":"b","date":null})",
      R"({"kind":"edge","type":" ","from":"a","to":"b"})",
      R"({"kind":"edge","type":"led","from":"a"})",
      R"({"kind":"edge","type":"led","from":"a","from":"c","to":"b"})",
      R"({"kind":"edge","kind":"edge","type":"led","from":"a","to":"b"})",
      R"({"kind":"edge","type":"led","from":"a","to":"b","weight":2})",
      R"({"kind":"edge","type":"led","from":"a","to":"b","extracted":{"rule":"r"}})",
      R"({"kind":"edge","type":"led","from":"a","to":"b","sources":null})",
      R"({"kind":"edge","type":"led","from":"a","to":"b","sources":[{"doc":"d","quote":" "}]})",
      R"({"kind":"edge","type":"led","from":"a","to":"b","sources":[{"doc":"d"}]})",
      R"({"kind":"edge","type":"led","from":"a","to":"b","sources":[{"doc":"d","quote":"q","page":1}]})",
      R"({"kind":"edge","type":"led","from":"a","to":"b","sources":[{"doc":"d","quote":"q"},]})",
      R"({"kind":"edge","type":"led","from":"a","to":"b","sources":{"doc":"d","quote":"q"}})",
      R"({"kind":"edge","type":"led","from":"a","to":"b"} x)",
      R"({"kind":"edge","type":"led","from":"a","to":"b",})",
      R"({"kind":"edge","type":"led","from":"a","to":"b")",
      "{\"kind\":\"edge\",\"type\":\"led\",\"from\":\"a\tb\",\"to\":\"b\"}",
      R"({"kind":"Edge","type":"led","from":"a","to":"b"})",
      R"({"kind":"node","id":"a","type":"Person","name":"A"})",
      nul_after,
  };
  for (const std::string& line : lines) {
    CAPTURE(line);
    RecordSet got[2];
    std::string problems[2];
    for (const bool full : {false, true}) {
      std::istringstream in("\n" + line + "\n");
      Diagnostics diags;
      ReadOptions options;
      options.full_json_parse = full;
      read_jsonl_stream(in, "in.jsonl", ".", got[full], diags, options);
      problems[full] = testing::reported(diags);
    }
    CHECK(problems[0] == problems[1]);
    REQUIRE(got[0].edges.size() == got[1].edges.size());
    CHECK(got[0].nodes.size() == got[1].nodes.size());
    for (std::size_t i = 0; i < got[0].edges.size(); ++i) {
      const Edge& shortcut = got[0].edges[i].edge;
      const Edge& parsed = got[1].edges[i].edge;
      CHECK(got[0].edges[i].where.line == 2);
      CHECK(shortcut.type == parsed.type);
      CHECK(shortcut.from == parsed.from);
      CHECK(shortcut.to == parsed.to);
      CHECK(shortcut.date == parsed.date);
      CHECK(shortcut.props == parsed.props);
      CHECK(shortcut.sources == parsed.sources);
    }
  }
}

TEST_CASE("text_file is read relative to the JSONL file, BOM dropped, UTF-8 checked") {
  testing::TempDir dir;
  dir.write("docs/a.txt", "\xEF\xBB\xBFHello “world”.");
  dir.write("docs/bad.txt", "line one\nline \xC3\x28 two\n");
  const std::string good = dir.write(
      "g.jsonl", R"({"kind":"node","id":"d","type":"Document","name":"A","text_file":"docs/a.txt"})"
                 "\n");
  RecordSet r;
  Diagnostics diags;
  read_jsonl(good, r, diags);
  CHECK(diags.empty());
  REQUIRE(r.nodes.size() == 1);
  CHECK(r.nodes[0].node.text.value() == "Hello “world”.");

  const std::string bad = dir.write(
      "b.jsonl",
      R"({"kind":"node","id":"d","type":"Document","name":"A","text_file":"docs/bad.txt"})"
      "\n");
  read_jsonl(bad, r, diags);
  CHECK_THROWS_WITH(diags.throw_if_any(), doctest::Contains("bad.txt:2: invalid UTF-8"));
}

TEST_CASE("a large file read in parts gives the records, places and report of one pass") {
  // Over the 4 MiB at which read_jsonl cuts a file into parts: problems near the start, around
  // each possible cut and at the end, a BOM, CRLF line ends, blank and comment lines, a record
  // that needs a text_file, and more problems than the report's cap of 100.
  testing::TempDir dir;
  dir.write("texts/t.txt", "The text of a document.");
  std::string text =
      "\xEF\xBB\xBF"
      R"({"kind":"node","id":"d:0","type":"Document","name":"D"})"
      "\r\n";
  const std::string edge =
      R"({"kind":"edge","type":"reported","from":"d:0","to":"p:1","sources":[{"doc":"d:0","quote":"a quote that is long enough to make each line take a good number of bytes"}]})";
  std::size_t line = 1;
  while (text.size() < (9u << 19)) {
    ++line;
    if (line % 211 == 0) {
      text += R"({"kind":"edge","type":"reported","from":"d:0")";  // no "to"
    } else if (line % 797 == 0) {
      text += "// a comment";
    } else if (line % 1009 == 0) {
      text += R"({"kind":"node","id":"d:)" + std::to_string(line) +
              R"(","type":"Document","name":"T","text_file":"texts/t.txt"})";
    } else if (line % 1201 == 0) {
      text += "{broken";
    } else if (line % 601 == 0) {
      text += "";
    } else {
      text += edge;
    }
    text += line % 2 == 0 ? "\r\n" : "\n";
  }
  text += R"({"kind":"edge"})";  // the last line has no line feed
  const std::string path = dir.write("big.jsonl", text);

  RecordSet parts, one_pass;
  Diagnostics parts_diags, one_pass_diags;
  read_jsonl(path, parts, parts_diags);
  std::istringstream in(text);
  read_jsonl_stream(in, path, dir.file(""), one_pass, one_pass_diags);

  CHECK(parts_diags.count() > 100);
  CHECK(parts_diags.count() == one_pass_diags.count());
  CHECK(testing::reported(parts_diags) == testing::reported(one_pass_diags));
  REQUIRE(parts.nodes.size() == one_pass.nodes.size());
  REQUIRE(parts.edges.size() == one_pass.edges.size());
  CHECK(parts.edges.size() > 20000);
  for (std::size_t i = 0; i < parts.nodes.size(); ++i) {
    CHECK(parts.nodes[i].where.line == one_pass.nodes[i].where.line);
    CHECK(parts.nodes[i].node.text == one_pass.nodes[i].node.text);
  }
  bool same_edges = true;
  for (std::size_t i = 0; i < parts.edges.size(); ++i) {
    same_edges = same_edges && parts.edges[i].where.line == one_pass.edges[i].where.line &&
                 parts.edges[i].edge.sources == one_pass.edges[i].edge.sources &&
                 parts.edges[i].edge.from == one_pass.edges[i].edge.from;
  }
  CHECK(same_edges);
}
