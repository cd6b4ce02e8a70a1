// Private to the io layer: the common JSON Lines edge line read by a scan of its bytes, without
// building a JSON document (the full parse was most of the edge pass's reading time).
#pragma once

#include <optional>
#include <string_view>

#include "ergraph/model.hpp"

namespace ergraph::io {

// The edge of `line` (valid UTF-8, its line end gone) when it is a plain edge line, one the full
// parser would read without a problem and that needs nothing of it: {"kind":"edge"} with a
// non-blank "type", "from" and "to", a valid "date", "props" only as {}, "sources" as a list of
// {"doc", "quote"} objects with non-blank strings, each key once, no escape in any string, and
// only spaces and tabs between the tokens. nullopt for any other line: the full parser reads
// it, and reports what is wrong with it. When it returns an edge, the full parser's is the same.
std::optional<Edge> read_plain_edge(std::string_view line);

}  // namespace ergraph::io
