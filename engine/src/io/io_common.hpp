// Private to the io layer: checks and helpers the JSONL and CSV readers share.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "ergraph/error.hpp"
#include "ergraph/model.hpp"

namespace ergraph::io {

// Where a data file's text_file names lead: its folder, and whether they may leave it.
struct TextFileRoot {
  std::string folder;
  bool anywhere = false;
};

// Reads a document text named by text_file (relative to root.folder, and within it unless
// root.anywhere), checking UTF-8 and dropping a BOM. Problems go to `diags` at `where` (or at the
// text file's own line for bad UTF-8); nullopt then.
std::optional<std::string> read_text_file(const std::string& text_file, const TextFileRoot& root,
                                          const Location& where, Diagnostics& diags);

// Appends `value` to `list` unless it is there; `seen` mirrors `list`, so that a node with
// tens of thousands of aliases costs a hash lookup per alias, not a scan of the list.
void add_once(std::vector<std::string>& list, std::unordered_set<std::string>& seen,
              std::string value);

// Reads a whole file; Error(kIo) naming it when it cannot be read.
std::string read_whole_file(const std::string& path);

// The folder holding `path`, for resolving relative names ("." for a bare file name).
std::string folder_of(const std::string& path);

// True when `s` is empty or only white space.
bool is_blank(std::string_view s);

// Checks that an optional date field is valid: problems go to `diags`.
void check_date(const std::string& date, const Location& where, Diagnostics& diags);

// Strips a leading UTF-8 byte order mark.
void drop_bom(std::string& s);

// A quote shortened for messages: at most `max` code points, with "…" when cut.
std::string excerpt(std::string_view text, std::size_t max = 60);

}  // namespace ergraph::io
