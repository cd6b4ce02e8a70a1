// ergraph/jsonl.hpp — the JSON Lines interchange format (README "JSON Lines").
//
// One JSON object per line: {"kind":"node",...} or {"kind":"edge",...}. Blank lines and lines
// starting with // are skipped; a UTF-8 BOM and CRLF line ends are accepted. The reader checks
// structure (fields, their JSON types, dates, UTF-8, nesting depth); schema and database checks
// are import's (import.hpp).
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

#include "ergraph/error.hpp"
#include "ergraph/model.hpp"
#include "ergraph/store.hpp"

namespace ergraph {

// Which records a read takes. A large file is read in two passes so that its edges need not all
// be held: every record but the edges first, then the edges part by part (read_jsonl_edges).
// Each line is read, and its problems reported, by exactly one of the two.
enum class RecordKinds { kAll, kAllButEdges };

// Reads `path` ("-" is standard input), appending records to `out` and every problem, with
// file:line, to `diags`. text_file paths are relative to the file's folder (the working folder
// for standard input). kAllButEdges leaves the edge lines, counted in out.edge_lines_left.
void read_jsonl(const std::string& path, RecordSet& out, Diagnostics& diags,
                const ReadOptions& options = {}, RecordKinds kinds = RecordKinds::kAll);

// The edge pass: reads the lines of `path` (a regular file) that read_jsonl with kAllButEdges
// left, in parts of a few MiB, and calls `on_part` with each part's edge records in file order
// (it may move from them; they are freed after) while the next parts are read on other cores.
// Problems go to `diags` as a part is handed over. `on_read`, when given, runs on the reading
// core on each part's records as soon as they are read, before on_part gets them: for work on a
// part that does not depend on the parts before it (it may run beside on_part on an earlier one).
void read_jsonl_edges(const std::string& path, Diagnostics& diags, const ReadOptions& options,
                      const std::function<void(std::vector<EdgeRecord>& edges)>& on_part,
                      const std::function<void(std::vector<EdgeRecord>& edges)>& on_read = {});

// The same from a stream; `name` is used in messages and `base_dir` resolves text_file.
void read_jsonl_stream(std::istream& in, const std::string& name, const std::string& base_dir,
                       RecordSet& out, Diagnostics& diags, const ReadOptions& options = {});

// Writes the whole database: nodes in id order, then edges in (from, type, to, date) order, with
// document texts inline. Importing the output into a fresh database reproduces this one, and
// exporting that gives the same bytes.
void write_jsonl(const Store& store, std::ostream& out);

}  // namespace ergraph
