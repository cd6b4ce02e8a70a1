#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <ostream>

#include "../format.hpp"
#include "commands.hpp"
#include "ergraph/database.hpp"

namespace ergraph::cli {

Command stats_command() {
  return {"stats", "count nodes, edges, documents and citations, per type",
          [](CLI::App& sub, Context& ctx) {
            auto format = std::make_shared<std::string>("table");
            auto memory = std::make_shared<bool>(false);
            sub.add_option("--format", *format, "table, json or csv")
                ->check(CLI::IsMember({"table", "json", "csv"}));
            sub.add_flag("--memory", *memory,
                         "also load the query graph and print what it holds in memory");
            sub.footer("Example: ergraph stats --format json");
            return [format, memory, &ctx] {
              Database& db = ctx.db();
              const StoreStats s = db.stats();
              std::ostream& out = *ctx.out;
              if (*memory) {
                const MemoryStats g = db.memory();
                const double per_edge =
                    g.edges ? static_cast<double>(g.graph_bytes) / g.edges : 0.0;
                char line[200];
                std::snprintf(line, sizeof line,
                              "graph in memory: %zu vertices, %zu edges, %zu bytes of adjacency "
                              "and edge data (%.1f per edge), %zu bytes of id and name strings\n",
                              g.vertices, g.edges, g.graph_bytes, per_edge, g.string_bytes);
                *ctx.err << line;
              }
              switch (parse_output_format(*format)) {
                case OutputFormat::kJson: {
                  nlohmann::ordered_json j;
                  j["nodes"] = s.nodes;
                  j["edges"] = s.edges;
                  j["documents"] = s.documents;
                  j["citations"] = s.citations;
                  j["aliases"] = s.aliases;
                  j["node_types"] = nlohmann::ordered_json::object();
                  for (const auto& [type, n] : s.nodes_by_type) j["node_types"][type] = n;
                  j["edge_types"] = nlohmann::ordered_json::object();
                  for (const auto& [type, n] : s.edges_by_type) j["edge_types"][type] = n;
                  out << j.dump(2) << '\n';
                  break;
                }
                case OutputFormat::kCsv: {
                  std::vector<std::vector<std::string>> rows = {
                      {"total", "nodes", std::to_string(s.nodes)},
                      {"total", "edges", std::to_string(s.edges)},
                      {"total", "documents", std::to_string(s.documents)},
                      {"total", "citations", std::to_string(s.citations)},
                      {"total", "aliases", std::to_string(s.aliases)}};
                  for (const auto& [type, n] : s.nodes_by_type) {
                    rows.push_back({"node_type", type, std::to_string(n)});
                  }
                  for (const auto& [type, n] : s.edges_by_type) {
                    rows.push_back({"edge_type", type, std::to_string(n)});
                  }
                  print_csv(out, {"kind", "name", "count"}, rows);
                  break;
                }
                case OutputFormat::kTable: {
                  out << ctx.db_path << " (schema " << db.schema().name() << ")\n\n";
                  print_table(out, {"total", "count"},
                              {{"nodes", std::to_string(s.nodes)},
                               {"edges", std::to_string(s.edges)},
                               {"documents", std::to_string(s.documents)},
                               {"citations", std::to_string(s.citations)},
                               {"aliases", std::to_string(s.aliases)}});
                  std::vector<std::vector<std::string>> nodes;
                  for (const auto& [type, n] : s.nodes_by_type) {
                    nodes.push_back({type, std::to_string(n)});
                  }
                  out << '\n';
                  print_table(out, {"node type", "nodes"}, nodes);
                  std::vector<std::vector<std::string>> edges;
                  for (const auto& [type, n] : s.edges_by_type) {
                    edges.push_back({type, std::to_string(n)});
                  }
                  out << '\n';
                  print_table(out, {"edge type", "edges"}, edges);
                  break;
                }
              }
              return kExitOk;
            };
          }};
}

}  // namespace ergraph::cli
