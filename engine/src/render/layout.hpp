// Private to the render layer: which Graphviz layout draws a selection, and how large a
// selection each may be given. The public part (default_layout, layout_edge_limit) is declared
// in ergraph/render.hpp.
#pragma once

#include <string>

#include "ergraph/render.hpp"

namespace ergraph::render {

// The layout `options` names, or default_layout's choice for the selection's size.
// Error(kInvalidInput) when the named layout is not one Graphviz offers here.
std::string choose_layout(const Selection& selection, const DiagramOptions& options);

// Error(kInvalidInput) when laying out `selection` with `layout` would take minutes (more than
// layout_edge_limit edges) and `force` is off. DOT is written without a layout: never refused.
void check_layout_size(const Selection& selection, DiagramFormat format, const std::string& layout,
                       bool force);

}  // namespace ergraph::render
