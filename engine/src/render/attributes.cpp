#include "diagram.hpp"
#include "labels.hpp"
#include "style.hpp"

namespace ergraph::render {

void declare_attributes(Agraph_t* root) {
  for (const char* name : {"rankdir", "label", "labelloc", "fontname", "fontsize", "overlap",
                           "outputorder", "tooltip", "style", "color", "bgcolor", "newrank"}) {
    agattr(root, AGRAPH, gv(name), gv(""));
  }
  agattr(root, AGNODE, gv("label"), gv("\\N"));
  for (const char* name : {"shape", "style", "color", "fillcolor", "tooltip", "penwidth",
                           "fontname", "fontsize", "margin"}) {
    agattr(root, AGNODE, gv(name), gv(""));
  }
  for (const char* name : {"label", "color", "fontcolor", "style", "tooltip", "penwidth",
                           "fontname", "fontsize", "labeltooltip"}) {
    agattr(root, AGEDGE, gv(name), gv(""));
  }
}

void set_graph_attributes(Agraph_t* root, const DiagramOptions& options, const std::string& layout,
                          const Selection& selection) {
  set_attr(root, "fontname", kFont);
  set_attr(root, "outputorder", "edgesfirst");
  set_attr(root, "tooltip", graphviz_text(options.title.empty() ? "ergraph" : options.title));
  if (!options.title.empty()) {
    set_attr(root, "label", graphviz_text(options.title));
    set_attr(root, "labelloc", "t");
  }
  if (layout == "dot" && selection.highlighted_edges.size() == selection.edges.size() &&
      !selection.edges.empty()) {
    set_attr(root, "rankdir", "LR");  // a path alone reads left to right
  }
  if (layout != "dot") {
    set_attr(root, "overlap", "false");
    // The DOT names the engine it was styled for: `dot -Tsvg file.dot` then lays it out with it.
    // Not declared above: agsafeset declares it on first use.
    set_attr(root, "layout", layout);
  }
}

}  // namespace ergraph::render
