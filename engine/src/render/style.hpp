// Private to the render layer: the look every diagram shares — font, highlight colour, and the
// defaults for what a schema's style leaves empty. Nodes, edges and the legend all read them
// here, so the legend always shows what the drawing uses.
#pragma once

#include <string>

#include "ergraph/schema.hpp"

namespace ergraph::render {

inline constexpr const char* kFont = "Helvetica";
// Highlighted nodes and edges (a path, a focus) are drawn in this colour, bold.
inline constexpr const char* kHighlight = "#d00000";

// A node type's shape, outline and fill colour, and an edge type's colour: the schema's style,
// or the default where it names none.
inline std::string node_shape(const Style& style) {
  return style.shape.empty() ? "ellipse" : style.shape;
}
inline std::string node_color(const Style& style) {
  return style.color.empty() ? "#333333" : style.color;
}
inline std::string node_fillcolor(const Style& style) {
  return style.fillcolor.empty() ? "#ffffff" : style.fillcolor;
}
inline std::string edge_color(const Style& style) {
  return style.color.empty() ? "#555555" : style.color;
}

}  // namespace ergraph::render
