// Output helpers shared by the commands: aligned tables for people, CSV and JSON for scripts.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace ergraph::cli {

enum class OutputFormat { kTable, kJson, kCsv };

// Parses "table", "json" or "csv" (CLI11 has already restricted the choice).
OutputFormat parse_output_format(const std::string& name);

// Columns padded to their widest cell (counted in code points), two spaces apart.
void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);

// RFC 4180 rows, header first.
void print_csv(std::ostream& out, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows);

// A table for kTable, CSV for kCsv (JSON is the caller's: its shape differs per command).
void print_rows(std::ostream& out, OutputFormat format, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows);

}  // namespace ergraph::cli
