// ergraph/render.hpp — diagrams of a selection, built as a Graphviz cgraph graph and written as
// DOT (agwrite) or laid out and rendered in-process by gvc (SVG, PNG, PDF).
//
// Nodes are drawn with their type's schema style and labelled with their (wrapped) name; the
// tooltip holds type, id and aliases. Edges are labelled with their type (and date with
// `dates`) and coloured per type; the tooltip holds its sources count and every citation, so
// hovering an edge in a browser shows the evidence, and its line shows how much there is. The same
// store, selection and options give the same bytes.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ergraph/conflicts.hpp"
#include "ergraph/evidence.hpp"
#include "ergraph/graph.hpp"
#include "ergraph/query.hpp"
#include "ergraph/store.hpp"

namespace ergraph {

enum class DiagramFormat { kDot, kSvg, kPng, kPdf };

struct DiagramOptions {
  std::string layout;                   // dot, neato, fdp, sfdp, circo, twopi; "" chooses
  bool dates = false;                   // add the date to edge labels
  std::vector<std::string> cluster_by;  // edge types whose target groups its sources
  bool legend = true;
  bool force = false;  // lay out even past the size limit
  std::string title;
  // Line weight grows with an edge's independent sources and an edge with one source is dashed
  // (the legend says so); off, edges take their type's line style.
  bool evidence_style = true;
  // SVG: nodes get the id n<k> and edges e<k>, k their place in the selection (the page of
  // render_view finds them by it); off, Graphviz numbers them itself.
  bool element_ids = false;
};

// The layout used when none is named: dot up to kDotMaxEdges edges, sfdp beyond.
std::string default_layout(std::size_t nodes, std::size_t edges);

// The largest selection (in edges) each layout lays out in well under a minute on this
// machine's kind (2 cores); measured by bench/layout_limits.sh, recorded in
// bench/layout-limits.md.
std::size_t layout_edge_limit(const std::string& layout);

// Renders the selection. Error(kInvalidInput) for an unknown layout or cluster edge type, or a
// selection past the layout's limit without `force` (the message names the size and what to do);
// Error(kInternal) with Graphviz's own message if layout or rendering fails.
std::string render_diagram(const Store& store, const GraphSnapshot& graph,
                           const SourceCounting& sources, const Selection& selection,
                           DiagramFormat format, const DiagramOptions& options);

// One self-contained HTML page of the selection, to explore offline: the SVG laid out by
// Graphviz as render_diagram draws it (without its legend: the page has its own), the data
// (nodes with aliases, props and name keys; edges with dates, props, citations and evidence
// counts; the cited documents with their texts; the types' styles) as JSON, and the page's own
// script and style (engine/src/render/view/). A Content-Security-Policy allows only that script
// and style, by hash: the page loads nothing and runs nothing else. The selection is put in id
// order first, so its path finder walks the edges in the order the engine's does. The same
// refusals as render_diagram (unknown layout, past the size limit without `force`).
std::string render_view(const Store& store, const GraphSnapshot& graph,
                        const SourceCounting& sources, const Selection& selection,
                        const DiagramOptions& options);

// A conflict with its sides side by side, left to right: the subject, then per side a cluster
// with what it says and the documents stating it (the quote as each link's tooltip), then the
// object. Options: title, legend (off: none), layout is always dot.
std::string render_conflict(const Store& store, const Conflict& conflict, DiagramFormat format,
                            const DiagramOptions& options);

}  // namespace ergraph
