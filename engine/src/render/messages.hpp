// Private to the render layer: every refusal render_diagram shows a user, each built in one
// place. Three of them still speak the CLI's language (they name --cluster-by, --focus,
// --format, --force ...); they are marked "CLI words" so that moving those hints into the CLI
// touches this file and its callers only. Graphviz's own failures are graphviz_failed's
// (graphviz.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ergraph/error.hpp"

namespace ergraph::render {

// "unknown layout 'X' (dot, neato, fdp, sfdp, circo or twopi)" and a suggestion from `known`.
Error unknown_layout(const std::string& layout, const std::vector<std::string>& known);

// CLI words. "--cluster-by: unknown edge type 'X'" and a suggestion from `known`.
Error unknown_cluster_edge_type(const std::string& type, const std::vector<std::string>& known);

// CLI words. The selection's size, the layout's limit, and how to narrow it or go on anyway.
Error too_large_to_lay_out(std::size_t nodes, std::size_t edges, std::size_t limit,
                           const std::string& layout);

}  // namespace ergraph::render
