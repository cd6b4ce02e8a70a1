// Same actor, two nodes: merge, unmerge, distinct and judgements (README "Same actor, two
// names"). xref, which proposes the pairs, is in xref.cpp.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <ostream>

#include "../describe.hpp"
#include "../format.hpp"
#include "commands.hpp"
#include "ergraph/database.hpp"

namespace ergraph::cli {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

nlohmann::ordered_json judgement_json(const Judgement& j) {
  nlohmann::ordered_json o;
  o["number"] = j.number;
  o["judgement"] = j.kind;
  o[j.kind == "merge" ? "keep" : "a"] = j.keep;
  o[j.kind == "merge" ? "drop" : "b"] = j.drop;
  o["why"] = j.why;
  o["at"] = j.at;
  o["generation"] = j.generation;
  if (!j.undone_at.empty()) o["undone_at"] = j.undone_at;
  return o;
}

void print_merge(std::ostream& out, const MergeReport& r, bool dry_run) {
  out << (dry_run ? "would merge " : "merged ") << r.drop.id << " (" << r.drop.name << ") into "
      << r.keep.id << " (" << r.keep.name << ")";
  if (!dry_run) out << ": judgement " << r.judgement;
  out << '\n';
  out << "  edges moved       " << r.edges_moved << '\n';
  out << "  edges joined      " << r.edges_joined << " (" << r.citations_added
      << (r.citations_added == 1 ? " citation" : " citations") << " added to them)\n";
  if (r.citations_repointed > 0) {
    out << "  citations         " << r.citations_repointed << " now cite " << r.keep.id << '\n';
  }
  out << "  aliases added     " << (r.aliases_added.empty() ? "none" : joined(r.aliases_added))
      << '\n';
  if (!r.props_added.empty()) out << "  props added       " << joined(r.props_added) << '\n';
  for (const std::string& conflict : r.prop_conflicts) {
    out << "  prop conflict     " << conflict << " (kept in the judgement; unmerge restores it)\n";
  }
  for (const Edge& e : r.edges_removed) {
    out << "  edge removed      " << e.from << " —" << e.type << "→ " << e.to
        << (e.date.empty() ? "" : "  [" + e.date + "]")
        << " (it would join the actor to itself; kept in the judgement)\n";
  }
  if (dry_run) {
    out << "dry run: nothing was written\n";
  } else {
    out << "undo with: ergraph unmerge " << r.drop.id << '\n';
  }
}

}  // namespace

Command merge_command() {
  return {"merge", "merge two nodes of one actor into one, recorded as a judgement",
          [](CLI::App& sub, Context& ctx) {
            struct Options {
              std::string keep, drop, why, format = "text";
              bool dry_run = false;
            };
            auto o = std::make_shared<Options>();
            sub.add_option("keep", o->keep, "the node that stays (id, name or alias)")->required();
            sub.add_option("drop", o->drop, "the node merged into it and removed")->required();
            sub.add_option("--why", o->why, "the reason, recorded with the judgement");
            sub.add_flag("--dry-run", o->dry_run, "say what would change; write nothing");
            sub.add_option("--format", o->format, "text or json")
                ->check(CLI::IsMember({"text", "json"}));
            sub.footer(
                "DROP's edges and citations move to KEEP (an edge KEEP has already gains the\n"
                "citations it lacks; an edge between the two is removed), DROP's name and aliases\n"
                "become aliases, props merge key by key (KEEP's value wins; DROP's is kept in the\n"
                "judgement). `ergraph unmerge DROP` undoes it exactly.\n"
                "Example: ergraph merge person:zelensky person:volodymyr-zelensky --why \"same "
                "man\"");
            return [o, &ctx] {
              const MergeReport r = ctx.db().merge(o->keep, o->drop, o->why, o->dry_run);
              std::ostream& out = *ctx.out;
              if (o->format == "json") {
                nlohmann::ordered_json j;
                j["dry_run"] = o->dry_run;
                j["judgement"] = r.judgement;
                j["keep"] = r.keep.id;
                j["drop"] = r.drop.id;
                j["edges_moved"] = r.edges_moved;
                j["edges_joined"] = r.edges_joined;
                j["citations_added"] = r.citations_added;
                j["citations_repointed"] = r.citations_repointed;
                j["aliases_added"] = r.aliases_added;
                j["props_added"] = r.props_added;
                j["prop_conflicts"] = r.prop_conflicts;
                j["edges_removed"] = nlohmann::ordered_json::array();
                for (const Edge& e : r.edges_removed) {
                  nlohmann::ordered_json edge;
                  edge["type"] = e.type;
                  edge["from"] = e.from;
                  edge["to"] = e.to;
                  edge["date"] = e.date;
                  j["edges_removed"].push_back(edge);
                }
                out << j.dump(2) << '\n';
                return kExitOk;
              }
              print_merge(out, r, o->dry_run);
              return kExitOk;
            };
          }};
}

Command unmerge_command() {
  return {"unmerge", "undo a merge: the merged-away node comes back as it was",
          [](CLI::App& sub, Context& ctx) {
            auto drop = std::make_shared<std::string>();
            sub.add_option("drop", *drop, "the id of the node a merge removed")->required();
            sub.footer(
                "DROP returns with exactly its own edges, citations, aliases and props; the node\n"
                "it was merged into loses what the merge gave it. The judgement stays, marked\n"
                "undone (ergraph judgements --all).\n"
                "Example: ergraph unmerge person:volodymyr-zelensky");
            return [drop, &ctx] {
              const Judgement j = ctx.db().unmerge(*drop);
              *ctx.out << "unmerged " << j.drop << " from " << j.keep << " (judgement " << j.number
                       << " undone)\n";
              return kExitOk;
            };
          }};
}

