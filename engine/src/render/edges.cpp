#include <algorithm>
#include <optional>

#include "ergraph/text.hpp"

#include "diagram.hpp"
#include "labels.hpp"
#include "messages.hpp"
#include "style.hpp"

namespace ergraph::render {
namespace {

// "A —type→ B [date]", then one line per citation: the document's name (or id) and the quote.
std::string edge_tooltip(const Store& store, const DrawnNodes& nodes, const SnapshotEdge& edge,
                         const std::string& type, const std::optional<Edge>& stored,
                         const SourceCount& count) {
  std::string tooltip =
      nodes.names.at(index_of(edge.from)) + " —" + type + "→ " + nodes.names.at(index_of(edge.to));
  if (stored && !stored->date.empty()) tooltip += " [" + stored->date + "]";
  tooltip += "\n" + sources_text(count);
  if (stored) {
    for (const Citation& c : stored->sources) {
      const std::optional<Node> doc = store.find_node(c.doc);
      tooltip += "\n" + (doc ? doc->name : c.doc) + ": “" + c.quote + "”";
    }
  }
  return tooltip;
}

}  // namespace

std::set<std::string> add_edges(Agraph_t* root, const Store& store, const GraphSnapshot& graph,
                                const SourceCounting& sources, const Selection& selection,
                                const DiagramOptions& options, const DrawnNodes& nodes) {
  const bool dates = options.dates;
  const Schema& schema = store.schema();
  std::set<std::uint32_t> hot;
  for (EdgeId e : selection.highlighted_edges) hot.insert(index_of(e));

  std::set<std::string> types;
  std::size_t place = 0;
  for (EdgeId e : selection.edges) {
    const SnapshotEdge edge = graph.edge(e);
    const std::optional<Edge> stored = store.edge_by_key(edge.store_id);
    if (!stored) throw missing_from_tables("edge " + std::to_string(edge.store_id));
    const std::string& type = stored ? stored->type : graph.edge_type_name(e);
    types.insert(type);
    const EdgeType* et = schema.edge_type(type);
    const Style style = et ? et->style : Style{};
    const std::string edge_name = "e" + std::to_string(index_of(e));
    Agedge_t* a = agedge(root, nodes.by_index.at(index_of(edge.from)),
                         nodes.by_index.at(index_of(edge.to)), gv(edge_name), 1);
    const bool is_hot = hot.count(index_of(e)) > 0;
    std::string label = type;
    if (dates && stored && !stored->date.empty()) label += "\n" + stored->date;
    const SourceCount count = sources(stored->sources);
    const std::string tooltip =
        graphviz_text(edge_tooltip(store, nodes, edge, type, stored, count));
    const std::string color = is_hot ? std::string(kHighlight) : edge_color(style);
    set_attr(a, "label", graphviz_text(label));
    set_attr(a, "tooltip", tooltip);
    set_attr(a, "labeltooltip", tooltip);
    set_attr(a, "color", color);
    set_attr(a, "fontcolor", color);
    set_attr(a, "fontname", kFont);
    set_attr(a, "fontsize", "9");
    if (options.evidence_style) {
      // Independent sources 1, 2, 3, ... draw 1, 1.5, 2, ... wide, at most 4; a path's edges
      // stay at least 3 wide so the path still stands out.
      const double width = std::min(4.0, 1.0 + 0.5 * (std::max<double>(count.independent, 1) - 1));
      set_attr(a, "penwidth", float_text(is_hot ? std::max(width, 3.0) : width));
      if (count.documents <= 1) set_attr(a, "style", "dashed");
    } else if (is_hot) {
      set_attr(a, "penwidth", "3");
      set_attr(a, "style", "bold");
    } else if (!style.line.empty()) {
      set_attr(a, "style", style.line);
    }
    if (options.element_ids) set_attr(a, "id", "e" + std::to_string(place));
    ++place;
  }
  return types;
}

}  // namespace ergraph::render
