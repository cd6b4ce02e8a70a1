// ergraph/csv.hpp — nodes.csv / edges.csv, for spreadsheets and tools that speak CSV.
//
// RFC 4180 (quoted fields may hold commas, quotes as "" and line breaks), a header row naming
// the columns in any order. nodes.csv: id, type, name, aliases, props, text, text_file.
// edges.csv: type, from, to, date, props, doc, quote — one row per citation; rows with the same
// (from, type, to, date) are one edge. aliases are separated by | (write \| and \\ for a literal
// bar or backslash); props is a JSON object. README "CSV" documents the columns.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "ergraph/csv_row.hpp"
#include "ergraph/error.hpp"
#include "ergraph/model.hpp"
#include "ergraph/store.hpp"

namespace ergraph {

// Reads a nodes or an edges file, told apart by its header (edges have from and to).
// Appends to `out`; every problem goes to `diags` with file:line.
void read_csv(const std::string& path, RecordSet& out, Diagnostics& diags,
              const ReadOptions& options = {});

// Writes `dir`/nodes.csv and `dir`/edges.csv (the folder is created if missing), in the same
// order as write_jsonl, document texts inline in the text column.
void write_csv(const Store& store, const std::string& dir);

}  // namespace ergraph
