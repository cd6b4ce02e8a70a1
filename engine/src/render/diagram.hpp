// Private to the render layer: the steps render_diagram takes on a session's root graph, in
// the order it takes them, one file each:
//   attributes.cpp  declare_attributes, set_graph_attributes
//   nodes.cpp       add_nodes        edges.cpp   add_edges        legend.cpp  add_legend
//   output.cpp      write_dot, lay_out_and_render
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "clusters.hpp"
#include "ergraph/render.hpp"
#include "graphviz.hpp"

namespace ergraph::render {

// Declares on the root every attribute any step sets, with its default: Graphviz ignores
// agset on an undeclared name, so this comes before any node or edge.
void declare_attributes(Agraph_t* root);

// The graph's own attributes: font, title (label and tooltip), left-to-right for a path alone
// drawn by dot, and for other layouts no overlaps and the layout's name (so that
// `dot -Tsvg file.dot` lays the DOT out as it was styled).
void set_graph_attributes(Agraph_t* root, const DiagramOptions& options, const std::string& layout,
                          const Selection& selection);

// The nodes drawn, for the edges and the legend.
struct DrawnNodes {
  std::map<std::uint32_t, Agnode_t*> by_index;  // vertex index -> its Graphviz node
  // vertex index -> its name as the store has it. Labels and tooltips read names, types and
  // citations from the store, never half from the snapshot: a diagram shows one state of the
  // data even where the saved graph and damaged table rows disagree.
  std::map<std::uint32_t, std::string> names;
  std::set<std::string> types;  // node types present
};

// One node per selected vertex, in selection order, named by its id, placed in its cluster:
// the wrapped name as label, type, id and aliases as tooltip, its type's style, and bold in the
// highlight colour when highlighted; with `element_ids` the SVG id n<k>, k its place.
DrawnNodes add_nodes(Agraph_t* root, const Store& store, const GraphSnapshot& graph,
                     const Selection& selection, Clusters& clusters, bool element_ids);

// One edge per selected edge, in selection order, named e<index>: its type (and date with
// `dates`) as label, coloured and styled per type or highlighted, and every citation in the
// tooltip; with options.element_ids the SVG id e<k>, k its place. Returns the edge types
// present.
// With options.evidence_style the line shows the evidence instead of the type's line style:
// width 1 + (independent sources - 1) / 2, at most 4; dashed with a single document.
std::set<std::string> add_edges(Agraph_t* root, const Store& store, const GraphSnapshot& graph,
                                const SourceCounting& sources, const Selection& selection,
                                const DiagramOptions& options, const DrawnNodes& nodes);

// A cluster holding one HTML-like table of the node and edge types present, in schema order,
// and with `evidence` how line weight and dashes read.
void add_legend(Agraph_t* root, const Schema& schema, const std::set<std::string>& node_types,
                const std::set<std::string>& edge_types, bool evidence);

// The graph as DOT text (agwrite), without a layout. Error(kInternal) when Graphviz fails.
std::string write_dot(Agraph_t* root);

// Lays the root out with `layout`, renders it in `format` (SVG, PNG or PDF) to bytes, and frees
// the layout. Error(kInternal) with Graphviz's message when either step fails.
std::string lay_out_and_render(const GraphvizSession& session, const std::string& layout,
                               DiagramFormat format);

}  // namespace ergraph::render
