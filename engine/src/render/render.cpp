// render_diagram: the Graphviz life cycle, one step per line. The steps are in diagram.hpp,
// the plumbing in graphviz.hpp, the layouts and their limits in layout.hpp.
#include "ergraph/render.hpp"

#include <set>
#include <string>

#include "clusters.hpp"
#include "diagram.hpp"
#include "graphviz.hpp"
#include "layout.hpp"

namespace ergraph {

std::string render_diagram(const Store& store, const GraphSnapshot& graph,
                           const SourceCounting& sources, const Selection& selection,
                           DiagramFormat format, const DiagramOptions& options) {
  using namespace render;
  // Refuse bad options before Graphviz is touched.
  const std::string layout = choose_layout(selection, options);
  check_cluster_types(store.schema(), options.cluster_by);
  check_layout_size(selection, format, layout, options.force);

  GraphvizSession session;  // the context, and the root graph; closed at the end of scope
  Agraph_t* root = session.root();
  declare_attributes(root);
  set_graph_attributes(root, options, layout, selection);
  Clusters clusters(root, graph, selection, options.cluster_by);
  const DrawnNodes nodes = add_nodes(root, store, graph, selection, clusters, options.element_ids);
  const std::set<std::string> edge_types =
      add_edges(root, store, graph, sources, selection, options, nodes);
  if (options.legend && !selection.nodes.empty()) {
    add_legend(root, store.schema(), nodes.types, edge_types,
               options.evidence_style && !selection.edges.empty());
  }
  if (format == DiagramFormat::kDot) return write_dot(root);
  return lay_out_and_render(session, layout, format);
}

}  // namespace ergraph
