#include <CLI/CLI.hpp>

#include <algorithm>
#include <map>
#include <ostream>
#include <sstream>

#include "../output.hpp"
#include "../progress.hpp"
#include "../traversal_options.hpp"
#include "commands.hpp"
#include "ergraph/database.hpp"
#include "ergraph/error.hpp"
#include "ergraph/text.hpp"

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
  bool chronological = false;
  bool allow_undated = false;
  std::size_t conflict = 0;  // a conflict's diagram (of `conflicts --node focus`)
  std::vector<std::string> types;
  TraversalOptions traversal;
  std::string query;  // what a query returns
  std::vector<std::string> params;
  // Diagram.
  std::string layout;
  bool dates = false;
  std::vector<std::string> cluster_by;
  bool no_legend = false;
  bool no_evidence_style = false;
  bool force = false;
  std::string title;
  // Bulk.
  std::string each;
};

bool is_diagram(const std::string& format) {
  return format == "dot" || format == "svg" || format == "png" || format == "pdf";
}

// The part of the graph the options select.
SubgraphQuery subgraph_query(const ExportOptions& o) {
  if (!o.focus.empty() && !o.path.empty()) {
    throw Error(ErrorCode::kUsage, "--focus and --path exclude each other");
  }
  if (!o.query.empty() &&
      (!o.focus.empty() || !o.path.empty() || !o.types.empty() || o.traversal.narrows_anything())) {
    throw Error(ErrorCode::kUsage,
                "--query selects by itself: put types and filters in the query, not in "
                "--focus, --path, --types or traversal options");
  }
  if (o.query.empty() && !o.params.empty())
    throw Error(ErrorCode::kUsage, "--param goes with --query");
  if ((o.chronological || o.allow_undated) && o.path.empty())
    throw Error(ErrorCode::kUsage, "--chronological and --allow-undated go with --path");
  if (o.allow_undated && !o.chronological)
    throw Error(ErrorCode::kUsage, "--allow-undated goes with --chronological");
  SubgraphQuery q;
  if (!o.query.empty()) {
    q.query = o.query;
    q.query_options = query_options(o.params, 10, 1'000'000);
  }
  q.focus = o.focus;
  q.depth = o.depth;
  if (!o.path.empty()) {
    PathQuery p;
    p.from = o.path[0];
    p.to = o.path[1];
    p.k = o.k;
    p.all = o.all;
    p.chronological = o.chronological;
    p.allow_undated = o.allow_undated;
    q.path = p;
  }
  q.context = o.context;
  q.node_types = o.types;
  q.filter = o.traversal.to_spec();
  return q;
}

// The format a file name's extension names, or "" when it names none.
std::string format_of(const std::string& path) {
  const std::size_t dot = path.rfind('.');
  if (dot == std::string::npos) return "";
  const std::string ext = path.substr(dot + 1);
  for (const char* f : {"jsonl", "csv", "dot", "svg", "png", "pdf", "graphml", "json", "html"}) {
    if (ext == f) return ext;
  }
  return ext == "gv" ? "dot" : ext == "htm" ? "html" : "";
}

// Keeps a placeholder's value usable in a file name: no folder separators, none of the
// characters shells and other systems trip on, blanks as '-', no leading dot, at most 100 bytes.
std::string file_safe(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20 ||
        std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos) {
      out += '_';
    } else if (c == ' ') {
      out += '-';
    } else {
      out += c;
    }
  }
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');
  out.resize(cut_to_bytes(out, 100).size());
  return out;
}

// The output path for one node: {id}, {name} and {type} replaced, each made file-name safe.
std::string expand(std::string pattern, const std::string& id, const std::string& name,
                   const std::string& type) {
  for (const auto& [key, value] :
       {std::pair{"{id}", id}, std::pair{"{name}", name}, std::pair{"{type}", type}}) {
    const std::string safe = file_safe(value);
    const std::size_t key_size = std::string_view(key).size();
    for (std::size_t at = pattern.find(key); at != std::string::npos;
         at = pattern.find(key, at + safe.size())) {
      pattern.replace(at, key_size, safe);
    }
  }
  return pattern;
}

DiagramOptions diagram_options(const ExportOptions& o, const std::string& title) {
  DiagramOptions d;
  d.layout = o.layout;
  d.dates = o.dates;
  d.cluster_by = o.cluster_by;
  d.legend = !o.no_legend;
  d.force = o.force;
  d.title = o.title.empty() ? title : o.title;
  d.evidence_style = !o.no_evidence_style;
  return d;
}

DiagramFormat diagram_format(const std::string& format) {
  return format == "dot"   ? DiagramFormat::kDot
         : format == "svg" ? DiagramFormat::kSvg
         : format == "png" ? DiagramFormat::kPng
                           : DiagramFormat::kPdf;
}

