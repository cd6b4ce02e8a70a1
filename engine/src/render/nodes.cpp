#include <optional>

#include "diagram.hpp"
#include "labels.hpp"
#include "messages.hpp"
#include "style.hpp"

namespace ergraph::render {
namespace {

// "Person · p:a", and the aliases on a line of their own.
std::string node_tooltip(const std::string& type, const std::string& id,
                         const std::optional<Node>& node) {
  std::string tooltip = type + " · " + id;
  if (node && !node->aliases.empty()) {
    tooltip += "\naliases: ";
    for (std::size_t k = 0; k < node->aliases.size(); ++k)
      tooltip += (k ? ", " : "") + node->aliases[k];
  }
  return tooltip;
}

}  // namespace

DrawnNodes add_nodes(Agraph_t* root, const Store& store, const GraphSnapshot& graph,
                     const Selection& selection, Clusters& clusters, bool element_ids) {
  const Schema& schema = store.schema();
  std::set<std::uint32_t> hot;
  for (VertexId v : selection.highlighted_nodes) hot.insert(index_of(v));

  DrawnNodes drawn;
  std::size_t place = 0;
  for (VertexId v : selection.nodes) {
    const std::uint32_t i = index_of(v);
    const std::string& id = graph.node_id(v);
    // The node is named before its cluster is made: names are numbered in the order they are
    // first seen, and that order is in the output.
    std::string gv_name = graphviz_name(id);
    // Made unique where escaping made two ids alike ("a\x01" and "a\x02" are both "a\uFFFD").
    for (int copy = 2; agnode(root, gv(gv_name), 0) != nullptr; ++copy) {
      gv_name = graphviz_name(id) + " (" + std::to_string(copy) + ")";
    }
    Agnode_t* n = agnode(root, gv(gv_name), 1);
    Agraph_t* home = clusters.home(i);
    if (home != root) agsubnode(home, n, 1);
    drawn.by_index[i] = n;
    const std::optional<Node> stored = store.find_node(id);
    if (!stored) throw missing_from_tables("node " + id);
    // The type as the tables hold it, like the name: a saved graph image is derived data, and
    // where a damaged file makes the two differ, the drawing follows the tables.
    const std::string& type = stored->type;
    drawn.types.insert(type);
    const NodeType* nt = schema.node_type(type);
    const Style style = nt ? nt->style : Style{};
    const bool is_hot = hot.count(i) > 0;
    const std::string& name = drawn.names[i] = stored ? stored->name : graph.node_name(v);
    set_attr(n, "label", wrap_label(name));
    set_attr(n, "tooltip", graphviz_text(node_tooltip(type, id, stored)));
    set_attr(n, "shape", node_shape(style));
    set_attr(n, "style", is_hot ? "filled,bold" : "filled");
    set_attr(n, "color", is_hot ? std::string(kHighlight) : node_color(style));
    set_attr(n, "fillcolor", node_fillcolor(style));
    set_attr(n, "fontname", kFont);
    set_attr(n, "fontsize", "11");
    if (is_hot) set_attr(n, "penwidth", "3");
    if (element_ids) set_attr(n, "id", "n" + std::to_string(place));
    ++place;
  }
  return drawn;
}

}  // namespace ergraph::render
