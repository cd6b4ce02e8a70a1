#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <ostream>

#include "../format.hpp"
#include "../progress.hpp"
#include "../traversal_options.hpp"
#include "commands.hpp"
#include "ergraph/database.hpp"

namespace ergraph::cli {
namespace {

std::string score_text(double value, RankBy by) {
  char buffer[32];
  if (by == RankBy::kDegree) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else if (by == RankBy::kPageRank) {
    std::snprintf(buffer, sizeof buffer, "%.6f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
  }
  return buffer;
}

}  // namespace

Command rank_command() {
  return {
      "rank", "the most connected nodes: by degree, betweenness (brokers) or PageRank",
      [](CLI::App& sub, Context& ctx) {
        struct Options {
          std::string by = "degree";
          std::string type;
          std::size_t top = 20;
          std::size_t samples = 0;
          std::vector<std::string> edge_types, skip_edge_types;
          std::string format = "table";
          EvidenceFilter evidence;
        };
        auto o = std::make_shared<Options>();
        sub.add_option("--by", o->by, "degree, betweenness or pagerank")
            ->check(CLI::IsMember({"degree", "betweenness", "pagerank"}));
        sub.add_option("--type", o->type, "list only nodes of this type");
        sub.add_option("--top", o->top, "how many to list (default 20)")
            ->check(CLI::Range(1, 100000000));
        sub.add_option("--samples", o->samples,
                       "betweenness from N evenly spaced source nodes, scaled up (default: "
                       "exact, from all)");
        sub.add_option("--edge-types", o->edge_types, "count only these edge types")
            ->delimiter(',');
        sub.add_option("--skip-edge-types", o->skip_edge_types, "ignore these edge types")
            ->delimiter(',');
        add_evidence_options(sub, o->evidence);
        sub.add_option("--format", o->format, "table, json or csv")
            ->check(CLI::IsMember({"table", "json", "csv"}));
        sub.footer(
            "The graph is taken as undirected and simple. degree: distinct neighbours;\n"
            "betweenness: shortest paths between other pairs through the node (each pair\n"
            "once); pagerank: damping 0.85, summing to 1. Ties by node id.\n"
            "Example: ergraph rank --by betweenness --type Person --top 5");
        return [o, &ctx] {
          RankQuery query;
          query.options.by = o->by == "betweenness" ? RankBy::kBetweenness
                             : o->by == "pagerank"  ? RankBy::kPageRank
                                                    : RankBy::kDegree;
          query.options.edge_types = o->edge_types;
          query.options.skip_edge_types = o->skip_edge_types;
          query.options.betweenness_samples = o->samples;
          query.node_type = o->type;
          query.evidence = o->evidence;
          query.top = o->top;
          // Exact betweenness on a large graph takes minutes: a bar on a terminal (nothing
          // within the first second), Ctrl-C stops it.
          std::unique_ptr<Progress> progress;
          query.options.progress = [&](std::size_t done, std::size_t total) {
            if (!progress) {
              progress = std::make_unique<Progress>(ctx.progress_report(), ctx.err_is_terminal,
                                                    "rank: betweenness sources", total);
            }
            progress->update(done);
          };
          const std::vector<RankedNode> ranked =
              for_option("--type", "node_type", [&] { return ctx.db().rank(query); });
          progress.reset();
          std::vector<std::vector<std::string>> rows;
          nlohmann::ordered_json j = nlohmann::ordered_json::array();
          for (const RankedNode& r : ranked) {
            rows.push_back({std::to_string(rows.size() + 1), score_text(r.score, query.options.by),
                            r.node.id, r.node.type, r.node.name});
            j.push_back({{"rank", rows.size()},
                         {"score", r.score},
                         {"id", r.node.id},
                         {"type", r.node.type},
                         {"name", r.node.name}});
          }
          std::ostream& out = *ctx.out;
          const std::vector<std::string> header = {"rank", o->by, "id", "type", "name"};
          const OutputFormat format = parse_output_format(o->format);
          if (format == OutputFormat::kJson) {
            out << j.dump(2) << '\n';
          } else {
            print_rows(out, format, header, rows);
          }
          return kExitOk;
        };
      }};
}

Command components_command() {
  return {"components", "connected groups of nodes (directions ignored), largest first",
          [](CLI::App& sub, Context& ctx) {
            struct Options {
              std::size_t top = 10;
              std::size_t members = 5;
              std::string format = "table";
            };
            auto o = std::make_shared<Options>();
            sub.add_option("--top", o->top, "how many components to list (default 10)")
                ->check(CLI::Range(1, 100000000));
            sub.add_option("--members", o->members, "member names shown per component (default 5)");
            sub.add_option("--format", o->format, "table, json or csv")
                ->check(CLI::IsMember({"table", "json", "csv"}));
            sub.footer("Example: ergraph components --top 3");
            return [o, &ctx] {
              const ComponentsAnswer parts = ctx.db().components(o->top, o->members);
              std::vector<std::vector<std::string>> rows;
              nlohmann::ordered_json j;
              j["components"] = parts.count;
              j["largest"] = nlohmann::ordered_json::array();
              for (const ComponentSummary& c : parts.largest) {
                std::string names;
                nlohmann::ordered_json members = nlohmann::ordered_json::array();
                for (const Node& m : c.members) {
                  names += (names.empty() ? "" : ", ") + m.name;
                  members.push_back(m.id);
                }
                if (c.size > o->members) names += ", …";
                rows.push_back({std::to_string(rows.size() + 1), std::to_string(c.size), names});
                j["largest"].push_back({{"size", c.size}, {"members", members}});
              }
              std::ostream& out = *ctx.out;
              const std::vector<std::string> header = {"component", "size", "members"};
              const OutputFormat format = parse_output_format(o->format);
              if (format == OutputFormat::kJson) {
                out << j.dump(2) << '\n';
                return kExitOk;
              }
              if (format == OutputFormat::kTable) {
                out << parts.count << (parts.count == 1 ? " component" : " components") << "\n\n";
              }
              print_rows(out, format, header, rows);
              return kExitOk;
            };
          }};
}

}  // namespace ergraph::cli
