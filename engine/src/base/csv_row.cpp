#include "ergraph/csv_row.hpp"

#include <ostream>

namespace ergraph {

void write_csv_field(std::ostream& out, std::string_view value) {
  const bool needs_quotes = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                            (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!needs_quotes) {
    out.write(value.data(), static_cast<std::streamsize>(value.size()));
    return;
  }
  out.put('"');
  for (char c : value) {
    if (c == '"') out.put('"');
    out.put(c);
  }
  out.put('"');
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    write_csv_field(out, fields[i]);
  }
  out << '\n';
}

}  // namespace ergraph
