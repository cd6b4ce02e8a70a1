#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

#include "../describe.hpp"
#include "../traversal_options.hpp"
#include "commands.hpp"
#include "ergraph/database.hpp"
#include "ergraph/error.hpp"

namespace ergraph::cli {

Command timeline_command() {
  return {"timeline", "a node's dated edges in date order, with their citations",
          [](CLI::App& sub, Context& ctx) {
            struct Options {
              std::string node;
              std::vector<std::string> edge_types;
              std::string at, from, to;
              std::string format = "text";
            };
            auto o = std::make_shared<Options>();
            sub.add_option("node", o->node, "node id, name or alias")->required();
            sub.add_option("--edge-types", o->edge_types, "only these edge types (comma-separated)")
                ->delimiter(',');
            sub.add_option("--at", o->at, "only edges dated within DATE (YYYY[-MM[-DD]])");
            sub.add_option("--from", o->from, "only edges dated on or after DATE");
            sub.add_option("--to", o->to, "only edges dated on or before DATE");
            sub.add_option("--format", o->format, "text or json")
                ->check(CLI::IsMember({"text", "json"}));
            sub.footer(
                "A partial date is the range of days it covers: edges are ordered by their first\n"
                "day, a narrower range first (2025-05-16 before 2025-05-16's month, 2025-05).\n"
                "Example: ergraph timeline \"Hakan Fidan\"\n"
                "         ergraph timeline Russia --from 2025-05 --format json");
            return [o, &ctx] {
              TraversalOptions dates;  // the one place --at/--from/--to are read as a range
              dates.at = o->at;
              dates.from = o->from;
              dates.to = o->to;
              TimelineQuery query;
              query.node = o->node;
              query.window = dates.to_spec().window;
              query.edge_types = o->edge_types;
              const Timeline t =
                  for_option("--edge-types", "edge_type", [&] { return ctx.db().timeline(query); });
              NodeNames names(ctx.db());
              std::ostream& out = *ctx.out;
              if (o->format == "json") {
                nlohmann::ordered_json j;
                j["node"] = node_json(t.node);
                j["undated"] = t.undated;
                j["edges"] = nlohmann::ordered_json::array();
                for (const Edge& e : t.edges) j["edges"].push_back(edge_json(e, names));
                out << j.dump(2) << '\n';
                return kExitOk;
              }
              out << t.node.name << ": " << t.edges.size()
                  << (t.edges.size() == 1 ? " dated edge" : " dated edges");
              if (t.undated > 0) out << " (" << t.undated << " undated not shown)";
              out << '\n';
              for (const Edge& e : t.edges) {
                out << '\n'
                    << e.date << std::string(e.date.size() < 10 ? 12 - e.date.size() : 2, ' ')
                    << hop_text(names.name(e.from), names.name(e.to), e.type, true) << "  ("
                    << sources_text(e.evidence) << ")\n";
                print_citations(out, e, names, "            ");
              }
              return kExitOk;
            };
          },
          /*parser_kept=*/true};
}

}  // namespace ergraph::cli
