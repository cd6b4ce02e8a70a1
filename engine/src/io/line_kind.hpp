// Private to the io layer: which pass of a two-pass JSON Lines import a line belongs to, told
// by a scan of its bytes instead of a parse.
#pragma once

#include <cstdint>
#include <string_view>

namespace ergraph::io {

enum class LineKind : std::uint8_t {
  kEdge,     // an object whose one top-level "kind" is "edge": a parse gives an edge or fails
  kNotEdge,  // anything else a parse cannot make an edge of
  kUnsure,   // only a parse can tell: an escape in a top-level key or in "kind"'s value, or
             // "kind" given twice (the parser keeps the last)
};

// The kind of one line (its BOM and line end already gone). Exact for valid JSON; malformed
// JSON gets some answer, and the pass that takes the line reports it, once.
LineKind line_kind(std::string_view line);

}  // namespace ergraph::io
