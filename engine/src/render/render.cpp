#include "ergraph/render.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>

#include "ergraph/error.hpp"
#include "ergraph/text.hpp"

#if defined(__SANITIZE_ADDRESS__)
// In the sanitizer build, LeakSanitizer ignores what Graphviz and the font libraries it loads
// keep for the life of the process (plugin and layout state, fontconfig's caches). Any program
// that links the render layer gets this; our own code is not excused.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libgvc.so\n"
         "leak:libcgraph.so\n"
         "leak:libcdt.so\n"
         "leak:libgvplugin_\n"
         "leak:libfontconfig.so\n"
         "leak:libpango\n"
         "leak:libcairo\n"
         "leak:libharfbuzz\n"
         "leak:libglib\n"
         "leak:libgobject\n";
}
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
#endif

namespace ergraph {
namespace {

// dot gives the most readable drawing of a small network; past this it turns slow (its crossing
// minimisation grows fast with edges), and sfdp takes over.
constexpr std::size_t kDotMaxEdges = 200;
constexpr std::size_t kWrapColumns = 28;
const char* const kHighlight = "#d00000";

// Graphviz 2.42 takes char* where it means const char*: the casts live here alone.
char* gv(const char* s) { return const_cast<char*>(s); }
char* gv(const std::string& s) { return const_cast<char*>(s.c_str()); }

// Graphviz's error messages, collected instead of printed.
std::string& graphviz_errors() {
  static std::string errors;
  return errors;
}
int collect_error(char* message) {
  graphviz_errors() += message;
  return 0;
}

// Text for a label or tooltip, shown as written: backslashes start Graphviz escapes (\N, \n,
// \l ...) so the user's are doubled, and Graphviz decodes HTML entities (&amp;) in plain labels
// too, so every & is written as &amp;.
std::string graphviz_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  return out;
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Splits a name into lines of at most kWrapColumns code points, at spaces where it can and
// inside a word where it must; lines are joined with Graphviz's \n escape.
std::string wrap_label(std::string_view name) {
  std::vector<std::string> lines{""};
  std::string word;
  auto place = [&](std::string w) {
    while (code_points(w) > kWrapColumns) {
      // Cut after kWrapColumns code points.
      std::size_t bytes = 0, count = 0;
      while (bytes < w.size() && count < kWrapColumns) {
        ++bytes;
        while (bytes < w.size() && (static_cast<unsigned char>(w[bytes]) & 0xC0) == 0x80) ++bytes;
        ++count;
      }
      if (!lines.back().empty()) lines.emplace_back();
      lines.back() = w.substr(0, bytes);
      lines.emplace_back();
      w.erase(0, bytes);
    }
    if (w.empty()) return;
    if (!lines.back().empty() && code_points(lines.back()) + 1 + code_points(w) > kWrapColumns) {
      lines.emplace_back();
    }
    lines.back() += (lines.back().empty() ? "" : " ") + w;
  };
  for (char c : name) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      place(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  place(std::move(word));
  if (lines.size() > 1 && lines.back().empty()) lines.pop_back();
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += (i ? "\\n" : "") + graphviz_text(lines[i]);
  }
  return out;
}

std::string or_default(const std::string& value, const char* fallback) {
  return value.empty() ? fallback : value;
}

// One Graphviz context for the whole process: a second context in the same process reads font
// names the first one freed (the pango plugin keeps them), and one context also spares loading
// the plugins again for every diagram of a bulk export.
GVC_t* graphviz_context() {
  static GVC_t* const context = gvContext();
  return context;
}

// cgraph's default id discipline makes the address of an object's interned name its id, and
// keeps subgraphs ordered by id: clusters would be written and laid out in heap-address order,
// which changes with unrelated allocations. This discipline numbers names in the order they are
// first seen (even ids; odd ones are anonymous objects, as in the default), so the same
// selection gives the same bytes.
struct SequentialIds {
  Agraph_t* graph;
  std::unordered_map<std::string, IDTYPE> id_of;
  std::vector<char*> names;  // interned (agstrdup) names; names[i] has id 2 * (i + 1)
  IDTYPE next_anonymous = 1;
};

void* sequential_open(Agraph_t* graph, Agdisc_t*) { return new SequentialIds{graph, {}, {}, 1}; }

// As the default discipline: every created object holds one reference to its interned name
// (agstrdup here, agstrfree when it is freed); only the id differs.
long sequential_map(void* state, int, char* str, IDTYPE* id, int create) {
  auto& ids = *static_cast<SequentialIds*>(state);
  if (str == nullptr) {
    *id = ids.next_anonymous;
    ids.next_anonymous += 2;
    return 1;
  }
  const auto it = ids.id_of.find(str);
  if (!create) {
    if (it == ids.id_of.end()) return 0;
    *id = it->second;
    return 1;
  }
  char* interned = agstrdup(ids.graph, str);
  if (it != ids.id_of.end()) {
    *id = it->second;
    ids.names[static_cast<std::size_t>(*id / 2 - 1)] = interned;  // the same, unless freed
    return 1;
  }
  ids.names.push_back(interned);
  *id = static_cast<IDTYPE>(2 * ids.names.size());
  ids.id_of.emplace(str, *id);
  return 1;
}

long sequential_alloc(void*, int, IDTYPE) { return 0; }

char* sequential_print(void* state, int, IDTYPE id) {
  auto& ids = *static_cast<SequentialIds*>(state);
  if (id % 2 != 0 || id == 0 || id / 2 > ids.names.size()) return nullptr;
  return ids.names[static_cast<std::size_t>(id / 2 - 1)];
}

void sequential_free(void* state, int, IDTYPE id) {
  auto& ids = *static_cast<SequentialIds*>(state);
  if (char* name = sequential_print(state, 0, id)) agstrfree(ids.graph, name);
}

void sequential_close(void* state) { delete static_cast<SequentialIds*>(state); }
void sequential_register(void*, int, void*) {}

Agiddisc_t sequential_id_discipline{sequential_open,    sequential_map,   sequential_alloc,
                                    sequential_free,    sequential_print, sequential_close,
                                    sequential_register};
Agdisc_t graph_discipline{&AgMemDisc, &sequential_id_discipline, &AgIoDisc};

// RAII for one graph, in the order libguide gives: graph, layout; freed layout, closed graph.
struct GraphvizSession {
  GVC_t* context = nullptr;
  Agraph_t* graph = nullptr;
  bool laid_out = false;

