// ergraph/xref.hpp — likely duplicates: pairs of nodes of one type that may be one actor.
//
// Candidates come from blocks, never from all pairs: every name and alias of every node is cut
// into words, transliterated to ASCII (text.hpp ascii_words) and reduced to a spelling skeleton
// (y and j read as i, kh as h, doubled letters once, so Zelensky, Zelenskyy and Зеленський
// agree; Tykhyi and Tykhy too); nodes meet only when they share a block — the same folded
// spelling, the same skeleton, or (Persons only) the same last-word skeleton.
// A block of more than `max_block` nodes (a surname half the graph shares) is skipped and
// counted. Each pair is then scored from its best reason, plus a little for each neighbour both
// have by the same edge type:
//   1.0   same name: a name or alias of one is a name or alias of the other (name_key);
//   0.9   spelling variant: the same skeleton (Zelensky / Zelenskyy, Tykhyi / Tykhy);
//   0.75  (Persons) same surname, compatible first names: the last words agree by skeleton and the
//   first
//         ones do too, or one is the other's initial (V. Zelensky / Volodymyr Zelensky), or
//         they are one letter apart (Ann / Anne);
//   0.6   (Persons) same surname, one name of one word (Zelenskyy / Volodymyr Zelensky);
//   +0.05 per shared neighbour (both `led` the Ukrainian delegation), at most +0.15; the score
//         is at most 1. The reasons name three shared neighbours, then count the rest.
// Pairs recorded as distinct (Store::record_distinct) are left out.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ergraph/graph.hpp"
#include "ergraph/model.hpp"
#include "ergraph/store.hpp"

namespace ergraph {

struct XrefOptions {
  std::string node_type;  // only pairs of this type ("": all)
  double min_score = 0.5;
  std::size_t max_block = 200;
};

struct XrefPair {
  Node a, b;  // a is the one to keep if merged: more edges, then the smaller id (no aliases)
  double score = 0;
  std::vector<std::string> reasons;  // best first
  std::size_t a_degree = 0, b_degree = 0;
};

struct XrefAnswer {
  std::vector<XrefPair> pairs;  // best score first, then by a's id and b's id
  std::size_t skipped_blocks = 0;
  std::size_t nodes = 0;  // nodes looked at
};

XrefAnswer find_duplicates(const Store& store, const GraphSnapshot& graph,
                           const XrefOptions& options);

// The spelling skeleton of one ASCII word (as ascii_words gives it): y and j become i, kh
// becomes h, ck becomes k, w becomes v, ph becomes f, and runs of one letter become one
// (digits stay as they are: 10 is not 100).
std::string spelling_skeleton(const std::string& word);

}  // namespace ergraph
