// render_conflict: a conflict's sides side by side — the subject, each side's claim in a cluster
// with the documents that state it, and the object.
#include <map>
#include <vector>

#include "diagram.hpp"
#include "ergraph/render.hpp"
#include "ergraph/text.hpp"
#include "labels.hpp"
#include "style.hpp"

namespace ergraph {
namespace {

using namespace render;

// The node for the subject or object, drawn in its type's style.
Agnode_t* actor(Agraph_t* root, const Schema& schema, const Node& node) {
  Agnode_t* n = agnode(root, gv(graphviz_name(node.id)), 1);
  const NodeType* type = schema.node_type(node.type);
  const Style style = type ? type->style : Style{};
  set_attr(n, "label", wrap_label(node.name.empty() ? node.id : node.name));
  set_attr(n, "tooltip", graphviz_text(node.type + " " + node.id));
  set_attr(n, "shape", node_shape(style));
  set_attr(n, "style", "filled");
  set_attr(n, "color", node_color(style));
  set_attr(n, "fillcolor", node_fillcolor(style));
  set_attr(n, "fontname", kFont);
  set_attr(n, "fontsize", "11");
  return n;
}

Agedge_t* link(Agraph_t* root, Agnode_t* from, Agnode_t* to, const std::string& name,
               const std::string& label, const std::string& tooltip) {
  Agedge_t* e = agedge(root, from, to, gv(name), 1);
  set_attr(e, "label", graphviz_text(label));
  set_attr(e, "tooltip", graphviz_text(tooltip));
  set_attr(e, "labeltooltip", graphviz_text(tooltip));
  set_attr(e, "fontname", kFont);
  set_attr(e, "fontsize", "9");
  set_attr(e, "color", "#555555");
  return e;
}

}  // namespace

std::string render_conflict(const Store& store, const Conflict& conflict, DiagramFormat format,
                            const DiagramOptions& options) {
  GraphvizSession session;
  Agraph_t* root = session.root();
  declare_attributes(root);
  const std::string title =
      options.title.empty() ? std::string(conflict_kind_name(conflict.kind)) + ": " + conflict.about
                            : options.title;
  set_attr(root, "fontname", kFont);
  set_attr(root, "rankdir", "LR");
  set_attr(root, "label", graphviz_text(title));
  set_attr(root, "labelloc", "t");
  set_attr(root, "tooltip", graphviz_text(title));
  set_attr(root, "outputorder", "edgesfirst");
  const Schema& schema = store.schema();
  Agnode_t* subject = actor(root, schema, conflict.subject);
  Agnode_t* object = conflict.object ? actor(root, schema, *conflict.object) : nullptr;
  std::size_t side_number = 0;
  for (const ConflictSide& side : conflict.sides) {
    const std::string n = std::to_string(++side_number);
    Agraph_t* cluster = agsubg(root, gv("cluster_side" + n), 1);
    set_attr(cluster, "label", graphviz_text("side " + n + ": " + sources_text(side.evidence)));
    set_attr(cluster, "style", "rounded");
    set_attr(cluster, "color", "#bbbbbb");
    Agnode_t* claim = agnode(cluster, gv("ergraph:side" + n), 1);
    set_attr(claim, "label", wrap_label(side.says));
    set_attr(claim, "tooltip", graphviz_text(conflict.about + ": " + side.says));
    set_attr(claim, "shape", "box");
    set_attr(claim, "style", "filled,rounded");
    set_attr(claim, "fillcolor", "#fff4c2");
    set_attr(claim, "color", "#8a6d00");
    set_attr(claim, "fontname", kFont);
    set_attr(claim, "fontsize", "11");
    // The relation itself: subject to claim to object, labelled with the edges' types.
    std::string types;
    for (const Edge& e : side.edges) {
      if (types.find(e.type) == std::string::npos) types += (types.empty() ? "" : ", ") + e.type;
    }
    link(root, subject, claim, "s" + n, types, conflict.subject.name + " —" + types + "→");
    if (object) link(root, claim, object, "o" + n, "", "→ " + conflict.object->name);
    // Each document stating this side once, its quotes as the link's tooltip.
    std::map<std::string, std::string> quotes;  // document id -> its quotes
    for (const Edge& e : side.edges) {
      for (const Citation& c : e.sources) quotes[c.doc] += "“" + c.quote + "”\n";
    }
    std::size_t doc_number = 0;
    for (const auto& [doc_id, text] : quotes) {
      const std::string d = n + "_" + std::to_string(++doc_number);
      const std::optional<Node> doc = store.find_node(doc_id);
      Agnode_t* dn = agnode(cluster, gv("ergraph:doc" + d), 1);
      set_attr(dn, "label", wrap_label(doc ? doc->name : doc_id));
      set_attr(dn, "tooltip", graphviz_text(doc_id));
      set_attr(dn, "shape", "component");
      set_attr(dn, "fontname", kFont);
      set_attr(dn, "fontsize", "10");
      Agedge_t* e = link(root, claim, dn, "d" + d, "stated in", text);
      set_attr(e, "style", "dashed");
    }
  }
  if (format == DiagramFormat::kDot) return write_dot(root);
  return lay_out_and_render(session, "dot", format);
}

}  // namespace ergraph
