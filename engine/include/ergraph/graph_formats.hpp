// ergraph/graph_formats.hpp — a set of nodes and edges for other graph tools: GraphML (Gephi,
// yEd, Cytoscape, NetworkX) and node-link JSON (D3, Cytoscape.js, NetworkX).
#pragma once

#include <iosfwd>
#include <vector>

#include "ergraph/model.hpp"

namespace ergraph {

// GraphML with keys: node label, type, name, aliases (JSON list), props (JSON); edge type,
// date, props (JSON), citations (JSON list of {doc, quote}), sources and independent (int, the
// edge's evidence counts). Text is XML-escaped; characters
// XML 1.0 cannot hold become U+FFFD. Edges must join listed nodes.
void write_graphml(const std::vector<Node>& nodes, const std::vector<Edge>& edges,
                   std::ostream& out);

// {"directed": true, "multigraph": true, "nodes": [{id, type, name, aliases, props}],
//  "links": [{source, target, type, date, props, citations: [{doc, quote}], sources,
//  independent}]}
void write_node_link_json(const std::vector<Node>& nodes, const std::vector<Edge>& edges,
                          std::ostream& out);

}  // namespace ergraph
