// ergraph/csv_row.hpp — one RFC 4180 row, for every layer that writes CSV (the CSV export and
// the CLI's --format csv), so that a value is quoted the same way everywhere.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace ergraph {

// Writes `fields` as one row and a line feed: a field is quoted where it holds a comma, a quote,
// a line break, or leading or trailing spaces, with quotes doubled inside.
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

// One field of such a row, quoted by the same rule, written straight out: a writer of many rows
// puts the commas and line feeds between them itself and builds no string per field.
void write_csv_field(std::ostream& out, std::string_view value);

}  // namespace ergraph
