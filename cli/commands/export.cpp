#include <CLI/CLI.hpp>

#include <ostream>
#include <sstream>

#include "../format.hpp"
#include "../traversal_options.hpp"
#include "commands.hpp"
#include "ergraph/csv.hpp"
#include "ergraph/error.hpp"
#include "ergraph/graph.hpp"
#include "ergraph/graph_formats.hpp"
#include "ergraph/jsonl.hpp"
#include "ergraph/query.hpp"
#include "ergraph/render.hpp"
#include "ergraph/store.hpp"

namespace ergraph::cli {
namespace {

struct ExportOptions {
  std::string format = "jsonl";
  std::string output = "-";
  // Selection.
  std::string focus;
  int depth = 1;
  std::vector<std::string> path;
  int context = 0;
  std::size_t k = 0;
  bool all = false;
  std::vector<std::string> types;
  TraversalOptions traversal;
  // Diagram.
  std::string layout;
  bool dates = false;
  std::vector<std::string> cluster_by;
  bool no_legend = false;
  bool force = false;
  std::string title;
};

bool is_diagram(const std::string& format) {
  return format == "dot" || format == "svg" || format == "png" || format == "pdf";
}

// The part of the graph the options select; a title for it.
Selection select(const Store& store, const GraphSnapshot& graph, const ExportOptions& o,
                 std::string& title) {
  const TraversalFilter filter = o.traversal.to_filter(store, graph);
  if (!o.focus.empty() && !o.path.empty()) {
    throw Error(ErrorCode::kUsage, "--focus and --path exclude each other");
  }
  if (!o.focus.empty()) {
    const Node center = store.resolve(o.focus);
    title = center.name + " and the nodes within " + std::to_string(o.depth) +
            (o.depth == 1 ? " hop" : " hops");
    return select_ego(graph, graph.vertex(center.id).value(), o.depth, filter, o.types);
  }
  if (!o.path.empty()) {
    const Node from = store.resolve(o.path[0]);
    const Node to = store.resolve(o.path[1]);
    const VertexId s = graph.vertex(from.id).value(), t = graph.vertex(to.id).value();
    PathFinder finder(graph);
    std::vector<Path> paths;
    if (o.k > 0) {
      paths = finder.k_shortest(s, t, filter, o.k);
    } else if (o.all) {
      paths = finder.all_shortest(s, t, filter, 100);
    } else if (auto p = finder.shortest(s, t, filter)) {
      paths.push_back(std::move(*p));
    }
    if (paths.empty()) {
      throw Error(ErrorCode::kNotFound,
                  "no path between " + from.name + " and " + to.name +
                      (filter.narrows() ? " (the filters given may be why)" : ""));
    }
    title = "How " + from.name + " connects to " + to.name;
    return select_paths(graph, paths, o.context, filter, o.types);
  }
  return select_all(graph, filter, o.types);
}

}  // namespace

Command export_command() {
  return {
      "export", "write the database, or a part of it, as data or as a diagram",
      [](CLI::App& sub, Context& ctx) {
        auto o = std::make_shared<ExportOptions>();
        sub.add_option("--format", o->format,
                       "jsonl (default) or csv: the whole database; dot, svg, png, pdf: a "
                       "diagram; graphml or json (node-link): for other tools")
            ->check(CLI::IsMember({"jsonl", "csv", "dot", "svg", "png", "pdf", "graphml", "json"}));
        sub.add_option("-o,--output", o->output,
                       "file to write (- or nothing: stdout, for text formats); for csv the "
                       "folder for nodes.csv and edges.csv");
        sub.add_option("--focus", o->focus, "only NODE and the nodes within --depth hops");
        sub.add_option("--depth", o->depth, "hops around --focus (default 1)")
            ->check(CLI::NonNegativeNumber);
        sub.add_option("--path", o->path, "only the path between two nodes")->expected(2);
        sub.add_option("--context", o->context, "with --path: also the nodes within D hops of it")
            ->check(CLI::NonNegativeNumber);
        sub.add_option("--k", o->k, "with --path: the K shortest paths")
            ->check(CLI::PositiveNumber);
        sub.add_flag("--all", o->all, "with --path: every shortest path");
        sub.add_option("--types", o->types, "only nodes of these types (comma-separated)")
            ->delimiter(',');
        add_traversal_options(sub, o->traversal, /*with_max_hops=*/true);
        sub.add_option("--layout", o->layout,
                       "dot, neato, fdp, sfdp, circo or twopi (default: dot when small, sfdp "
                       "when large)");
        sub.add_flag("--dates", o->dates, "show edge dates in the labels");
        sub.add_option("--cluster-by", o->cluster_by,
                       "group each edge's source with its target, for these edge types "
                       "(e.g. member_of,led,represents)")
            ->delimiter(',');
        sub.add_flag("--no-legend", o->no_legend, "leave out the legend of types");
        sub.add_flag("--force", o->force, "lay out a selection past the size limit");
        sub.add_option("--title", o->title, "the diagram's title");
        sub.footer(
            "Importing a jsonl export into a fresh database reproduces the database.\n"
            "Example: ergraph export --format jsonl -o backup.jsonl\n"
            "         ergraph export --format csv -o tables/\n"
            "         ergraph export --format svg --focus \"Hakan Fidan\" --depth 2 -o fidan.svg\n"
            "         ergraph export --format png --path \"Hakan Fidan\" \"Vladimir Medinsky\" "
            "--context 1 -o path.png");
        return [o, &ctx] {
          const Store store = Store::open(ctx.db_path, /*read_only=*/true);
          const bool selecting = !o->focus.empty() || !o->path.empty() || !o->types.empty() ||
                                 o->traversal.narrows_anything();
          if (o->format == "jsonl" || o->format == "csv") {
            if (selecting) {
              throw Error(ErrorCode::kUsage, "--format " + o->format +
                                                 " writes the whole database; selections "
                                                 "(--focus, --path, filters) go with dot, svg, "
                                                 "png, pdf, graphml and json");
            }
            if (o->format == "csv") {
              if (o->output == "-") {
                throw Error(ErrorCode::kUsage,
                            "--format csv writes two files: name their folder with -o DIR");
              }
              write_csv(store, o->output);
              return kExitOk;
            }
            std::ostringstream text;
            write_jsonl(store, text);
            write_output(o->output, text.str(), *ctx.out);
            return kExitOk;
          }
          if ((o->format == "png" || o->format == "pdf") && o->output == "-" &&
              ctx.out_is_terminal) {
            throw Error(ErrorCode::kUsage,
                        "--format " + o->format + " is binary: write it to a file with -o FILE");
          }
          const GraphSnapshot graph = GraphSnapshot::load(store);
          std::string title;
          const Selection selection = select(store, graph, *o, title);
          std::string content;
          if (is_diagram(o->format)) {
            DiagramOptions d;
            d.layout = o->layout;
            d.dates = o->dates;
            d.cluster_by = o->cluster_by;
            d.legend = !o->no_legend;
            d.force = o->force;
            d.title = o->title.empty() ? title : o->title;
            const DiagramFormat format = o->format == "dot"   ? DiagramFormat::kDot
                                         : o->format == "svg" ? DiagramFormat::kSvg
                                         : o->format == "png" ? DiagramFormat::kPng
                                                              : DiagramFormat::kPdf;
            content = render_diagram(store, graph, selection, format, d);
          } else {
            std::vector<Node> nodes;
            std::vector<Edge> edges;
            for (VertexId v : selection.nodes)
              nodes.push_back(store.find_node(graph.node_id(v)).value());
            for (EdgeId e : selection.edges)
              edges.push_back(store.edge_by_key(graph.edge(e).store_id).value());
            std::ostringstream text;
            if (o->format == "graphml") {
              write_graphml(nodes, edges, text);
            } else {
              write_node_link_json(nodes, edges, text);
            }
            content = text.str();
          }
          write_output(o->output, content, *ctx.out);
          return kExitOk;
        };
      }};
}

}  // namespace ergraph::cli
