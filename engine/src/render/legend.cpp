#include "diagram.hpp"
#include "ergraph/text.hpp"
#include "style.hpp"

namespace ergraph::render {
namespace {

// An HTML-like table: a row per node type (its name in its colours, its shape), then a row per
// edge type (—name→ in its colour). HTML-like labels are taken as written: escape_xml it all.
std::string legend_table(const Schema& schema, const std::set<std::string>& node_types,
                         const std::set<std::string>& edge_types, bool evidence) {
  std::string html = "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">";
  for (const NodeType& t : schema.node_types()) {
    if (!node_types.count(t.name)) continue;
    html += "<TR><TD BGCOLOR=\"" + escape_xml(node_fillcolor(t.style)) + "\"><FONT COLOR=\"" +
            escape_xml(node_color(t.style)) + "\">" + escape_xml(t.name) + "</FONT></TD><TD>" +
            escape_xml(node_shape(t.style)) + "</TD></TR>";
  }
  for (const EdgeType& t : schema.edge_types()) {
    if (!edge_types.count(t.name)) continue;
    html += "<TR><TD COLSPAN=\"2\"><FONT COLOR=\"" + escape_xml(edge_color(t.style)) + "\">—" +
            escape_xml(t.name) + "→</FONT></TD></TR>";
  }
  if (evidence) {
    html +=
        "<TR><TD COLSPAN=\"2\">line width: independent sources</TD></TR>"
        "<TR><TD COLSPAN=\"2\">- - - dashed: a single source</TD></TR>";
  }
  return html + "</TABLE>";
}

}  // namespace

void add_legend(Agraph_t* root, const Schema& schema, const std::set<std::string>& node_types,
                const std::set<std::string>& edge_types, bool evidence) {
  const std::string html = legend_table(schema, node_types, edge_types, evidence);
  Agraph_t* legend = agsubg(root, gv("cluster_legend"), 1);
  set_attr(legend, "label", "Legend");
  set_attr(legend, "style", "rounded");
  set_attr(legend, "color", "#bbbbbb");
  Agnode_t* n = agnode(legend, gv("ergraph:legend"), 1);
  set_attr(n, "shape", "plaintext");
  // Passed as the interned HTML string itself: that is what marks the label as HTML-like.
  agsafeset(n, gv("label"), agstrdup_html(root, gv(html)), gv(""));
  set_attr(n, "tooltip", "node and edge types in this diagram");
  set_attr(n, "fontname", kFont);
  set_attr(n, "fontsize", "10");
}

}  // namespace ergraph::render
