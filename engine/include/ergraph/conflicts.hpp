// ergraph/conflicts.hpp — where the sources disagree, each side with the edges and citations
// that state it.
//
// Four kinds, all read from the stored edges:
//   - opposed stances: one actor holds both edge types of a pair the schema declares under
//     `opposes:` (agreed / rejected) towards the same node;
//   - different values: the same relation with different values of a property (not one the
//     schema lists under `free_text:`), from at least two documents. The same relation is (from,
//     type, to); an edge from a Document (a report's own statement, such as `reported`) is the
//     document's claim about its target, so such edges are one relation per (type, to): five
//     reports giving the meeting's duration are one;
//   - different dates: the same (from, type, to) at dates that cannot be the same day (ranges
//     that do not overlap: 2025-05 and 2025-05-16 agree, 2025-05-16 and 2025-05-17 do not);
//   - different titles: one actor given different `title` values (compared by name key) on
//     its edges, by at least two documents.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ergraph/evidence.hpp"
#include "ergraph/model.hpp"
#include "ergraph/store.hpp"

namespace ergraph {

enum class ConflictKind { kOpposedStances, kDifferentValues, kDifferentDates, kDifferentTitles };

// "opposed stances", "different values", "different dates", "different titles".
const char* conflict_kind_name(ConflictKind kind);

struct ConflictSide {
  std::string says;         // the edge type, the property value, the date or the title
  std::vector<Edge> edges;  // the edges stating it, with their citations and evidence counts
  SourceCount evidence;     // over the citations of all its edges
};

struct Conflict {
  ConflictKind kind = ConflictKind::kOpposedStances;
  Node subject;                // the actor, or the node a report's claim is about
  std::optional<Node> object;  // the node the relation joins it to, when one
  std::string
      about;  // the property ("duration", "title"), the types ("agreed / rejected") or "date"
  std::vector<ConflictSide> sides;  // two or more, ordered by what they say
};

// Every conflict among the stored edges, or only those whose edges touch `node_id` (when not
// ""), ordered by kind, subject id, object id and property: O(E + C) for all, O(d(v)) for one
// node. Nodes carry id, type and name.
std::vector<Conflict> find_conflicts(const Store& store, const SourceCounter& counter,
                                     const std::string& node_id);

}  // namespace ergraph
