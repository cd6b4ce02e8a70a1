// "the Russian delegation", "Russia's delegation", "delegations of Ukraine and Russia",
// "Ukrainian and Russian delegations": a Delegation node per country, each representing it, and
// the last two countries named together kept as the report's "both sides".
#pragma once

#include <vector>

#include "mentions.hpp"

namespace ergraph::extract {

// Rewrites the sentence's country mentions that name delegations into Delegation mentions (a
// group for several), adding the implied `represents` edges to `out.implied`.
void find_delegations(const std::vector<Token>& tokens, SentenceMentions& out, Registry& registry,
                      DocumentState& doc);

}  // namespace ergraph::extract
