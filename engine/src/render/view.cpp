// render_view: one HTML page holding a selection's drawing, its data and the script that
// explores it. The page skeleton, script and style are files in view/, compiled in by CMake
// with the SHA-256 of the script and the style for the Content-Security-Policy.
#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

#include "ergraph/error.hpp"
#include "ergraph/render.hpp"
#include "ergraph/text.hpp"
#include "messages.hpp"
#include "style.hpp"

namespace ergraph {

// view_assets.cpp, generated from view/ by CMake.
extern const char* const kViewPage;
extern const char* const kViewScript;
extern const char* const kViewStyle;
extern const char* const kViewScriptSha256;  // hex
extern const char* const kViewStyleSha256;

namespace render {
namespace {

using ordered = nlohmann::ordered_json;

// A SHA-256 in hex as CSP wants it: base64.
std::string hex_to_base64(std::string_view hex) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t chunk = static_cast<std::uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) chunk |= static_cast<std::uint8_t>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) chunk |= static_cast<std::uint8_t>(bytes[i + 2]);
    out += kDigits[(chunk >> 18) & 63];
    out += kDigits[(chunk >> 12) & 63];
    out += i + 1 < bytes.size() ? kDigits[(chunk >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kDigits[chunk & 63] : '=';
  }
  return out;
}

// JSON safe inside <script type="application/json">: no '<', '>' or '&' at all (each only
// ever inside a string, where \uXXXX means the same), so no text of the data can end the
// element or open a comment.
std::string json_for_html(const ordered& data) {
  const std::string text = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else {
      out += c;
    }
  }
  return out;
}

// The SVG element alone: Graphviz's XML declaration and doctype do not belong inside HTML.
std::string svg_element(const std::string& svg) {
  const std::size_t at = svg.find("<svg");
  if (at == std::string::npos) throw Error(ErrorCode::kInternal, "Graphviz wrote no <svg>");
  return svg.substr(at);
}

// The selection in id order (vertices and edges are numbered in it), so that the page's rows,
// built from its arrays, list neighbours in the order the snapshot's do.
Selection in_id_order(Selection selection) {
  std::sort(selection.nodes.begin(), selection.nodes.end());
  std::sort(selection.edges.begin(), selection.edges.end());
  return selection;
}

ordered parsed_props(const std::string& props) {
  ordered parsed = ordered::parse(props, nullptr, false);
  return parsed.is_discarded() ? ordered::object() : parsed;
}