// --conflict N: the conflict's sides side by side. Only the diagram options apply.
std::string render_conflict(Database& db, const ExportOptions& o) {
  if (!is_diagram(o.format)) {
    throw Error(ErrorCode::kUsage, "--conflict draws a diagram: dot, svg, png or pdf");
  }
  if (!o.path.empty() || !o.query.empty() || !o.types.empty() || !o.each.empty() ||
      o.traversal.narrows_anything()) {
    throw Error(ErrorCode::kUsage,
                "--conflict selects by itself: only --focus (the --node of `ergraph "
                "conflicts`) and the diagram options go with it");
  }
  return db.render_conflict(o.focus, o.conflict, diagram_format(o.format), diagram_options(o, ""));
}

// The bytes of a subgraph in one of the diagram or graph formats.
std::string render_subgraph(Database& db, const Subgraph& subgraph, const ExportOptions& o) {
  if (o.format == "html") return db.render_view(subgraph, diagram_options(o, subgraph.title()));
  if (is_diagram(o.format)) {
    return db.render(subgraph, diagram_format(o.format), diagram_options(o, subgraph.title()));
  }
  return db.write_graph(
      subgraph, o.format == "graphml" ? GraphFileFormat::kGraphml : GraphFileFormat::kNodeLinkJson);
}

// --each TYPE: one ego network per node of TYPE, to the -o pattern. Every file name is worked
// out, and clashes refused, before the first file is written.
int export_each(Context& ctx, const ExportOptions& o) {
  if (o.format == "jsonl" || o.format == "csv") {
    throw Error(ErrorCode::kUsage, "--each writes diagrams, graphml or json, not " + o.format);
  }
  if (!o.focus.empty() || !o.path.empty()) {
    throw Error(ErrorCode::kUsage, "--each excludes --focus and --path");
  }
  if (o.output == "-") {
    throw Error(ErrorCode::kUsage,
                "--each writes one file per node: give -o a pattern such as 'out/{type}/{id}.svg'");
  }
  Database& db = ctx.db();
  const std::vector<Node> nodes =
      for_option("--each", "node_type", [&] { return db.nodes_of_type(o.each); });
  std::vector<std::pair<const Node*, std::string>> jobs;
  std::map<std::string, const Node*> owner;
  for (const Node& node : nodes) {
    const std::string path = expand(o.output, node.id, node.name, o.each);
    const auto [it, fresh] = owner.emplace(path, &node);
    if (!fresh) {
      throw Error(ErrorCode::kInvalidInput,
                  "--each: " + it->second->id + " and " + node.id + " would both be written to " +
                      path + "; put {id} in the -o pattern. Nothing was written");
    }
    jobs.emplace_back(&node, path);
  }
  SubgraphQuery query;
  query.depth = o.depth;
  query.node_types = o.types;
  query.filter = o.traversal.to_spec();
  Progress progress(ctx.progress_report(), ctx.err_is_terminal, "export", jobs.size());
  std::size_t done = 0;
  for (const auto& [node, path] : jobs) {
    query.focus = node->id;
    write_output(path, render_subgraph(db, db.select(query), o), *ctx.out);
    progress.update(++done);
  }
  if (!ctx.quiet) {
    *ctx.out << "wrote " << jobs.size() << (jobs.size() == 1 ? " file" : " files") << " (one per "
             << o.each << ")\n";
  }
  return kExitOk;
}

}  // namespace

