#include "ergraph/csv.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "ergraph/import.hpp"
#include "ergraph/jsonl.hpp"
#include "test_util.hpp"

using namespace ergraph;

namespace {

std::string problems_of(const std::string& path, RecordSet& r) {
  Diagnostics diags;
  read_csv(path, r, diags);
  return testing::reported(diags);
}

}  // namespace

TEST_CASE("nodes and edges CSV read, with quoted fields, line breaks, aliases and citations") {
  testing::TempDir dir;
  const std::string nodes =
      dir.write("nodes.csv",
                "id,type,name,aliases,props\r\n"
                "p:1,Person,\"Zelensky, "
                "Volodymyr\",Zelenskyy|Zelenskiy|A\\|B,\"{\"\"title\"\":\"\"P\"\"}\"\r\n"
                "d:1,Document,Report,,\r\n");
  const std::string edges = dir.write("edges.csv",
                                      "type,from,to,date,doc,quote\n"
                                      "led,p:1,g:1,2025,d:1,\"one line\nand \"\"two\"\"\"\n"
                                      "led,p:1,g:1,2025,d:2,second source\n"
                                      "led,p:1,g:1,,,\n");
  RecordSet r;
  CHECK(problems_of(nodes, r) == "");
  CHECK(problems_of(edges, r) == "");
  REQUIRE(r.nodes.size() == 2);
  CHECK(r.nodes[0].node.name == "Zelensky, Volodymyr");
  CHECK(r.nodes[0].node.aliases == std::vector<std::string>{"Zelenskyy", "Zelenskiy", "A|B"});
  CHECK(r.nodes[0].node.props == R"({"title":"P"})");
  CHECK(r.nodes[1].where.line == 3);
  REQUIRE(r.edges.size() == 3);
  CHECK(r.edges[0].edge.sources[0].quote == "one line\nand \"two\"");
  CHECK(r.edges[1].where.line == 4);  // the quoted line break counts
  CHECK(r.edges[2].edge.sources.empty());
}

TEST_CASE("CSV problems name file:line") {
  struct Case {
    std::string text;
    std::string expected;
  };
  const Case cases[] = {
      {"id,type,name\np:1,Person\n", "x.csv:2: row has 2 fields, the header has 3"},
      {"id,type,name\np:1,Person,\"open\n", "x.csv:2: quoted field is never closed"},
      {"id,type,name\np:1,Per\"son,X\n", "x.csv:2: a '\"' inside an unquoted field"},
      {"id,type,name,colour\n", "x.csv:1: unknown column 'colour' in a nodes file"},
      {"id,name\n", "x.csv:1: missing column 'type' in the header"},
      {"type,from,to\nled,,b\n", "x.csv:2: column 'from' is empty"},
      {"type,from,to,date\nled,a,b,2025-13\n", "x.csv:2: bad date '2025-13'"},
      {"type,from,to,doc\nled,a,b,d\n", "x.csv:2: columns doc and quote go together"},
      {"id,type,name,props\np,Person,X,{oops}\n", "x.csv:2: column props must hold a JSON object"},
      {"id,type,name,aliases\np,Person,X,a||b\n", "x.csv:2: empty alias"},
      {"id,type,name\np,Person,\xC3\x28\n", "x.csv:2: invalid UTF-8"},
      {"", "x.csv:1: no header row"},
  };
  testing::TempDir dir;
  for (const Case& c : cases) {
    CAPTURE(c.text);
    RecordSet r;
    const std::string got = problems_of(dir.write("x.csv", c.text), r);
    CHECK_MESSAGE(got.find(c.expected) != std::string::npos, got);
  }
}