// The page's data: what the panel, the search, the filters and the path finder read.
ordered view_data(const Store& store, const GraphSnapshot& graph, const SourceCounting& sources,
                  const Selection& selection, const std::string& title) {
  const Schema& schema = store.schema();
  std::map<std::uint32_t, std::size_t> place;  // vertex index -> its place in the page
  ordered nodes = ordered::array();
  std::set<std::string> node_types;
  for (VertexId v : selection.nodes) {
    const std::string& id = graph.node_id(v);
    const std::optional<Node> node = store.find_node(id);
    if (!node) throw missing_from_tables("node " + id);
    place.emplace(index_of(v), place.size());
    std::vector<std::string> keys{name_key(node->name)};
    for (const std::string& alias : node->aliases) keys.push_back(name_key(alias));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    node_types.insert(node->type);
    nodes.push_back({{"id", node->id},
                     {"type", node->type},
                     {"name", node->name},
                     {"aliases", node->aliases},
                     {"props", parsed_props(node->props)},
                     {"keys", keys}});
  }
  std::vector<Edge> stored_edges;
  std::set<std::string> doc_ids, edge_types;
  for (EdgeId e : selection.edges) {
    const SnapshotEdge edge = graph.edge(e);
    std::optional<Edge> stored = store.edge_by_key(edge.store_id);
    if (!stored) throw missing_from_tables("edge " + std::to_string(edge.store_id));
    for (const Citation& c : stored->sources) doc_ids.insert(c.doc);
    edge_types.insert(stored->type);
    stored_edges.push_back(std::move(*stored));
  }
  std::map<std::string, std::size_t> doc_place;
  ordered docs = ordered::array();
  for (const std::string& id : doc_ids) {
    doc_place.emplace(id, doc_place.size());
    const std::optional<Node> doc = store.find_node(id);
    const std::optional<std::string> text = store.document_text(id);
    docs.push_back(
        {{"id", id}, {"name", doc ? doc->name : id}, {"text", text ? ordered(*text) : ordered()}});
  }
  ordered edges = ordered::array();
  for (std::size_t k = 0; k < selection.edges.size(); ++k) {
    const SnapshotEdge edge = graph.edge(selection.edges[k]);
    const Edge& stored = stored_edges[k];
    const SourceCount count = sources(stored.sources);
    ordered cites = ordered::array();
    for (const Citation& c : stored.sources) cites.push_back({doc_place.at(c.doc), c.quote});
    const std::optional<DateRange> range = date_range(stored.date);
    edges.push_back({{"from", place.at(index_of(edge.from))},
                     {"to", place.at(index_of(edge.to))},
                     {"type", stored.type},
                     {"date", stored.date},
                     {"first", range ? range->first : 0},
                     {"last", range ? range->last : 0},
                     {"props", parsed_props(stored.props)},
                     {"cites", cites},
                     {"sources", count.documents},
                     {"independent", count.independent}});
  }
  // The types present, in schema order, with the styles the drawing uses: the legend.
  ordered legend_nodes = ordered::array(), legend_edges = ordered::array();
  for (const std::string& name : schema.node_type_names()) {
    if (!node_types.count(name)) continue;
    const NodeType* type = schema.node_type(name);
    const Style style = type ? type->style : Style{};
    legend_nodes.push_back({{"name", name},
                            {"shape", node_shape(style)},
                            {"color", node_color(style)},
                            {"fill", node_fillcolor(style)}});
  }
  for (const std::string& name : schema.edge_type_names()) {
    if (!edge_types.count(name)) continue;
    const EdgeType* type = schema.edge_type(name);
    legend_edges.push_back({{"name", name}, {"color", edge_color(type ? type->style : Style{})}});
  }
  ordered highlighted_nodes = ordered::array(), highlighted_edges = ordered::array();
  for (VertexId v : selection.highlighted_nodes) {
    if (place.count(index_of(v))) highlighted_nodes.push_back(place.at(index_of(v)));
  }
  std::map<std::uint32_t, std::size_t> edge_place;
  for (std::size_t k = 0; k < selection.edges.size(); ++k)
    edge_place.emplace(index_of(selection.edges[k]), k);
  for (EdgeId e : selection.highlighted_edges) {
    if (edge_place.count(index_of(e))) highlighted_edges.push_back(edge_place.at(index_of(e)));
  }
  return {{"format", 1},
          {"title", title},
          {"highlight", kHighlight},
          {"node_types", legend_nodes},
          {"edge_types", legend_edges},
          {"nodes", nodes},
          {"edges", edges},
          {"docs", docs},
          {"highlighted_nodes", highlighted_nodes},
          {"highlighted_edges", highlighted_edges}};
}

// The skeleton with each {{NAME}} replaced once, left to right: what is put in is never read
// again for placeholders, so no data can inject one.
std::string fill_page(std::string_view page, const std::map<std::string, std::string>& parts) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = page.find("{{", at);
    if (open == std::string_view::npos) break;
    const std::size_t close = page.find("}}", open);
    if (close == std::string_view::npos) break;
    const auto part = parts.find(std::string(page.substr(open + 2, close - open - 2)));
    if (part == parts.end()) throw Error(ErrorCode::kInternal, "view page: unknown placeholder");
    out.append(page.substr(at, open - at));
    out += part->second;
    at = close + 2;
  }
  out.append(page.substr(at));
  return out;
}

}  // namespace
}  // namespace render

std::string render_view(const Store& store, const GraphSnapshot& graph,
                        const SourceCounting& sources, const Selection& selection,
                        const DiagramOptions& options) {
  using namespace render;
  const Selection ordered_selection = in_id_order(selection);
  DiagramOptions drawing = options;
  drawing.legend = false;  // the page shows its own, with the filters
  drawing.element_ids = true;
  drawing.title.clear();  // the page's heading says it
  const std::string svg =
      render_diagram(store, graph, sources, ordered_selection, DiagramFormat::kSvg, drawing);
  const std::string title = options.title.empty() ? "ergraph" : options.title;
  const std::string csp = "default-src 'none'; script-src 'sha256-" +
                          hex_to_base64(kViewScriptSha256) + "'; style-src 'sha256-" +
                          hex_to_base64(kViewStyleSha256) +
                          "'; img-src data:; base-uri 'none'; form-action 'none'";
  return fill_page(
      kViewPage,
      {{"CSP", csp},
       {"TITLE", escape_xml(title)},
       {"STYLE", kViewStyle},
       {"SVG", svg_element(svg)},
       {"DATA", json_for_html(view_data(store, graph, sources, ordered_selection, options.title))},
       {"SCRIPT", kViewScript}});
}

}  // namespace ergraph
