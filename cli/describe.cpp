#include "describe.hpp"

#include <ostream>

namespace ergraph::cli {

const std::string& NodeNames::name(const std::string& id) {
  auto it = cache_.find(id);
  if (it == cache_.end()) it = cache_.emplace(id, db_.node_name(id).value_or(id)).first;
  return it->second;
}

std::string hop_text(std::string_view here, std::string_view there, std::string_view type,
                     bool along) {
  std::string text;
  text.reserve(here.size() + there.size() + type.size() + 10);
  text.append(here).append(along ? " —" : " ←").append(type).append(along ? "→ " : "— ");
  return text.append(there);
}

std::string edge_suffix(const Edge& edge) {
  std::string text;
  if (!edge.date.empty()) text += "  [" + edge.date + "]";
  return text + "  (" + sources_text(edge.evidence) + ")";
}

void print_citations(std::ostream& out, const Edge& edge, NodeNames& names, const char* indent) {
  for (const Citation& c : edge.sources) {
    out << indent << names.name(c.doc) << ": “" << c.quote << "”\n";
  }
  if (edge.sources.empty()) out << indent << "(no citation)\n";
}

nlohmann::ordered_json node_json(const Node& node) {
  return {{"id", node.id}, {"type", node.type}, {"name", node.name}};
}

nlohmann::ordered_json edge_json(const Edge& edge, NodeNames& names) {
  nlohmann::ordered_json j;
  j["type"] = edge.type;
  j["from"] = edge.from;
  j["to"] = edge.to;
  j["date"] = edge.date.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(edge.date);
  j["props"] = nlohmann::ordered_json::parse(edge.props);
  j["citations"] = nlohmann::ordered_json::array();
  for (const Citation& c : edge.sources) {
    j["citations"].push_back({{"doc", c.doc}, {"doc_name", names.name(c.doc)}, {"quote", c.quote}});
  }
  j["sources"] = edge.evidence.documents;
  j["independent"] = edge.evidence.independent;
  return j;
}
nlohmann::ordered_json hop_json(const CitedHop& hop, NodeNames& names) {
  nlohmann::ordered_json j = edge_json(hop.edge, names);
  j["direction"] = hop.along ? "forward" : "backward";
  return j;
}

}  // namespace ergraph::cli
