#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <ostream>

#include "../describe.hpp"
#include "../format.hpp"
#include "commands.hpp"
#include "ergraph/database.hpp"
#include "ergraph/error.hpp"

namespace ergraph::cli {
namespace {

const char* kind_name(NameMatchKind kind) {
  switch (kind) {
    case NameMatchKind::kExact:
      return "exact";
    case NameMatchKind::kPrefix:
      return "prefix";
    case NameMatchKind::kContains:
      return "contains";
    case NameMatchKind::kSimilar:
      return "similar";
  }
  return "";
}

}  // namespace

Command find_command() {
  return {
      "find", "nodes by name or alias, or documents and quotes by words",
      [](CLI::App& sub, Context& ctx) {
        struct Options {
          std::vector<std::string> words;
          bool text = false;
          std::size_t limit = 20;
          std::string format = "table";
        };
        auto o = std::make_shared<Options>();
        sub.add_option("words", o->words, "a name (any case, accents optional) or words")
            ->required()
            ->expected(1, -1);
        sub.add_flag("--text", o->text, "search document texts and quotes instead of names");
        sub.add_option("--limit", o->limit, "at most this many results")
            ->check(CLI::Range(1, 100000000));
        sub.add_option("--format", o->format, "table, json or csv")
            ->check(CLI::IsMember({"table", "json", "csv"}));
        sub.footer(
            "Names match ignoring case, accents and punctuation; exact matches first, then\n"
            "prefixes, substrings and close spellings.\n"
            "Example: ergraph find turkiye\n"
            "         ergraph find --text prisoner exchange");
        return [o, &ctx] {
          Database& db = ctx.db();
          std::string words;
          for (const std::string& w : o->words) words += (words.empty() ? "" : " ") + w;
          if (words.find_first_not_of(" \t") == std::string::npos) {
            throw Error(ErrorCode::kUsage, "find: give a name, or words with --text");
          }
          std::ostream& out = *ctx.out;
          const OutputFormat format = parse_output_format(o->format);
          if (!o->text) {
            const std::vector<NameMatch> matches = db.search_names(words, o->limit);
            if (matches.empty()) {
              throw Error(ErrorCode::kNotFound, "no node name or alias is like '" + words + "'");
            }
            if (format == OutputFormat::kJson) {
              nlohmann::ordered_json j = nlohmann::ordered_json::array();
              for (const NameMatch& m : matches) {
                j.push_back({{"id", m.id},
                             {"type", m.type},
                             {"name", m.name},
                             {"matched", m.matched},
                             {"match", kind_name(m.kind)}});
              }
              out << j.dump(2) << '\n';
              return kExitOk;
            }
            std::vector<std::vector<std::string>> rows;
            for (const NameMatch& m : matches) {
              rows.push_back(
                  {kind_name(m.kind), m.id, m.type, m.name, m.matched == m.name ? "" : m.matched});
            }
            const std::vector<std::string> header = {"match", "id", "type", "name", "as"};
            print_rows(out, format, header, rows);
            return kExitOk;
          }
          const std::vector<TextHit> docs = db.search_text(words, o->limit);
          const std::vector<QuoteHit> quotes = db.search_quotes(words, o->limit);
          if (docs.empty() && quotes.empty()) {
            throw Error(ErrorCode::kNotFound, "no document text holds '" + words + "'");
          }
          NodeNames names(db);
          if (format == OutputFormat::kJson) {
            nlohmann::ordered_json j;
            j["documents"] = nlohmann::ordered_json::array();
            for (const TextHit& h : docs) {
              j["documents"].push_back(
                  {{"doc", h.doc}, {"doc_name", h.doc_name}, {"snippet", h.snippet}});
            }
            j["edges"] = nlohmann::ordered_json::array();
            for (const QuoteHit& h : quotes) j["edges"].push_back(edge_json(h.edge, names));
            out << j.dump(2) << '\n';
            return kExitOk;
          }
          if (format == OutputFormat::kCsv) {
            std::vector<std::vector<std::string>> rows;
            for (const TextHit& h : docs)
              rows.push_back({"document", h.doc, "", "", "", h.snippet});
            for (const QuoteHit& h : quotes) {
              for (const Citation& c : h.edge.sources) {
                rows.push_back({"edge", c.doc, h.edge.type, h.edge.from, h.edge.to, c.quote});
              }
            }
            print_csv(out, {"kind", "doc", "type", "from", "to", "text"}, rows);
            return kExitOk;
          }
          out << "documents (" << docs.size() << ")\n";
          for (const TextHit& h : docs) {
            out << "  " << h.doc_name << "  [" << h.doc << "]\n    " << h.snippet << '\n';
          }
          out << "\nedges citing it (" << quotes.size() << ")\n";
          for (const QuoteHit& h : quotes) {
            out << "  "
                << hop_text(names.name(h.edge.from), names.name(h.edge.to), h.edge.type, true);
            if (!h.edge.date.empty()) out << "  [" << h.edge.date << "]";
            out << '\n';
            print_citations(out, h.edge, names, "      ");
          }
          return kExitOk;
        };
      },
      /*parser_kept=*/true};
}

}  // namespace ergraph::cli
