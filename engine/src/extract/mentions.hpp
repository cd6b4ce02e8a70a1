// Who and what a sentence names: known names, countries by name, demonym or capital, people
// after a title, organisations and places by their words, delegations of countries, events
// with their place and date, and what "he", a surname or "both sides" refer back to.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "registry.hpp"
#include "sentences.hpp"

namespace ergraph::extract {

struct Mention {
  std::size_t begin = 0;  // tokens [begin, end)
  std::size_t end = 0;
  std::size_t ext_begin = 0;    // with the title (and its owner) a person's name follows
  std::vector<int> candidates;  // entities it may be, most likely first
  std::vector<int> group;       // "both sides", "Ukrainian and Russian delegations": each one
  std::string why;              // how it was found, for --explain
  double confidence = 1.0;
  bool adjective = false;  // a demonym ("Russian"): the country only when no noun follows
};

// A side fact a mention states by itself ("the Russian delegation" represents Russia).
struct ImpliedEdge {
  std::string type;
  int from = -1;
  int to = -1;
  std::size_t begin = 0;  // tokens
  std::size_t end = 0;
  std::string rule;
};

// What a report has named so far, for the references back.
struct DocumentState {
  std::string doc_id;
  std::string published;
  std::unordered_map<std::string, int> surnames;  // name key of a surname -> the person
  std::vector<int> recent_people;                 // the people of the last sentence naming one
  std::vector<int> pair;                          // the last two countries named together
  std::vector<int> leaders;                       // the last two people named in one sentence
  std::unordered_map<std::string, int> events;    // kind -> the report's first event of it
  int occasion = -1;                              // the report's first event of any kind
};

struct SentenceMentions {
  std::vector<Mention> mentions;          // in order, not overlapping
  std::vector<std::size_t> title_length;  // per token: the title starting there, in words
  std::vector<ImpliedEdge> implied;
};

SentenceMentions find_mentions(const Sentence& sentence, std::string_view text,
                               const Lexicon& lexicon, Registry& registry, DocumentState& doc);

}  // namespace ergraph::extract