Command export_command() {
  return {
      "export", "write the database, or a part of it, as data or as a diagram",
      [](CLI::App& sub, Context& ctx) {
        auto o = std::make_shared<ExportOptions>();
        CLI::Option* format_option =
            sub.add_option("--format", o->format,
                           "jsonl (default) or csv: the whole database; dot, svg, png, pdf: "
                           "a diagram; html: a page to explore offline (README \"The HTML "
                           "view\"); graphml or json (node-link): for other tools; without "
                           "it, the -o file's extension names the format")
                ->check(CLI::IsMember(
                    {"jsonl", "csv", "dot", "svg", "png", "pdf", "html", "graphml", "json"}));
        sub.add_option("-o,--output", o->output,
                       "file to write (- or nothing: stdout, for text formats); for csv the "
                       "folder for nodes.csv and edges.csv; for --each a pattern");
        sub.add_option("--focus", o->focus, "only NODE and the nodes within --depth hops");
        sub.add_option("--depth", o->depth, "hops around --focus or --each (default 1)")
            ->check(CLI::Range(0, 100000000));
        sub.add_option("--path", o->path, "only the path between two nodes")->expected(2);
        sub.add_option("--context", o->context, "with --path: also the nodes within D hops of it")
            ->check(CLI::Range(0, 100000000));
        sub.add_option("--k", o->k, "with --path: the K shortest paths")
            ->check(CLI::Range(1, 100000000));
        sub.add_flag("--all", o->all, "with --path: every shortest path");
        sub.add_flag("--chronological", o->chronological,
                     "with --path: the shortest path whose hop dates never go backwards");
        sub.add_flag("--allow-undated", o->allow_undated,
                     "with --chronological: undated hops may be used");
        sub.add_option("--conflict", o->conflict,
                       "draw conflict N of `ergraph conflicts` (with --focus NODE: of "
                       "`ergraph conflicts --node NODE`), its sides side by side")
            ->check(CLI::Range(1, 100000000));
        sub.add_option("--query", o->query,
                       "only the nodes and relationships a query returns (README \"Queries\"), "
                       "its paths highlighted");
        sub.add_option("--param", o->params, "with --query: a parameter $NAME as NAME=VALUE")
            ->allow_extra_args(false);
        sub.add_option("--types", o->types, "only nodes of these types (comma-separated)")
            ->delimiter(',');
        add_traversal_options(sub, o->traversal, /*with_max_hops=*/true);
        sub.add_option("--layout", o->layout,
                       "dot, neato, fdp, sfdp, circo or twopi (default: dot when small, "
                       "sfdp when large)");
        sub.add_flag("--dates", o->dates, "show edge dates in the labels");
        sub.add_option("--cluster-by", o->cluster_by,
                       "group each edge's source with its target, for these edge types "
                       "(e.g. member_of,led,represents)")
            ->delimiter(',');
        sub.add_flag("--no-legend", o->no_legend, "leave out the legend of types");
        sub.add_flag("--no-evidence-style", o->no_evidence_style,
                     "draw edges in their type's line style, not by their evidence (by "
                     "default line width grows with independent sources and a single-source "
                     "edge is dashed)");
        sub.add_flag("--force", o->force, "lay out a selection past the size limit");
        sub.add_option("--title", o->title, "the diagram's title");
        sub.add_option("--each", o->each,
                       "one ego network per node of TYPE (with --depth), written to the -o "
                       "pattern with {id}, {name}, {type}");
        sub.footer(
            "Importing a jsonl export into a fresh database reproduces the database.\n"
            "Example: ergraph export --format jsonl -o backup.jsonl\n"
            "         ergraph export --format csv -o tables/\n"
            "         ergraph export --format svg --focus \"Hakan Fidan\" --depth 2 -o fidan.svg\n"
            "         ergraph export --path \"Hakan Fidan\" \"Vladimir Medinsky\" --context 1 "
            "-o path.png\n"
            "         ergraph export --format html -o view.html\n"
            "         ergraph export --each Person --depth 1 -o 'out/{type}/{id}.svg'\n"
            "         ergraph export --query 'MATCH p = (:Person)-[:led]->(:Delegation) RETURN p' "
            "-o led.svg");
        return [o, &ctx, format_option] {
          if (format_option->count() == 0) {
            const std::string implied = format_of(o->output);
            if (!implied.empty()) {
              o->format = implied;
            } else if (!o->each.empty()) {
              o->format = "svg";
            }
          }
          if (o->conflict > 0) {
            if (format_option->count() == 0 && format_of(o->output).empty()) o->format = "svg";
            if ((o->format == "png" || o->format == "pdf") && o->output == "-" &&
                ctx.out_is_terminal) {
              throw Error(ErrorCode::kUsage,
                          "--format " + o->format + " is binary: write it to a file with -o FILE");
            }
            write_output(o->output, render_conflict(ctx.db(), *o), *ctx.out);
            return kExitOk;
          }
          if (!o->each.empty()) return export_each(ctx, *o);
          Database& db = ctx.db();
          const bool selecting = !o->focus.empty() || !o->path.empty() || !o->types.empty() ||
                                 !o->query.empty() || o->traversal.narrows_anything();
          if (o->format == "jsonl" || o->format == "csv") {
            if (selecting) {
              throw Error(ErrorCode::kUsage,
                          "--format " + o->format +
                              " writes the whole database; selections "
                              "(--focus, --path, --query, filters) go with dot, svg, "
                              "png, pdf, html, graphml and json");
            }
            if (o->format == "csv") {
              if (o->output == "-") {
                throw Error(ErrorCode::kUsage,
                            "--format csv writes two files: name their folder with -o DIR");
              }
              db.write_csv(o->output);
              return kExitOk;
            }
            std::ostringstream text;
            db.write_jsonl(text);
            write_output(o->output, text.str(), *ctx.out);
            return kExitOk;
          }
          if ((o->format == "png" || o->format == "pdf") && o->output == "-" &&
              ctx.out_is_terminal) {
            throw Error(ErrorCode::kUsage,
                        "--format " + o->format + " is binary: write it to a file with -o FILE");
          }
          const SubgraphQuery query = subgraph_query(*o);
          const Subgraph subgraph = db.select(query);
          write_output(o->output, render_subgraph(db, subgraph, *o), *ctx.out);
          return kExitOk;
        };
      }};
}

}  // namespace ergraph::cli
