#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <ostream>

#include "../describe.hpp"
#include "commands.hpp"
#include "ergraph/database.hpp"

namespace ergraph::cli {

Command show_command() {
  return {"show", "a node: its names, properties, and every edge with its citations",
          [](CLI::App& sub, Context& ctx) {
            struct Options {
              std::string node;
              std::string format = "text";
            };
            auto o = std::make_shared<Options>();
            sub.add_option("node", o->node, "node id, name or alias")->required();
            sub.add_option("--format", o->format, "text or json")
                ->check(CLI::IsMember({"text", "json"}));
            sub.footer("Example: ergraph show \"Hakan Fidan\"");
            return [o, &ctx] {
              const NodeDetail detail = ctx.db().describe(o->node);
              const Node& node = detail.node;
              const std::vector<Edge>& edges = detail.edges;
              const std::optional<std::string>& text = detail.text;
              NodeNames names(ctx.db());
              std::ostream& out = *ctx.out;
              if (o->format == "json") {
                nlohmann::ordered_json j = node_json(node);
                j["aliases"] = node.aliases;
                j["props"] = nlohmann::ordered_json::parse(node.props);
                if (text) j["text"] = *text;
                if (!detail.merged.empty()) j["merged"] = detail.merged;
                j["edges"] = nlohmann::ordered_json::array();
                for (const Edge& e : edges) j["edges"].push_back(edge_json(e, names));
                out << j.dump(2) << '\n';
                return kExitOk;
              }
              out << node.name << '\n';
              out << "  id       " << node.id << '\n';
              out << "  type     " << node.type << '\n';
              if (!node.aliases.empty()) {
                out << "  aliases  ";
                for (std::size_t i = 0; i < node.aliases.size(); ++i) {
                  out << (i ? ", " : "") << node.aliases[i];
                }
                out << '\n';
              }
              const nlohmann::json props = nlohmann::json::parse(node.props);
              for (const auto& [key, value] : props.items()) {
                out << "  " << key << std::string(key.size() < 8 ? 9 - key.size() : 1, ' ')
                    << (value.is_string() ? value.get<std::string>() : value.dump()) << '\n';
              }
              if (text) out << "  text     " << text->size() << " bytes\n";
              if (!detail.merged.empty()) {
                out << "  merged   ";
                for (std::size_t i = 0; i < detail.merged.size(); ++i) {
                  out << (i ? ", " : "") << detail.merged[i];
                }
                out << "  (ergraph judgements)\n";
              }
              // Grouped by type and direction, in the store's (type, from, to, date) order.
              std::string group;
              for (const Edge& e : edges) {
                const bool outgoing = e.from == node.id;
                const std::string this_group = e.type + (outgoing ? " (out)" : " (in)");
                if (this_group != group) {
                  out << '\n' << this_group << '\n';
                  group = this_group;
                }
                out << "  "
                    << hop_text(names.name(e.from == node.id ? e.from : e.to),
                                names.name(e.from == node.id ? e.to : e.from), e.type, outgoing);
                if (!e.date.empty()) out << "  [" << e.date << "]";
                if (e.props != "{}") out << "  " << e.props;
                out << "  (" << sources_text(e.evidence) << ")";
                out << '\n';
                print_citations(out, e, names, "      ");
              }
              if (edges.empty()) out << "\n(no edges)\n";
              return kExitOk;
            };
          },
          /*parser_kept=*/true};
}

}  // namespace ergraph::cli
