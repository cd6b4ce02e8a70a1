// Private to the io layer: import's check that every citation's quote occurs in the text of the
// document it cites, one document at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ergraph/model.hpp"

namespace ergraph::io {

enum class QuoteCheck : std::uint8_t { kFound, kNotFound, kNoText };

// The check of every citation of `records`, by ordinal (their citations numbered in record
// order). `text_of(doc)` is the quote-normalised text a citation of `doc` is checked against
// (nullopt: it has none); it is asked once per cited id, and each text is dropped once its
// quotes are checked: one text is held at a time, where checking edge by edge in file order
// kept every cited document's text until the end (0.5 GB of the import's peak on L).
std::vector<QuoteCheck> check_quotes_by_document(
    const std::vector<EdgeRecord>& records,
    const std::function<std::optional<std::string>(const std::string& doc)>& text_of);

}  // namespace ergraph::io
