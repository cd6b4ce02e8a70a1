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

// Installs SIGINT/SIGTERM/SIGHUP handlers that remove the temporary file write_output is
// writing (if any) and exit with 128 + the signal: files already written stay complete. An
// import in progress is then never committed, so the database keeps its previous state.
void remove_partial_files_on_interrupt();

// Writes `content` to `path` through a temporary file renamed into place, so that a reader
// never sees a half-written file; "-" writes to `out`.
void write_output(const std::string& path, const std::string& content, std::ostream& out);

}  // namespace ergraph::cli
