#include "messages.hpp"

#include "ergraph/spelling.hpp"
#include "ergraph/text.hpp"

namespace ergraph::render {

Error missing_from_tables(const std::string& what) {
  return Error(ErrorCode::kStorage,
               what +
                   " of the graph is not in the database's tables: the file was changed by "
                   "another tool or is damaged ('PRAGMA integrity_check' in sqlite3 tells; "
                   "'DELETE FROM caches' rebuilds the graph from the tables)");
}

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