Command distinct_command() {
  return {"distinct", "record that two nodes are different actors, so xref stops proposing them",
          [](CLI::App& sub, Context& ctx) {
            struct Options {
              std::string a, b, why;
            };
            auto o = std::make_shared<Options>();
            sub.add_option("a", o->a, "a node (id, name or alias)")->required();
            sub.add_option("b", o->b, "the other node")->required();
            sub.add_option("--why", o->why, "the reason, recorded with the judgement");
            sub.footer("Example: ergraph distinct person:a person:b --why \"father and son\"");
            return [o, &ctx] {
              const Judgement j = ctx.db().distinct(o->a, o->b, o->why);
              *ctx.out << "recorded: " << j.keep << " and " << j.drop
                       << " are different actors (judgement " << j.number << ")\n";
              return kExitOk;
            };
          }};
}

Command xref_command() {
  return {"xref", "pairs of nodes that may be one actor, with a score and the reasons",
          [](CLI::App& sub, Context& ctx) {
            struct Options {
              std::string type, format = "table";
              double min_score = 0.5;
              std::size_t max_block = 200;
            };
            auto o = std::make_shared<Options>();
            sub.add_option("--type", o->type, "only pairs of this node type");
            sub.add_option("--min-score", o->min_score, "only pairs scoring at least this (0 to 1)")
                ->check(CLI::Range(0.0, 1.0));
            sub.add_option("--max-block", o->max_block,
                           "skip a spelling shared by more nodes than this (default 200)")
                ->check(CLI::Range(std::size_t{2}, std::size_t{1000000}));
            sub.add_option("--format", o->format, "table, csv or json")
                ->check(CLI::IsMember({"table", "csv", "json"}));
            sub.footer(
                "Scores: 1.0 same name or alias; 0.9 a spelling variant (Zelensky, Zelenskyy,\n"
                "transliterations); 0.75 same surname with compatible first names or initials;\n"
                "0.6 same surname, one name of one word; +0.05 per neighbour both have by the\n"
                "same edge type (at most +0.15). Pairs judged distinct are left out. The first\n"
                "node of a pair (more edges) is the one to keep: ergraph merge KEEP DROP.\n"
                "Example: ergraph xref --type Person");
            return [o, &ctx] {
              XrefOptions options;
              options.node_type = o->type;
              options.min_score = o->min_score;
              options.max_block = o->max_block;
              const XrefAnswer answer =
                  for_option("--type", "node_type", [&] { return ctx.db().xref(options); });
              std::ostream& out = *ctx.out;
              auto score_text = [](double score) {
                char text[16];
                std::snprintf(text, sizeof text, "%.2f", score);
                return std::string(text);
              };
              if (o->format == "json") {
                nlohmann::ordered_json j;
                j["nodes"] = answer.nodes;
                j["skipped_blocks"] = answer.skipped_blocks;
                j["pairs"] = nlohmann::ordered_json::array();
                for (const XrefPair& p : answer.pairs) {
                  nlohmann::ordered_json one;
                  one["score"] = std::stod(score_text(p.score));
                  one["type"] = p.a.type;
                  one["keep"] = node_json(p.a);
                  one["drop"] = node_json(p.b);
                  one["reasons"] = p.reasons;
                  one["merge"] = "ergraph merge " + p.a.id + " " + p.b.id;
                  j["pairs"].push_back(one);
                }
                out << j.dump(2) << '\n';
                return kExitOk;
              }
              std::vector<std::vector<std::string>> rows;
              for (const XrefPair& p : answer.pairs) {
                std::string reasons;
                for (const std::string& r : p.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
                rows.push_back(
                    {score_text(p.score), p.a.type, p.a.id, p.a.name, p.b.id, p.b.name, reasons});
              }
              if (rows.empty() && o->format == "table") {
                out << "no likely duplicates (" << answer.nodes << " nodes looked at)\n";
              } else {
                print_rows(out, parse_output_format(o->format),
                           {"score", "type", "keep", "name", "drop", "name", "reasons"}, rows);
              }
              if (answer.skipped_blocks > 0) {
                *ctx.err << "note: " << answer.skipped_blocks << " spellings shared by more than "
                         << o->max_block << " nodes were not compared (--max-block)\n";
              }
              return kExitOk;
            };
          }};
}

Command judgements_command() {
  return {"judgements", "the recorded merges and distinct pairs", [](CLI::App& sub, Context& ctx) {
            struct Options {
              bool all = false;
              std::string format = "table";
            };
            auto o = std::make_shared<Options>();
            sub.add_flag("--all", o->all, "also the merges undone since");
            sub.add_option("--format", o->format, "table, csv or json")
                ->check(CLI::IsMember({"table", "csv", "json"}));
            sub.footer("Example: ergraph judgements --all");
            return [o, &ctx] {
              const std::vector<Judgement> list = ctx.db().judgements(o->all);
              std::ostream& out = *ctx.out;
              if (o->format == "json") {
                nlohmann::ordered_json j = nlohmann::ordered_json::array();
                for (const Judgement& one : list) j.push_back(judgement_json(one));
                out << j.dump(2) << '\n';
                return kExitOk;
              }
              std::vector<std::vector<std::string>> rows;
              for (const Judgement& j : list) {
                rows.push_back({std::to_string(j.number), j.kind, j.keep, j.drop, j.at, j.why,
                                j.undone_at.empty() ? "in force" : "undone " + j.undone_at});
              }
              if (rows.empty() && o->format == "table") {
                out << "no judgements recorded\n";
                return kExitOk;
              }
              print_rows(out, parse_output_format(o->format),
                         {"number", "judgement", "keep / a", "drop / b", "at", "why", "status"},
                         rows);
              return kExitOk;
            };
          }};
}

}  // namespace ergraph::cli
