#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

#include "../describe.hpp"
#include "../format.hpp"
#include "../progress.hpp"
#include "../traversal_options.hpp"
#include "commands.hpp"
#include "ergraph/csv_row.hpp"
#include "ergraph/database.hpp"
#include "ergraph/error.hpp"

namespace ergraph::cli {
namespace {

struct PathOptions {
  std::string from, to;
  std::size_t k = 0;
  bool all = false;
  std::size_t limit = 100;
  std::string format = "text";
  bool stats = false;
  bool chronological = false;
  bool allow_undated = false;
  TraversalOptions traversal;
};

}  // namespace

Command path_command() {
  return {
      "path", "how two nodes are connected, with the citation for every hop",
      [](CLI::App& sub, Context& ctx) {
        auto o = std::make_shared<PathOptions>();
        sub.add_option("from", o->from, "node id, name or alias")->required();
        sub.add_option("to", o->to, "node id, name or alias")->required();
        sub.add_option("--k", o->k, "the K shortest simple paths")->check(CLI::Range(1, 100000000));
        sub.add_flag("--all", o->all, "every shortest path (at most --limit)");
        sub.add_option("--limit", o->limit, "most paths --all lists (default 100)")
            ->check(CLI::Range(1, 100000000));
        sub.add_option("--format", o->format, "text or json")
            ->check(CLI::IsMember({"text", "json"}));
        sub.add_flag("--stats", o->stats,
                     "also print to stderr how long the search took and how many vertices it "
                     "touched");
        sub.add_flag("--chronological", o->chronological,
                     "the shortest path whose hop dates never go backwards (README \"Evidence\")");
        sub.add_flag("--allow-undated", o->allow_undated,
                     "with --chronological: undated hops may be used, at any time");
        add_traversal_options(sub, o->traversal, /*with_max_hops=*/true);
        sub.footer(
            "Edges are followed in either direction unless --directed; each hop shows the\n"
            "edge's real direction (A —led→ B or A ←led— B), its date and its citations.\n"
            "Ties between equally short paths go to the smaller sequence of node ids.\n"
            "Example: ergraph path \"Hakan Fidan\" \"Vladimir Medinsky\"\n"
            "         ergraph path Fidan Medinsky --k 3 --avoid Turkey");
        return [o, &ctx] {
          if (o->k > 0 && o->all)
            throw Error(ErrorCode::kUsage, "--k and --all exclude each other");
          if (o->chronological && (o->k > 0 || o->all))
            throw Error(ErrorCode::kUsage,
                        "--chronological finds the one shortest "
                        "time-respecting path: not with --k or --all");
          if (o->allow_undated && !o->chronological)
            throw Error(ErrorCode::kUsage, "--allow-undated goes with --chronological");
          PathQuery query;
          query.from = o->from;
          query.to = o->to;
          query.filter = o->traversal.to_spec();
          query.k = o->k;
          query.all = o->all;
          query.limit = o->limit;
          query.chronological = o->chronological;
          query.allow_undated = o->allow_undated;
          std::unique_ptr<Progress> progress;  // a bar on a terminal once a second has passed
          query.progress = [&](std::size_t done, std::size_t total) {
            if (!progress) {
              progress = std::make_unique<Progress>(ctx.progress_report(), ctx.err_is_terminal,
                                                    "path: paths found", total);
            }
            progress->update(done);
          };
          const PathAnswer answer = ctx.db().find_paths(query);
          progress.reset();
          const std::vector<CitedPath>& paths = answer.paths;
          if (o->stats) {
            *ctx.err << "search: " << answer.search_micros << " µs, " << answer.visited
                     << " vertices touched, ";
            if (paths.empty()) {
              *ctx.err << "no path\n";
            } else {
              const std::size_t hops = paths.front().hops.size();
              *ctx.err << paths.size() << (paths.size() == 1 ? " path (" : " paths (shortest ")
                       << hops << (hops == 1 ? " hop)\n" : " hops)\n");
            }
          }
          answer.require_path();
          NodeNames names(ctx.db());
          std::ostream& out = *ctx.out;
          if (o->format == "json") {
            nlohmann::ordered_json j;
            j["from"] = node_json(answer.from);
            j["to"] = node_json(answer.to);
            j["paths"] = nlohmann::ordered_json::array();
            for (const CitedPath& p : paths) {
              nlohmann::ordered_json jp;
              jp["length"] = p.hops.size();
              jp["nodes"] = nlohmann::ordered_json::array();
              for (const Node& n : p.nodes) jp["nodes"].push_back(node_json(n));
              jp["hops"] = nlohmann::ordered_json::array();
              for (const CitedHop& h : p.hops) jp["hops"].push_back(hop_json(h, names));
              j["paths"].push_back(std::move(jp));
            }
            out << j.dump(2) << '\n';
            return kExitOk;
          }
          for (std::size_t n = 0; n < paths.size(); ++n) {
            const CitedPath& p = paths[n];
            if (n > 0) out << '\n';
            out << answer.from.name << " → " << answer.to.name << ": " << p.hops.size()
                << (p.hops.size() == 1 ? " hop" : " hops");
            if (paths.size() > 1) out << "  (path " << n + 1 << " of " << paths.size() << ")";
            if (answer.chronological) out << ", in time order";
            out << '\n';
            for (std::size_t i = 0; i < p.hops.size(); ++i) {
              const Edge& e = p.hops[i].edge;
              out << i + 1 << ". "
                  << hop_text(p.nodes[i].name, p.nodes[i + 1].name, e.type, p.hops[i].along)
                  << edge_suffix(e) << '\n';
              print_citations(out, e, names, "     ");
            }
          }
          return kExitOk;
        };
      },
      /*parser_kept=*/true};
}

namespace {

// neighbors --count: one row per hop count with the nodes first reached there; the table
// adds their total (JSON has it as "nodes"), CSV leaves the sum to the script.
int print_neighbor_counts(std::ostream& out, OutputFormat format, Database& db,
                          const NeighborQuery& query) {
  const std::vector<std::size_t> counts = db.count_neighbors(query);
  std::size_t total = 0;
  for (const std::size_t n : counts) total += n;
  if (format == OutputFormat::kJson) {
    nlohmann::ordered_json j = {{"nodes", total}, {"by_hops", counts}};
    out << j.dump(2) << '\n';
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows;
  for (std::size_t hops = 0; hops < counts.size(); ++hops) {
    rows.push_back({std::to_string(hops), std::to_string(counts[hops])});
  }
  if (format == OutputFormat::kTable) rows.push_back({"all", std::to_string(total)});
  print_rows(out, format, {"hops", "nodes"}, rows);
  return kExitOk;
}

}  // namespace

Command neighbors_command() {
  return {"neighbors", "the nodes within D hops of a node, with the edge that reached each",
          [](CLI::App& sub, Context& ctx) {
            struct Options {
              std::string node;
              int depth = 1;
              std::string format = "table";
              bool count = false;
              TraversalOptions traversal;
            };
            auto o = std::make_shared<Options>();
            sub.add_option("node", o->node, "node id, name or alias")->required();
            sub.add_option("--depth", o->depth, "how many hops out (default 1)")
                ->check(CLI::Range(0, 100000000));
            sub.add_option("--format", o->format, "table, json or csv")
                ->check(CLI::IsMember({"table", "json", "csv"}));
            sub.add_flag("--count", o->count,
                         "how many nodes each hop reaches, and in all, instead of the list");
            add_traversal_options(sub, o->traversal, /*with_max_hops=*/false);
            sub.footer(
                "Example: ergraph neighbors \"Vladimir Medinsky\" --depth 2 --edge-types "
                "led,represents");
            return [o, &ctx] {
              const OutputFormat format = parse_output_format(o->format);
              NeighborQuery query;
              query.node = o->node;
              query.depth = o->depth;
              query.filter = o->traversal.to_spec();
              if (o->count) return print_neighbor_counts(*ctx.out, format, ctx.db(), query);
              query.with_citations = format == OutputFormat::kJson;
              const std::vector<ReachedNode> reached = ctx.db().neighbors(query);
              std::ostream& out = *ctx.out;
              if (format == OutputFormat::kJson) {
                NodeNames names(ctx.db());
                nlohmann::ordered_json j = nlohmann::ordered_json::array();
                for (const ReachedNode& r : reached) {
                  nlohmann::ordered_json jr = {{"id", r.id}, {"type", r.type}, {"name", r.name}};
                  jr["hops"] = r.hops;
                  if (r.edge) {
                    jr["parent"] = reached[r.parent].id;
                    jr["edge"] = hop_json({*r.edge, r.along}, names);
                  }
                  j.push_back(std::move(jr));
                }
                out << j.dump(2) << '\n';
                return kExitOk;
              }
              const std::vector<std::string> header = {"hops", "id", "type", "name", "reached by"};
              if (format == OutputFormat::kCsv) {
                // Streamed: a hub's neighbourhood is 100,000s of rows, and building each as
                // strings first took most of the command's time.
                write_csv_row(out, header);
                for (const ReachedNode& r : reached) {
                  out << r.hops << ',';
                  for (const std::string_view field : {r.id, r.type, r.name}) {
                    write_csv_field(out, field);
                    out << ',';
                  }
                  if (!r.edge_type.empty()) {
                    write_csv_field(out,
                                    hop_text(reached[r.parent].name, r.name, r.edge_type, r.along));
                  }
                  out << '\n';
                }
                return kExitOk;
              }
              std::vector<std::vector<std::string>> rows;
              rows.reserve(reached.size());
              for (const ReachedNode& r : reached) {
                std::string via;
                if (!r.edge_type.empty()) {
                  via = hop_text(reached[r.parent].name, r.name, r.edge_type, r.along);
                }
                rows.push_back({std::to_string(r.hops), std::string(r.id), std::string(r.type),
                                std::string(r.name), std::move(via)});
              }
              print_rows(out, format, header, rows);
              return kExitOk;
            };
          },
          /*parser_kept=*/true};
}

}  // namespace ergraph::cli
