// Files the CLI writes: complete or not at all, even when interrupted.
#pragma once

#include <iosfwd>
#include <string>

namespace ergraph::cli {

// Installs SIGINT/SIGTERM/SIGHUP handlers that remove the temporary file write_output is
// writing (if any) and exit with 128 + the signal: files already written stay complete. An
// import in progress is then never committed, so the database keeps its previous state.
void remove_partial_files_on_interrupt();

// Writes `content` to `path` through a temporary file renamed into place, so that a reader
// never sees a half-written file; "-" writes to `out`.
void write_output(const std::string& path, const std::string& content, std::ostream& out);

}  // namespace ergraph::cli
