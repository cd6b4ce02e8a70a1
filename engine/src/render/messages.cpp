#include "messages.hpp"

#include "ergraph/text.hpp"

namespace ergraph::render {

Error unknown_layout(const std::string& layout, const std::vector<std::string>& known) {
  return Error(ErrorCode::kInvalidInput, "unknown layout '" + layout +
                                             "' (dot, neato, fdp, sfdp, circo or twopi)" +
                                             did_you_mean(layout, known));
}

Error unknown_cluster_edge_type(const std::string& type, const std::vector<std::string>& known) {
  return Error(ErrorCode::kInvalidInput, unknown_name("edge type", type, known))
      .about("cluster_by", type);
}

Error too_large_to_lay_out(std::size_t nodes, std::size_t edges, std::size_t limit,
                           const std::string& layout) {
  return Error(ErrorCode::kInvalidInput,
               "the selection has " + std::to_string(nodes) + " nodes and " +
                   std::to_string(edges) + " edges; laying out more than " + std::to_string(limit) +
                   " edges with " + layout + " takes minutes")
      .about("layout_limit", layout);
}

}  // namespace ergraph::render
