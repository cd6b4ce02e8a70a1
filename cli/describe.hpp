// How the CLI shows nodes, edges and their citations to a person and as JSON: shared by show,
// path and neighbors so an edge reads the same everywhere.
#pragma once

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <map>
#include <string>
#include <string_view>

#include "ergraph/database.hpp"

namespace ergraph::cli {

// Looks nodes up once each (names of endpoints and cited documents).
class NodeNames {
 public:
  explicit NodeNames(Database& db) : db_(db) {}
  // The node's name; its id when there is no such node.
  const std::string& name(const std::string& id);

 private:
  Database& db_;
  std::map<std::string, std::string, std::less<>> cache_;
};

// "A —type→ B" when walked along the edge, "A ←type— B" when against it; names, not ids.
std::string hop_text(std::string_view here, std::string_view there, std::string_view type,
                     bool along);

// What follows an edge on its line: "  [date]" when dated, then "  (3 sources, 2 independent)".
std::string edge_suffix(const Edge& edge);

// One line per citation: '    Document name: “quote”'.
void print_citations(std::ostream& out, const Edge& edge, NodeNames& names, const char* indent);

// {"id","type","name"}.
nlohmann::ordered_json node_json(const Node& node);
// {"type","from","to","date","props","citations":[{"doc","doc_name","quote"}],"sources",
//  "independent"}.
nlohmann::ordered_json edge_json(const Edge& edge, NodeNames& names);
// edge_json and "direction": "forward" or "backward" as walked.
nlohmann::ordered_json hop_json(const CitedHop& hop, NodeNames& names);

}  // namespace ergraph::cli
