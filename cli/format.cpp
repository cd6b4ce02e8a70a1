#include "format.hpp"

#include <algorithm>
#include <ostream>

#include "ergraph/csv_row.hpp"
#include "ergraph/text.hpp"

namespace ergraph::cli {
namespace {

// Columns are aligned by code points: close enough for names in Latin, Cyrillic and Greek.
std::size_t display_width(const std::string& s) { return count_code_points(s); }

}  // namespace

OutputFormat parse_output_format(const std::string& name) {
  if (name == "json") return OutputFormat::kJson;
  if (name == "csv") return OutputFormat::kCsv;
  return OutputFormat::kTable;
}

void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - display_width(row[i]) + 2, ' ');
    }
    out << line << '\n';
  };
  print(header);
  for (const auto& row : rows) print(row);
}

void print_csv(std::ostream& out, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows) {
  write_csv_row(out, header);
  for (const auto& row : rows) write_csv_row(out, row);
}

void print_rows(std::ostream& out, OutputFormat format, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows) {
  if (format == OutputFormat::kCsv) {
    print_csv(out, header, rows);
  } else {
    print_table(out, header, rows);
  }
}

}  // namespace ergraph::cli
