// The options that narrow a traversal (path, neighbors, and later export selections): one
// definition, added to each command that walks the graph.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ergraph/query.hpp"
#include "ergraph/store.hpp"

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

  // True when any option is set (for commands where filters make no sense).
  bool narrows_anything() const;

  // Resolves names (avoid) against the store and dates against their ranges; Error(kUsage)
  // for contradictory dates, Error(kNotFound)/(kInvalidInput) for names.
  TraversalFilter to_filter(const Store& store, const GraphSnapshot& graph) const;
};

// Adds --directed, --edge-types, --skip-edge-types, --node-types, --avoid, --at, --from, --to,
// --dated-only and (when `with_max_hops`) --max-hops to `sub`.
void add_traversal_options(CLI::App& sub, TraversalOptions& options, bool with_max_hops);

}  // namespace ergraph::cli
