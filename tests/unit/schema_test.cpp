#include "ergraph/schema.hpp"

#include <doctest/doctest.h>

#include "ergraph/error.hpp"

using namespace ergraph;

namespace {

constexpr const char* kSmall = R"(schema: small
node_types:
  Person: {props: {title: string, born: date}, style: {shape: ellipse}}
  Country: {}
  Event:
edge_types:
  attended: {from: [Person, Country], to: Event}
  reported: {from: Person, to: "*"}
)";

// The messages parsing `yaml` reports, one per line.
std::string problems(const std::string& yaml) {
  try {
    Schema::parse(yaml, "s.yaml");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a valid schema parses with its types and rules") {
  const Schema s = Schema::parse(kSmall, "s.yaml");
  CHECK(s.name() == "small");
  CHECK(s.node_type_names() == std::vector<std::string>{"Person", "Country", "Event"});
  REQUIRE(s.node_type("Person") != nullptr);
  CHECK(s.node_type("Person")->props.at("born") == PropType::kDate);
  CHECK(s.node_type("Person")->style.shape == "ellipse");
  CHECK(s.node_type("Nobody") == nullptr);
  const EdgeType* attended = s.edge_type("attended");
  REQUIRE(attended != nullptr);
  CHECK(attended->allows("Person", "Event"));
  CHECK(attended->allows("Country", "Event"));
  CHECK_FALSE(attended->allows("Event", "Event"));
  CHECK(s.edge_type("reported")->allows("Person", "Country"));
  CHECK_FALSE(s.edge_type("reported")->allows("Country", "Person"));
}

TEST_CASE("the built-in news schema has the required types and rules") {
  const Schema& s = Schema::builtin();
  for (const char* t :
       {"Person", "Country", "Organization", "Delegation", "Event", "Place", "Topic", "Document"}) {
    CAPTURE(t);
    CHECK(s.node_type(t) != nullptr);
  }
  const NodeType* doc = s.node_type("Document");
  for (const char* p : {"title", "publisher", "author", "published", "url"}) {
    CHECK(doc->props.count(p) == 1);
  }
  CHECK(doc->props.at("published") == PropType::kDate);
  struct Rule {
    const char* edge;
    const char* from;
    const char* to;
  };
  const Rule rules[] = {
      {"led", "Person", "Delegation"},
      {"led", "Person", "Country"},
      {"chaired", "Country", "Event"},
      {"demanded", "Delegation", "Topic"},
      {"agreed", "Country", "Topic"},
      {"rejected", "Organization", "Topic"},
      {"proposed", "Person", "Topic"},
      {"reported", "Document", "Place"},
      {"reported", "Organization", "Topic"},
      {"represents", "Delegation", "Country"},
      {"member_of", "Person", "Delegation"},
      {"attended", "Country", "Event"},
      {"held_in", "Event", "Place"},
      {"located_in", "Place", "Country"},
      {"published", "Organization", "Document"},
      {"wrote", "Person", "Document"},
      {"holds_office", "Person", "Organization"},
  };
  for (const Rule& r : rules) {
    CAPTURE(r.edge);
    REQUIRE(s.edge_type(r.edge) != nullptr);
    CHECK(s.edge_type(r.edge)->allows(r.from, r.to));
  }
  CHECK_FALSE(s.edge_type("led")->allows("Country", "Delegation"));
  CHECK(s.edge_type("holds_office")->props.at("title") == PropType::kString);
}

TEST_CASE("broken schemas are refused with file:line and what is wrong") {
  struct Case {
    const char* yaml;
    const char* expected;
  };
  const Case cases[] = {
      {"node_types:\n  Person: {}\nedge_types:\n  met: {from: Person, to: Persn}\n",
       "s.yaml:4:27: edge type 'met' names undeclared node type 'Persn' in 'to' (did you mean "
       "'Person'?)"},
      {"node_types:\n  Person: {}\n  Person: {}\nedge_types:\n  met: {from: Person, to: Person}\n",
       "s.yaml:3:3: node type 'Person' declared twice"},
      {"node_types:\n  Person: {}\nedge_types:\n  met: {from: Person, to: Person}\n  met: {from: "
       "Person, to: Person}\n",
       "s.yaml:5:3: edge type 'met' declared twice"},
      {"node_types:\n  Person: {props: {born: datetime}}\nedge_types:\n  met: {from: Person, to: "
       "Person}\n",
       "s.yaml:2:26: unknown property type 'datetime' for 'born' of node type 'Person'"},
      {"node_types:\n  Person: {colour: red}\nedge_types:\n  met: {from: Person, to: Person}\n",
       "s.yaml:2:12: unknown key 'colour' in node type 'Person'"},
      {"nodes:\n  Person: {}\n", "s.yaml:1:1: unknown key 'nodes' in the schema"},
      {"node_types:\n  Person: {}\nedge_types:\n  met: {to: Person}\n",
       "s.yaml:4:3: edge type 'met' has no 'from'"},
      {"node_types: [\n", "s.yaml:2:1: malformed YAML"},
      {"- just\n- a list\n", "s.yaml:1: a schema must be a YAML map"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.yaml);
    const std::string got = problems(c.yaml);
    CHECK_MESSAGE(got.find(c.expected) != std::string::npos, got);
  }
}

TEST_CASE("a schema reports every problem, not only the first") {
  const std::string got = problems(
      "node_types:\n  Person: {props: {a: nope}}\n  Person: {}\nedge_types:\n  met: {from: X, to: "
      "Y}\n");
  CHECK(got.find("s.yaml:2:") != std::string::npos);
  CHECK(got.find("s.yaml:3:") != std::string::npos);
  CHECK(got.find("'X'") != std::string::npos);
  CHECK(got.find("'Y'") != std::string::npos);
}

TEST_CASE("extract patterns parse into words, choices, gaps and slots; bad ones are refused") {
  const std::vector<std::string> types = {"Person", "Country", "Topic"};
  std::vector<PatternElement> p;
  REQUIRE(parse_extract_pattern("{from:Person|Country} , who (led|was leading) [the] ... {to}",
                                types, p) == "");
  REQUIRE(p.size() == 7);
  CHECK(p[0].kind == PatternElement::Kind::kSlot);
  CHECK(p[0].types == std::vector<std::string>{"Person", "Country"});
  CHECK(p[1].choices == std::vector<std::vector<std::string>>{{","}});
  CHECK(p[3].choices == std::vector<std::vector<std::string>>{{"led"}, {"was", "leading"}});
  CHECK(p[4].kind == PatternElement::Kind::kOptional);
  CHECK(p[5].kind == PatternElement::Kind::kGap);
  REQUIRE(parse_extract_pattern("{to} 's {title} {from}", types, p) == "");
  CHECK(p[1].choices == std::vector<std::vector<std::string>>{{"'s"}});
  CHECK(p[2].slot == "title");
  REQUIRE(parse_extract_pattern("{from} agree* to {to}", types, p) == "");
  CHECK(p[1].choices[0][0] == "agree*");
  REQUIRE(parse_extract_pattern("{from} took part {occasion}", types, p) == "");
  CHECK(p[3].slot == "occasion");
  struct Bad {
    const char* pattern;
    const char* problem;
  };
  for (const Bad& b :
       {Bad{"{from} led {to", "'{' without '}'"}, Bad{"{from} led", "needs a {to} slot"},
        Bad{"{to}", "at least one word"}, Bad{"{who} led {to}", "unknown slot {who}"},
        Bad{"{from:Persn} led {to}", "unknown node type 'Persn' (did you mean 'Person'?)"},
        Bad{"{from} (led| ) {to}", "an empty choice"}, Bad{"{from} (led {to}", "'(' without ')'"},
        Bad{"... {from} led {to}", "'...' must stand between two elements"},
        Bad{"{from} led ... ... {to}", "two gaps in a row"}}) {
    CAPTURE(b.pattern);
    const std::string problem = parse_extract_pattern(b.pattern, types, p);
    CHECK_MESSAGE(problem.find(b.problem) != std::string::npos, problem);
  }
  // In a schema file, a bad pattern is reported at its line.
  try {
    Schema::parse(
        "node_types:\n  Person: {}\nedge_types:\n  met:\n    from: [Person]\n"
        "    to: [Person]\n    extract:\n      - \"{from} met\"\n",
        "s.yaml");
    FAIL("accepted");
  } catch (const ValidationError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].where().line == 8);
    CHECK(e.diagnostics()[0].message().find("needs a {to} slot") != std::string::npos);
  }
}
