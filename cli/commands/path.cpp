#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <ostream>

#include "../describe.hpp"
#include "../format.hpp"
#include "../traversal_options.hpp"
#include "commands.hpp"
#include "ergraph/error.hpp"
#include "ergraph/graph.hpp"
#include "ergraph/query.hpp"
#include "ergraph/store.hpp"

namespace ergraph::cli {
namespace {

struct PathOptions {
  std::string from, to;
  std::size_t k = 0;
  bool all = false;
  std::size_t limit = 100;
  std::string format = "text";
  bool stats = false;
  TraversalOptions traversal;
};

// The store's record of the edge a hop walked.
Edge edge_of(const Store& store, const GraphSnapshot& graph, const Hop& hop) {
  return store.edge_by_key(graph.edge(hop.edge).store_id).value();
}

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
          const Store& store = ctx.store();
          const Node from = store.resolve(o->from);
          const Node to = store.resolve(o->to);
          const GraphSnapshot& graph = ctx.graph();
          const TraversalFilter filter = o->traversal.to_filter(store, graph);
          const VertexId s = graph.vertex(from.id).value();
          const VertexId t = graph.vertex(to.id).value();
          for (VertexId avoided : filter.avoid) {
            if (avoided == s || avoided == t) {
              throw Error(ErrorCode::kUsage,
                          "--avoid names an endpoint of the path: " + graph.node_id(avoided));
            }
          }
          PathFinder& finder = ctx.path_finder();
          const auto started = std::chrono::steady_clock::now();
          std::vector<Path> paths;
          if (o->k > 0) {
            paths = finder.k_shortest(s, t, filter, o->k);
          } else if (o->all) {
            paths = finder.all_shortest(s, t, filter, o->limit);
          } else if (auto p = finder.shortest(s, t, filter)) {
            paths.push_back(std::move(*p));
          }
          if (o->stats) {
            const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                    std::chrono::steady_clock::now() - started)
                                    .count();
            *ctx.err << "search: " << micros << " µs, " << finder.last_visited()
                     << " vertices touched, ";
            if (paths.empty()) {
              *ctx.err << "no path\n";
            } else {
              const std::size_t hops = paths.front().hops.size();
              *ctx.err << paths.size() << (paths.size() == 1 ? " path (" : " paths (shortest ")
                       << hops << (hops == 1 ? " hop)\n" : " hops)\n");
            }
          }
          if (paths.empty()) {
            std::string message = "no path between " + from.name + " and " + to.name;
            if (filter.max_hops >= 0) {
              message += " within " + std::to_string(filter.max_hops) +
                         (filter.max_hops == 1 ? " hop" : " hops");
            }
            if (filter.narrows()) message += " (the filters given may be why)";
            throw Error(ErrorCode::kNotFound, message);
          }
          NodeNames names(store);
          std::ostream& out = *ctx.out;
          if (o->format == "json") {
            nlohmann::ordered_json j;
            j["from"] = node_json(from);
            j["to"] = node_json(to);
            j["paths"] = nlohmann::ordered_json::array();
            for (const Path& p : paths) {
              nlohmann::ordered_json jp;
              jp["length"] = p.hops.size();
              jp["nodes"] = nlohmann::ordered_json::array();
              for (VertexId v : p.nodes)
                jp["nodes"].push_back(node_json(names.node(graph.node_id(v))));
              jp["hops"] = nlohmann::ordered_json::array();
              for (std::size_t i = 0; i < p.hops.size(); ++i) {
                nlohmann::ordered_json hop = edge_json(edge_of(store, graph, p.hops[i]), names);
                hop["direction"] = p.hops[i].along ? "forward" : "backward";
                jp["hops"].push_back(std::move(hop));
              }
              j["paths"].push_back(std::move(jp));
            }
            out << j.dump(2) << '\n';
            return kExitOk;
          }
          for (std::size_t n = 0; n < paths.size(); ++n) {
            const Path& p = paths[n];
            if (n > 0) out << '\n';
            out << from.name << " → " << to.name << ": " << p.hops.size()
                << (p.hops.size() == 1 ? " hop" : " hops");
            if (paths.size() > 1) out << "  (path " << n + 1 << " of " << paths.size() << ")";
            out << '\n';
            for (std::size_t i = 0; i < p.hops.size(); ++i) {
              const Edge e = edge_of(store, graph, p.hops[i]);
              out << i + 1 << ". "
                  << hop_text(graph.node_name(p.nodes[i]), graph.node_name(p.nodes[i + 1]), e.type,
                              p.hops[i].along);
              if (!e.date.empty()) out << "  [" << e.date << "]";
              out << '\n';
              print_citations(out, e, names, "     ");
            }
          }
          return kExitOk;
        };
      }};
}

Command neighbors_command() {
  return {"neighbors", "the nodes within D hops of a node, with the edge that reached each",
          [](CLI::App& sub, Context& ctx) {
            struct Options {
              std::string node;
              int depth = 1;
              std::string format = "table";
              TraversalOptions traversal;
            };
            auto o = std::make_shared<Options>();
            sub.add_option("node", o->node, "node id, name or alias")->required();
            sub.add_option("--depth", o->depth, "how many hops out (default 1)")
                ->check(CLI::Range(0, 100000000));
            sub.add_option("--format", o->format, "table, json or csv")
                ->check(CLI::IsMember({"table", "json", "csv"}));
            add_traversal_options(sub, o->traversal, /*with_max_hops=*/false);
            sub.footer(
                "Example: ergraph neighbors \"Vladimir Medinsky\" --depth 2 --edge-types "
                "led,represents");
            return [o, &ctx] {
              const Store& store = ctx.store();
              const Node start = store.resolve(o->node);
              const GraphSnapshot& graph = ctx.graph();
              const TraversalFilter filter = o->traversal.to_filter(store, graph);
              const std::vector<Reached> reached =
                  neighbors(graph, graph.vertex(start.id).value(), o->depth, filter);
              std::ostream& out = *ctx.out;
              const OutputFormat format = parse_output_format(o->format);
              if (format == OutputFormat::kJson) {
                NodeNames names(store);
                nlohmann::ordered_json j = nlohmann::ordered_json::array();
                for (const Reached& r : reached) {
                  nlohmann::ordered_json jr = node_json(names.node(graph.node_id(r.node)));
                  jr["hops"] = r.hops;
                  if (r.via) {
                    jr["parent"] = graph.node_id(r.parent);
                    jr["edge"] = edge_json(
                        store.edge_by_key(graph.edge(r.via->edge).store_id).value(), names);
                    jr["edge"]["direction"] = r.via->along ? "forward" : "backward";
                  }
                  j.push_back(std::move(jr));
                }
                out << j.dump(2) << '\n';
                return kExitOk;
              }
              std::vector<std::vector<std::string>> rows;
              for (const Reached& r : reached) {
                std::string via;
                if (r.via) {
                  via = hop_text(graph.node_name(r.parent), graph.node_name(r.node),
                                 graph.edge_type_name(r.via->edge), r.via->along);
                }
                rows.push_back({std::to_string(r.hops), graph.node_id(r.node),
                                graph.node_type(r.node), graph.node_name(r.node), via});
              }
              const std::vector<std::string> header = {"hops", "id", "type", "name", "reached by"};
              print_rows(out, format, header, rows);
              return kExitOk;
            };
          }};
}

}  // namespace ergraph::cli