  GraphvizSession() {
    graphviz_errors().clear();
    agseterr(AGERR);
    agseterrf(collect_error);
    context = graphviz_context();
    graph = agopen(gv("ergraph"), Agdirected, &graph_discipline);
  }
  ~GraphvizSession() {
    if (laid_out) gvFreeLayout(context, graph);
    if (graph) agclose(graph);
  }
  GraphvizSession(const GraphvizSession&) = delete;
  GraphvizSession& operator=(const GraphvizSession&) = delete;
};

[[noreturn]] void graphviz_failed(const std::string& doing) {
  std::string message = graphviz_errors();
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  throw Error(ErrorCode::kInternal,
              "Graphviz could not " + doing + (message.empty() ? "" : ": " + message));
}

const std::vector<std::string> kLayouts = {"dot", "neato", "fdp", "sfdp", "circo", "twopi"};

}  // namespace

std::string default_layout(std::size_t /*nodes*/, std::size_t edges) {
  return edges <= kDotMaxEdges ? "dot" : "sfdp";
}

std::size_t layout_edge_limit(const std::string& layout) {
  // The largest size each layout handled in under about 30 s on random networks with
  // edges = 2 × nodes (bench/layout-limits.md): the next size up took over 45 s (or, for fdp,
  // about as long).
  if (layout == "dot") return 300;
  if (layout == "circo") return 300;
  if (layout == "neato") return 4000;
  if (layout == "fdp") return 8000;
  if (layout == "twopi") return 8000;
  return 16000;  // sfdp
}

std::string render_diagram(const Store& store, const GraphSnapshot& graph,
                           const Selection& selection, DiagramFormat format,
                           const DiagramOptions& options) {
  const Schema& schema = store.schema();
  const std::string layout = options.layout.empty()
                                 ? default_layout(selection.nodes.size(), selection.edges.size())
                                 : options.layout;
  if (std::find(kLayouts.begin(), kLayouts.end(), layout) == kLayouts.end()) {
    throw Error(ErrorCode::kInvalidInput, "unknown layout '" + layout +
                                              "' (dot, neato, fdp, sfdp, circo or twopi)" +
                                              did_you_mean(layout, kLayouts));
  }
  for (const std::string& type : options.cluster_by) {
    if (schema.edge_type(type) == nullptr) {
      throw Error(ErrorCode::kInvalidInput, "--cluster-by: unknown edge type '" + type + "'" +
                                                did_you_mean(type, schema.edge_type_names()));
    }
  }
  if (format != DiagramFormat::kDot && !options.force &&
      selection.edges.size() > layout_edge_limit(layout)) {
    throw Error(ErrorCode::kInvalidInput,
                "the selection has " + std::to_string(selection.nodes.size()) + " nodes and " +
                    std::to_string(selection.edges.size()) + " edges; laying out more than " +
                    std::to_string(layout_edge_limit(layout)) + " edges with " + layout +
                    " takes minutes. Narrow it with --focus NODE --depth D, --types or "
                    "--edge-types, write --format dot, or pass --force");
  }

  GraphvizSession session;
  Agraph_t* g = session.graph;
  // Every attribute is declared on the root before any node or edge: agset on an undeclared
  // name does nothing.
  for (const char* name : {"rankdir", "label", "labelloc", "fontname", "fontsize", "overlap",
                           "outputorder", "tooltip", "style", "color", "bgcolor", "newrank"}) {
    agattr(g, AGRAPH, gv(name), gv(""));
  }
  agattr(g, AGNODE, gv("label"), gv("\\N"));
  for (const char* name : {"shape", "style", "color", "fillcolor", "tooltip", "penwidth",
                           "fontname", "fontsize", "margin"}) {
    agattr(g, AGNODE, gv(name), gv(""));
  }
  for (const char* name : {"label", "color", "fontcolor", "style", "tooltip", "penwidth",
                           "fontname", "fontsize", "labeltooltip"}) {
    agattr(g, AGEDGE, gv(name), gv(""));
  }
  agsafeset(g, gv("fontname"), gv("Helvetica"), gv(""));
  agsafeset(g, gv("outputorder"), gv("edgesfirst"), gv(""));
  agsafeset(g, gv("tooltip"), gv(graphviz_text(options.title.empty() ? "ergraph" : options.title)),
            gv(""));
  if (!options.title.empty()) {
    agsafeset(g, gv("label"), gv(graphviz_text(options.title)), gv(""));
    agsafeset(g, gv("labelloc"), gv("t"), gv(""));
  }
  if (layout == "dot" && selection.highlighted_edges.size() == selection.edges.size() &&
      !selection.edges.empty()) {
    agsafeset(g, gv("rankdir"), gv("LR"), gv(""));  // a path alone reads left to right
  }
  if (layout != "dot") {
    agsafeset(g, gv("overlap"), gv("false"), gv(""));
    // The DOT names the engine it was styled for: `dot -Tsvg file.dot` then lays it out with it.
    agsafeset(g, gv("layout"), gv(layout), gv(""));
  }

  const std::set<std::uint32_t> hot_nodes = [&] {
    std::set<std::uint32_t> s;
    for (VertexId v : selection.highlighted_nodes) s.insert(index_of(v));
    return s;
  }();
  const std::set<std::uint32_t> hot_edges = [&] {
    std::set<std::uint32_t> s;
    for (EdgeId e : selection.highlighted_edges) s.insert(index_of(e));
    return s;
  }();

  // Clusters: each source of a clustering edge goes with its target; a target that is itself a
  // source nests inside its own target's cluster.
  std::map<std::uint32_t, std::uint32_t> parent;
  std::set<std::uint32_t> in_selection;
  for (VertexId v : selection.nodes) in_selection.insert(index_of(v));
  if (!options.cluster_by.empty()) {
    for (EdgeId e : selection.edges) {
      const SnapshotEdge edge = graph.edge(e);
      const std::string& type = graph.edge_type_name(e);
      if (std::find(options.cluster_by.begin(), options.cluster_by.end(), type) ==
          options.cluster_by.end()) {
        continue;
      }
      const std::uint32_t child = index_of(edge.from), head = index_of(edge.to);
      if (child == head || parent.count(child)) continue;
      // Refuse a cycle: the head must not already sit inside the child's cluster.
      bool cycle = false;
      for (auto it = parent.find(head); it != parent.end(); it = parent.find(it->second)) {
        if (it->second == child) {
          cycle = true;
          break;
        }
      }
      if (!cycle) parent[child] = head;
    }
  }
  std::set<std::uint32_t> heads;
  for (const auto& [child, head] : parent) heads.insert(head);
  std::map<std::uint32_t, Agraph_t*> cluster_of_head;
  std::size_t cluster_count = 0;
  // The cluster a head gathers its sources in, made (inside its own parent's) on first use.
  auto cluster_for = [&](auto&& self, std::uint32_t head) -> Agraph_t* {
    if (const auto c = cluster_of_head.find(head); c != cluster_of_head.end()) return c->second;
    const auto p = parent.find(head);
    Agraph_t* outer = p == parent.end() ? g : self(self, p->second);
    Agraph_t* cluster = agsubg(outer, gv("cluster_" + std::to_string(cluster_count++)), 1);
    agsafeset(cluster, gv("label"), gv(wrap_label(graph.node_name(VertexId(head)))), gv(""));
    agsafeset(cluster, gv("style"), gv("rounded,dashed"), gv(""));
    agsafeset(cluster, gv("color"), gv("#999999"), gv(""));
    cluster_of_head[head] = cluster;
    return cluster;
  };
  // A head is drawn inside its own cluster, any other node inside its parent's.
  auto home = [&](std::uint32_t v) -> Agraph_t* {
    if (heads.count(v)) return cluster_for(cluster_for, v);
    const auto p = parent.find(v);
    return p == parent.end() ? g : cluster_for(cluster_for, p->second);
  };

  std::map<std::uint32_t, Agnode_t*> node_of;
  std::set<std::string> node_types_seen, edge_types_seen;
  for (VertexId v : selection.nodes) {
    const std::uint32_t i = index_of(v);
    const std::string& id = graph.node_id(v);
    Agnode_t* n = agnode(g, gv(id), 1);
    Agraph_t* sub = home(i);
    if (sub != g) agsubnode(sub, n, 1);
    node_of[i] = n;
    const std::string& type = graph.node_type(v);
    node_types_seen.insert(type);
    const NodeType* nt = schema.node_type(type);
    const Style style = nt ? nt->style : Style{};
    const std::optional<Node> node = store.find_node(id);
    std::string tooltip = type + " · " + id;
    if (node && !node->aliases.empty()) {
      tooltip += "\naliases: ";
      for (std::size_t k = 0; k < node->aliases.size(); ++k)
        tooltip += (k ? ", " : "") + node->aliases[k];
    }
    const bool hot = hot_nodes.count(i) > 0;
    agsafeset(n, gv("label"), gv(wrap_label(graph.node_name(v))), gv(""));
    agsafeset(n, gv("tooltip"), gv(graphviz_text(tooltip)), gv(""));
    agsafeset(n, gv("shape"), gv(or_default(style.shape, "ellipse")), gv(""));
    agsafeset(n, gv("style"), gv(hot ? "filled,bold" : "filled"), gv(""));
    agsafeset(n, gv("color"),
              gv(hot ? std::string(kHighlight) : or_default(style.color, "#333333")), gv(""));
    agsafeset(n, gv("fillcolor"), gv(or_default(style.fillcolor, "#ffffff")), gv(""));
    agsafeset(n, gv("fontname"), gv("Helvetica"), gv(""));
    agsafeset(n, gv("fontsize"), gv("11"), gv(""));
    if (hot) agsafeset(n, gv("penwidth"), gv("3"), gv(""));
  }

  for (EdgeId e : selection.edges) {
    const SnapshotEdge edge = graph.edge(e);
    const std::optional<Edge> stored = store.edge_by_key(edge.store_id);
    const std::string& type = graph.edge_type_name(e);
    edge_types_seen.insert(type);
    const EdgeType* et = schema.edge_type(type);
    const Style style = et ? et->style : Style{};
    const std::string edge_name = "e" + std::to_string(index_of(e));
    Agedge_t* a =
        agedge(g, node_of.at(index_of(edge.from)), node_of.at(index_of(edge.to)), gv(edge_name), 1);
    const bool hot = hot_edges.count(index_of(e)) > 0;
    std::string label = type;
    if (options.dates && stored && !stored->date.empty()) label += "\n" + stored->date;
    std::string tooltip =
        graph.node_name(edge.from) + " —" + type + "→ " + graph.node_name(edge.to);
    if (stored && !stored->date.empty()) tooltip += " [" + stored->date + "]";
    if (stored) {
      for (const Citation& c : stored->sources) {
        const std::optional<Node> doc = store.find_node(c.doc);
        tooltip += "\n" + (doc ? doc->name : c.doc) + ": “" + c.quote + "”";
      }
    }
    const std::string color = hot ? std::string(kHighlight) : or_default(style.color, "#555555");
    agsafeset(a, gv("label"), gv(graphviz_text(label)), gv(""));
    agsafeset(a, gv("tooltip"), gv(graphviz_text(tooltip)), gv(""));
    agsafeset(a, gv("labeltooltip"), gv(graphviz_text(tooltip)), gv(""));
    agsafeset(a, gv("color"), gv(color), gv(""));
    agsafeset(a, gv("fontcolor"), gv(color), gv(""));
    agsafeset(a, gv("fontname"), gv("Helvetica"), gv(""));
    agsafeset(a, gv("fontsize"), gv("9"), gv(""));
    if (hot) {
      agsafeset(a, gv("penwidth"), gv("3"), gv(""));
      agsafeset(a, gv("style"), gv("bold"), gv(""));
    } else if (!style.line.empty()) {
      agsafeset(a, gv("style"), gv(style.line), gv(""));
    }
  }

  if (options.legend && !selection.nodes.empty()) {
    std::string html = "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">";
    for (const NodeType& t : schema.node_types()) {
      if (!node_types_seen.count(t.name)) continue;
      html += "<TR><TD BGCOLOR=\"" + escape_xml(or_default(t.style.fillcolor, "#ffffff")) +
              "\"><FONT COLOR=\"" + escape_xml(or_default(t.style.color, "#333333")) + "\">" +
              escape_xml(t.name) + "</FONT></TD><TD>" +
              escape_xml(or_default(t.style.shape, "ellipse")) + "</TD></TR>";
    }
    for (const EdgeType& t : schema.edge_types()) {
      if (!edge_types_seen.count(t.name)) continue;
      html += "<TR><TD COLSPAN=\"2\"><FONT COLOR=\"" +
              escape_xml(or_default(t.style.color, "#555555")) + "\">—" + escape_xml(t.name) +
              "→</FONT></TD></TR>";
    }
    html += "</TABLE>";
    Agraph_t* legend = agsubg(g, gv("cluster_legend"), 1);
    agsafeset(legend, gv("label"), gv("Legend"), gv(""));
    agsafeset(legend, gv("style"), gv("rounded"), gv(""));
    agsafeset(legend, gv("color"), gv("#bbbbbb"), gv(""));
    Agnode_t* n = agnode(legend, gv("ergraph:legend"), 1);
    agsafeset(n, gv("shape"), gv("plaintext"), gv(""));
    agsafeset(n, gv("label"), agstrdup_html(g, gv(html)), gv(""));
    agsafeset(n, gv("tooltip"), gv("node and edge types in this diagram"), gv(""));
    agsafeset(n, gv("fontname"), gv("Helvetica"), gv(""));
    agsafeset(n, gv("fontsize"), gv("10"), gv(""));
  }

  if (format == DiagramFormat::kDot) {
    char* buffer = nullptr;
    std::size_t size = 0;
    FILE* stream = open_memstream(&buffer, &size);
    if (stream == nullptr) throw Error(ErrorCode::kInternal, "cannot open a memory stream");
    const int rc = agwrite(g, stream);
    std::fclose(stream);
    std::string out(buffer, size);
    std::free(buffer);
    if (rc != 0) graphviz_failed("write DOT");
    return out;
  }
  if (gvLayout(session.context, g, layout.c_str()) != 0)
    graphviz_failed("lay out the graph with " + layout);
  session.laid_out = true;
  const char* renderer = format == DiagramFormat::kSvg   ? "svg"
                         : format == DiagramFormat::kPng ? "png"
                                                         : "pdf";
  char* data = nullptr;
  unsigned int length = 0;
  if (gvRenderData(session.context, g, renderer, &data, &length) != 0 || data == nullptr) {
    if (data) gvFreeRenderData(data);
    graphviz_failed(std::string("render ") + renderer);
  }
  std::string out(data, length);
  gvFreeRenderData(data);
  return out;
}

}  // namespace ergraph
