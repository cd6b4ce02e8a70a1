// Private to the render layer: every refusal render_diagram shows a user, each built in one
// place, in engine terms: the ones a front end may want to explain in its own words (which flag
// to use) carry a topic (Error::about). Graphviz's own failures are graphviz_failed's
// (graphviz.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ergraph/error.hpp"

namespace ergraph::render {

// "unknown layout 'X' (dot, neato, fdp, sfdp, circo or twopi)" and a suggestion from `known`.
// A node or edge of the graph that the tables no longer hold: the saved graph and the tables
// disagree (rows deleted by another tool, or a damaged file), and the diagram would mix them.
Error missing_from_tables(const std::string& what);

Error unknown_layout(const std::string& layout, const std::vector<std::string>& known);

// "unknown edge type 'X'" and a suggestion from `known`; topic "cluster_by".
Error unknown_cluster_edge_type(const std::string& type, const std::vector<std::string>& known);

// The selection's size and the layout's limit; topic "layout_limit" (DiagramOptions::force goes
// on anyway).
Error too_large_to_lay_out(std::size_t nodes, std::size_t edges, std::size_t limit,
                           const std::string& layout);

}  // namespace ergraph::render
