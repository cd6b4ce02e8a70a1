// The options that narrow a traversal (path, neighbors, and later export selections): one
// definition, added to each command that walks the graph.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ergraph/database.hpp"

namespace CLI {
class App;
}

namespace ergraph::cli {

struct TraversalOptions {
  bool directed = false;
  std::vector<std::string> edge_types;
  std::vector<std::string> skip_edge_types;
  std::vector<std::string> node_types;
  std::vector<std::string> avoid;
  std::string at, from, to;
  bool dated_only = false;
  int max_hops = -1;
  EvidenceFilter evidence;

  // True when any option is set (for commands where filters make no sense).
  bool narrows_anything() const;

  // The engine's traversal spec, dates turned into their ranges; Error(kUsage) naming the flag
  // for a date that is not one or for contradictory dates. Names (--avoid) are the engine's to
  // resolve.
  TraversalSpec to_spec() const;
};

// Adds --directed, --edge-types, --skip-edge-types, --node-types, --avoid, --at, --from, --to,
// --dated-only, the evidence options and (when `with_max_hops`) --max-hops to `sub`.
void add_traversal_options(CLI::App& sub, TraversalOptions& options, bool with_max_hops);

// Adds --min-sources, --min-independent, --source and --exclude-source to `sub`.
void add_evidence_options(CLI::App& sub, EvidenceFilter& evidence);

}  // namespace ergraph::cli
