#include "ergraph/graph_formats.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

#include "ergraph/text.hpp"

namespace ergraph {
namespace {

void data(std::ostream& out, const char* key, std::string_view value) {
  out << "      <data key=\"" << key << "\">" << escape_xml(value) << "</data>\n";
}

nlohmann::json citations_json(const Edge& edge) {
  nlohmann::json list = nlohmann::json::array();
  for (const Citation& c : edge.sources) list.push_back({{"doc", c.doc}, {"quote", c.quote}});
  return list;
}

}  // namespace

void write_graphml(const std::vector<Node>& nodes, const std::vector<Edge>& edges,
                   std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  const char* keys[][2] = {{"label", "node"},   {"type", "node"},       {"name", "node"},
                           {"aliases", "node"}, {"props", "node"},      {"edge_type", "edge"},
                           {"date", "edge"},    {"edge_props", "edge"}, {"citations", "edge"}};
  for (const auto& [name, domain] : keys) {
    const std::string attr = std::string(name) == "edge_type"    ? "type"
                             : std::string(name) == "edge_props" ? "props"
                                                                 : name;
    out << "  <key id=\"" << name << "\" for=\"" << domain << "\" attr.name=\"" << attr
        << "\" attr.type=\"string\"/>\n";
  }
  // Evidence counts (evidence.hpp) as numbers, so a reader can filter or weight by them.
  for (const char* name : {"sources", "independent"}) {
    out << "  <key id=\"" << name << "\" for=\"edge\" attr.name=\"" << name
        << "\" attr.type=\"int\"/>\n";
  }
  out << "  <graph id=\"ergraph\" edgedefault=\"directed\">\n";
  for (const Node& n : nodes) {
    out << "    <node id=\"" << escape_xml(n.id) << "\">\n";
    data(out, "label", n.name);
    data(out, "type", n.type);
    data(out, "name", n.name);
    data(out, "aliases", nlohmann::json(n.aliases).dump());
    data(out, "props", n.props);
    out << "    </node>\n";
  }
  std::size_t index = 0;
  for (const Edge& e : edges) {
    out << "    <edge id=\"e" << index++ << "\" source=\"" << escape_xml(e.from) << "\" target=\""
        << escape_xml(e.to) << "\">\n";
    data(out, "edge_type", e.type);
    data(out, "date", e.date);
    data(out, "edge_props", e.props);
    data(out, "citations", citations_json(e).dump());
    data(out, "sources", std::to_string(e.evidence.documents));
    data(out, "independent", std::to_string(e.evidence.independent));
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

void write_node_link_json(const std::vector<Node>& nodes, const std::vector<Edge>& edges,
                          std::ostream& out) {
  using ordered = nlohmann::ordered_json;
  ordered j;
  j["directed"] = true;
  j["multigraph"] = true;
  j["graph"] = ordered::object();
  j["nodes"] = ordered::array();
  for (const Node& n : nodes) {
    j["nodes"].push_back({{"id", n.id},
                          {"type", n.type},
                          {"name", n.name},
                          {"aliases", n.aliases},
                          {"props", ordered::parse(n.props)}});
  }
  j["links"] = ordered::array();
  for (const Edge& e : edges) {
    ordered citations = ordered::array();
    for (const Citation& c : e.sources) citations.push_back({{"doc", c.doc}, {"quote", c.quote}});
    j["links"].push_back({{"source", e.from},
                          {"target", e.to},
                          {"type", e.type},
                          {"date", e.date.empty() ? ordered() : ordered(e.date)},
                          {"props", ordered::parse(e.props)},
                          {"citations", citations},
                          {"sources", e.evidence.documents},
                          {"independent", e.evidence.independent}});
  }
  out << j.dump(2) << '\n';
}

}  // namespace ergraph
