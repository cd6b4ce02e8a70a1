#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

#include "../describe.hpp"
#include "../format.hpp"
#include "commands.hpp"
#include "ergraph/database.hpp"

namespace ergraph::cli {
namespace {

std::string subject_text(const Conflict& c) {
  std::string text = c.subject.name.empty() ? c.subject.id : c.subject.name;
  if (c.object) text += " → " + (c.object->name.empty() ? c.object->id : c.object->name);
  return text;
}

void print_text(std::ostream& out, const std::vector<Conflict>& conflicts, NodeNames& names) {
  out << conflicts.size() << (conflicts.size() == 1 ? " conflict\n" : " conflicts\n");
  for (std::size_t n = 0; n < conflicts.size(); ++n) {
    const Conflict& c = conflicts[n];
    out << '\n'
        << n + 1 << ". " << conflict_kind_name(c.kind) << ": " << c.about << " — "
        << subject_text(c) << '\n';
    for (std::size_t s = 0; s < c.sides.size(); ++s) {
      const ConflictSide& side = c.sides[s];
      out << "   side " << s + 1 << ": " << side.says << "  (" << sources_text(side.evidence)
          << ")\n";
      for (const Edge& e : side.edges) {
        out << "     " << hop_text(names.name(e.from), names.name(e.to), e.type, true)
            << edge_suffix(e) << '\n';
        print_citations(out, e, names, "       ");
      }
    }
  }
}

nlohmann::ordered_json to_json(const std::vector<Conflict>& conflicts, NodeNames& names) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (std::size_t n = 0; n < conflicts.size(); ++n) {
    const Conflict& c = conflicts[n];
    nlohmann::ordered_json j;
    j["number"] = n + 1;
    j["kind"] = conflict_kind_name(c.kind);
    j["about"] = c.about;
    j["subject"] = node_json(c.subject);
    j["object"] = c.object ? node_json(*c.object) : nlohmann::ordered_json();
    j["sides"] = nlohmann::ordered_json::array();
    for (const ConflictSide& side : c.sides) {
      nlohmann::ordered_json js;
      js["says"] = side.says;
      js["sources"] = side.evidence.documents;
      js["independent"] = side.evidence.independent;
      js["edges"] = nlohmann::ordered_json::array();
      for (const Edge& e : side.edges) js["edges"].push_back(edge_json(e, names));
      j["sides"].push_back(std::move(js));
    }
    list.push_back(std::move(j));
  }
  return {{"conflicts", std::move(list)}};
}

}  // namespace

Command conflicts_command() {
  return {
      "conflicts", "where the sources disagree, each side with its citations",
      [](CLI::App& sub, Context& ctx) {
        struct Options {
          std::string node;
          std::string format = "text";
        };
        auto o = std::make_shared<Options>();
        sub.add_option("--node", o->node,
                       "only conflicts about this node (id, name or alias): as the actor, "
                       "or as what the disagreement is about");
        sub.add_option("--format", o->format,
                       "text (each side with its quotes), table or csv (a row per side), "
                       "json")
            ->check(CLI::IsMember({"text", "table", "csv", "json"}));
        sub.footer(
            "Kinds: opposed stances (edge types the schema pairs under opposes:), different\n"
            "values of a property for the same relation, different dates that cannot be\n"
            "the same day, and different titles for the same actor (README \"Evidence\").\n"
            "Example: ergraph conflicts\n"
            "         ergraph conflicts --node \"Istanbul talks\" --format json\n"
            "         ergraph export --conflict 1 -o conflict.svg");
        return [o, &ctx] {
          const std::vector<Conflict> conflicts = ctx.db().conflicts(o->node);
          NodeNames names(ctx.db());
          std::ostream& out = *ctx.out;
          if (o->format == "json") {
            out << to_json(conflicts, names).dump(2) << '\n';
          } else if (o->format == "text") {
            print_text(out, conflicts, names);
          } else {
            std::vector<std::vector<std::string>> rows;
            for (std::size_t n = 0; n < conflicts.size(); ++n) {
              const Conflict& c = conflicts[n];
              for (std::size_t s = 0; s < c.sides.size(); ++s) {
                const ConflictSide& side = c.sides[s];
                rows.push_back({std::to_string(n + 1), conflict_kind_name(c.kind), c.about,
                                c.subject.id, c.object ? c.object->id : "", std::to_string(s + 1),
                                side.says, std::to_string(side.evidence.documents),
                                std::to_string(side.evidence.independent)});
              }
            }
            print_rows(out, parse_output_format(o->format),
                       {"conflict", "kind", "about", "subject", "object", "side", "says", "sources",
                        "independent"},
                       rows);
          }
          return kExitOk;
        };
      },
      /*parser_kept=*/true};
}

}  // namespace ergraph::cli
