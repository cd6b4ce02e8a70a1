// The schema's `extract:` patterns matched over a sentence's words and mentions: each match
// binds the {from} and {to} slots to actors (a list "A, B and C" binds each) or, where the edge
// takes a Topic, to the short noun phrase that starts there.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "mentions.hpp"

namespace ergraph::extract {

struct Found {
  const EdgeType* type = nullptr;
  const ExtractPattern* pattern = nullptr;
  std::vector<int> from;  // entities; empty: the report itself
  std::vector<int> to;
  std::string title;      // the {title} slot's words
  std::size_t begin = 0;  // tokens matched
  std::size_t end = 0;
  double confidence = 0;
};

// Every match of every pattern of `schema` in the sentence. New Topics are added to `registry`.
// `occasion` is the event the report is about so far (-1: none), for the {occasion} slot.
std::vector<Found> match_patterns(const Sentence& sentence, std::string_view text,
                                  const SentenceMentions& mentions, const Lexicon& lexicon,
                                  Registry& registry, int occasion);

}  // namespace ergraph::extract
