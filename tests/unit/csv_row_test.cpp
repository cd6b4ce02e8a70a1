#include "ergraph/csv_row.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace ergraph;

TEST_CASE("write_csv_row quotes exactly the fields RFC 4180 readers need quoted") {
  struct Row {
    std::vector<std::string> fields;
    const char* line;
  };
  const Row rows[] = {
      {{"a", "b"}, "a,b\n"},
      {{"", ""}, ",\n"},
      {{"a,b"}, "\"a,b\"\n"},
      {{"say \"hi\""}, "\"say \"\"hi\"\"\"\n"},
      {{"two\nlines", "cr\r"}, "\"two\nlines\",\"cr\r\"\n"},
      {{" lead", "trail ", "in side"}, "\" lead\",\"trail \",in side\n"},
      {{"Türkiye — «ok»"}, "Türkiye — «ok»\n"},
  };
  for (const Row& r : rows) {
    std::ostringstream out;
    write_csv_row(out, r.fields);
    CHECK(out.str() == r.line);
  }
}

TEST_CASE("write_csv_field writes one field as a row would, without the line feed") {
  for (const char* value :
       {"a", "", "a,b", "say \"hi\"", "two\nlines", " lead", "trail ", "in side"}) {
    std::ostringstream field, row;
    write_csv_field(field, value);
    write_csv_row(row, {value});
    CHECK(field.str() + "\n" == row.str());
  }
  std::ostringstream out;
  write_csv_field(out, std::string_view("x,y\0z", 5));  // a view, not a C string
  CHECK(out.str() == std::string("\"x,y\0z\"", 7));
}
