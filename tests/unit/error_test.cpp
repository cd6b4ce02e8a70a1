#include "ergraph/error.hpp"

#include <doctest/doctest.h>

using namespace ergraph;

TEST_CASE("Error prefixes the place it knows") {
  CHECK(std::string(Error(ErrorCode::kInvalidInput, "bad", Location{"a.jsonl", 3}).what()) ==
        "a.jsonl:3: bad");
  CHECK(std::string(Error(ErrorCode::kInvalidInput, "bad", Location{"a.yaml", 3, 7}).what()) ==
        "a.yaml:3:7: bad");
  CHECK(std::string(Error(ErrorCode::kIo, "gone", Location{"x.db"}).what()) == "x.db: gone");
  CHECK(std::string(Error(ErrorCode::kInternal, "oops").what()) == "oops");
}

TEST_CASE("Diagnostics reports in input order and counts past the cap") {
  Diagnostics diags(2);
  CHECK(diags.empty());
  CHECK_NOTHROW(diags.throw_if_any());
  diags.add(Location{"b.jsonl", 1}, "third");
  diags.add(Location{"a.jsonl", 9}, "second");
  diags.add(Location{"a.jsonl", 2}, "dropped");
  CHECK(diags.count() == 3);
  try {
    diags.throw_if_any();
    FAIL("expected a ValidationError");
  } catch (const ValidationError& e) {
    REQUIRE(e.diagnostics().size() == 2);
    CHECK(e.diagnostics()[0].message() == "third");  // b.jsonl was met first
    CHECK(e.more() == 1);
    CHECK(std::string(e.what()).find("... and 1 more") != std::string::npos);
  }
}
