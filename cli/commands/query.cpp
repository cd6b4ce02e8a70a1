// ergraph query: the openCypher subset of README "Queries", as a table, JSON or CSV.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <sstream>

#include "../describe.hpp"
#include "../format.hpp"
#include "commands.hpp"
#include "ergraph/database.hpp"
#include "ergraph/text.hpp"

namespace ergraph::cli {

namespace {

struct QueryCommandOptions {
  std::string text;
  std::string file;
  std::vector<std::string> params;
  std::string format = "table";
  std::size_t max_length = 10;
  std::size_t max_rows = 1'000'000;
};

bool holds_path(const QueryValue& v) { return std::holds_alternative<CitedPath>(v.value); }

// How a value reads in a table cell (names) or a CSV cell (ids).
std::string cell(const QueryValue& v, bool for_csv, NodeNames& names) {
  struct Visitor {
    bool csv;
    NodeNames& names;
    std::string operator()(std::monostate) const { return csv ? "" : "null"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return float_text(d); }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const Node& n) const { return csv ? n.id : n.name + " (" + n.id + ")"; }
    std::string operator()(const Edge& e) const {
      std::string s = csv ? e.from + " —" + e.type + "→ " + e.to
                          : hop_text(names.name(e.from), names.name(e.to), e.type, true);
      if (!e.date.empty()) s += " [" + e.date + "]";
      return s;
    }
    std::string operator()(const CitedPath& p) const {
      std::string s = p.nodes.empty() ? "" : (csv ? p.nodes[0].id : p.nodes[0].name);
      for (std::size_t i = 0; i < p.hops.size(); ++i) {
        const std::string& next = csv ? p.nodes[i + 1].id : p.nodes[i + 1].name;
        s += p.hops[i].along ? " —" + p.hops[i].edge.type + "→ " + next
                             : " ←" + p.hops[i].edge.type + "— " + next;
      }
      return s;
    }
    std::string operator()(const QueryValue::List& l) const {
      std::string s = "[";
      for (std::size_t i = 0; i < l.size(); ++i) s += (i ? ", " : "") + quoted(l[i]);
      return s + "]";
    }
    std::string operator()(const QueryValue::Map& m) const {
      std::string s = "{";
      for (std::size_t i = 0; i < m.size(); ++i)
        s += (i ? ", " : "") + m[i].first + ": " + quoted(m[i].second);
      return s + "}";
    }
    // Inside a list or map a string is quoted, so ['a, b'] and ['a', 'b'] read apart.
    std::string quoted(const QueryValue& x) const {
      if (const auto* s = std::get_if<std::string>(&x.value)) return nlohmann::json(*s).dump();
      if (std::holds_alternative<std::monostate>(x.value)) return "null";
      return std::visit(*this, x.value);
    }
  };
  return std::visit(Visitor{for_csv, names}, v.value);
}

nlohmann::ordered_json to_json(const QueryValue& v, NodeNames& names) {
  struct Visitor {
    NodeNames& names;
    nlohmann::ordered_json operator()(std::monostate) const { return nullptr; }
    nlohmann::ordered_json operator()(bool b) const { return b; }
    nlohmann::ordered_json operator()(std::int64_t i) const { return i; }
    nlohmann::ordered_json operator()(double d) const {
      return std::isfinite(d) ? nlohmann::ordered_json(d) : nlohmann::ordered_json(float_text(d));
    }
    nlohmann::ordered_json operator()(const std::string& s) const { return s; }
    nlohmann::ordered_json operator()(const Node& n) const { return node_json(n); }
    nlohmann::ordered_json operator()(const Edge& e) const {
      return {{"type", e.type},
              {"from", e.from},
              {"to", e.to},
              {"date", e.date.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(e.date)},
              {"sources", e.evidence.documents},
              {"independent", e.evidence.independent}};
    }
    nlohmann::ordered_json operator()(const CitedPath& p) const {
      nlohmann::ordered_json j;
      j["nodes"] = nlohmann::ordered_json::array();
      for (const Node& n : p.nodes) j["nodes"].push_back(node_json(n));
      j["relationships"] = nlohmann::ordered_json::array();
      for (const CitedHop& h : p.hops) {
        nlohmann::ordered_json r = (*this)(h.edge);
        r["citations"] = edge_json(h.edge, names)["citations"];
        j["relationships"].push_back(std::move(r));
      }
      return j;
    }
    nlohmann::ordered_json operator()(const QueryValue::List& l) const {
      nlohmann::ordered_json j = nlohmann::ordered_json::array();
      for (const QueryValue& x : l) j.push_back(std::visit(*this, x.value));
      return j;
    }
    nlohmann::ordered_json operator()(const QueryValue::Map& m) const {
      nlohmann::ordered_json j = nlohmann::ordered_json::object();
      for (const auto& [k, x] : m) j[k] = std::visit(*this, x.value);
      return j;
    }
  };
  return std::visit(Visitor{names}, v.value);
}

// A row holding a path reads like `ergraph path`: its other columns, then hop by hop with the
// quotes.
void print_blocks(std::ostream& out, const QueryResult& r, NodeNames& names) {
  for (std::size_t n = 0; n < r.rows.size(); ++n) {
    if (n > 0) out << '\n';
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
      const QueryValue& v = r.rows[n][c];
      const auto* path = std::get_if<CitedPath>(&v.value);
      if (!path) {
        out << r.columns[c] << ": " << cell(v, false, names) << '\n';
        continue;
      }
      const std::size_t hops = path->hops.size();
      out << r.columns[c] << ": " << path->nodes.front().name << " → " << path->nodes.back().name
          << ": " << hops << (hops == 1 ? " hop" : " hops") << '\n';
      for (std::size_t i = 0; i < hops; ++i) {
        const Edge& e = path->hops[i].edge;
        out << i + 1 << ". "
            << hop_text(path->nodes[i].name, path->nodes[i + 1].name, e.type, path->hops[i].along)
            << edge_suffix(e) << '\n';
        print_citations(out, e, names, "     ");
      }
    }
  }
}

}  // namespace

// The query text and options from the command line: TEXT or -f FILE, --param name=value.
QueryOptions query_options(const std::vector<std::string>& params, std::size_t max_length,
                           std::size_t max_rows) {
  QueryOptions options;
  options.max_length = max_length;
  options.max_rows = max_rows;
  for (const std::string& p : params) {
    const std::size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw Error(ErrorCode::kUsage, "--param takes NAME=VALUE, not '" + p + "'");
    }
    options.parameters[p.substr(0, eq)] = p.substr(eq + 1);
  }
  return options;
}

Command query_command() {
  return {"query", "ask a pattern question in openCypher (MATCH ... RETURN ...), read-only",
          [](CLI::App& sub, Context& ctx) {
            auto o = std::make_shared<QueryCommandOptions>();
            sub.add_option("query", o->text, "the query text");
            sub.add_option("-f,--file", o->file, "read the query from FILE (- for stdin)");
            sub.add_option("--param", o->params, "a parameter $NAME: NAME=VALUE (repeatable)")
                ->allow_extra_args(false);
            sub.add_option("--format", o->format, "table, json or csv")
                ->check(CLI::IsMember({"table", "json", "csv"}));
            sub.add_option("--max-length", o->max_length,
                           "the longest path an unbounded * may match (default 10)")
                ->check(CLI::Range(1, 1000000));
            sub.add_option(
                   "--max-rows", o->max_rows,
                   "fail a query whose clauses hold more rows than this, or whose patterns take "
                   "1000 times as many steps (default 1000000)")
                ->check(CLI::Range(1, 1000000000));
            sub.footer(
                "Example: ergraph query \"MATCH (p:Person)-[r:led]->(d:Delegation) RETURN p.name, "
                "d.name\"\n"
                "         ergraph query 'MATCH (a {name: $who})-[r]-(b) RETURN type(r), b.name, "
                "citations(r)' --param 'who=Hakan Fidan' --format json");
            return [o, &ctx] {
              if (o->text.empty() == o->file.empty()) {
                throw Error(ErrorCode::kUsage,
                            "give the query as an argument or with -f FILE (one of them)");
              }
              std::string text = o->text;
              if (!o->file.empty()) {
                std::ostringstream buffer;
                if (o->file == "-") {
                  buffer << std::cin.rdbuf();
                } else {
                  std::ifstream in(o->file, std::ios::binary);
                  if (!in) throw Error(ErrorCode::kIo, "cannot read " + o->file);
                  buffer << in.rdbuf();
                }
                text = buffer.str();
              }
              const QueryResult r =
                  ctx.db().query(text, query_options(o->params, o->max_length, o->max_rows));
              NodeNames names(ctx.db());
              std::ostream& out = *ctx.out;
              const OutputFormat format = parse_output_format(o->format);
              if (format == OutputFormat::kJson) {
                nlohmann::ordered_json j;
                j["columns"] = r.columns;
                j["rows"] = nlohmann::ordered_json::array();
                for (const auto& row : r.rows) {
                  nlohmann::ordered_json jr = nlohmann::ordered_json::array();
                  for (const QueryValue& v : row) jr.push_back(to_json(v, names));
                  j["rows"].push_back(std::move(jr));
                }
                out << j.dump(2) << '\n';
                return kExitOk;
              }
              bool paths = false;
              for (const auto& row : r.rows) {
                for (const QueryValue& v : row) paths = paths || holds_path(v);
              }
              if (format == OutputFormat::kTable && paths) {
                print_blocks(out, r, names);
              } else {
                std::vector<std::vector<std::string>> rows;
                for (const auto& row : r.rows) {
                  std::vector<std::string> cells;
                  for (const QueryValue& v : row)
                    cells.push_back(cell(v, format == OutputFormat::kCsv, names));
                  rows.push_back(std::move(cells));
                }
                print_rows(out, format, r.columns, rows);
              }
              if (format == OutputFormat::kTable) {
                out << "(" << r.rows.size() << (r.rows.size() == 1 ? " row)\n" : " rows)\n");
              }
              return kExitOk;
            };
          },
          /*parser_kept=*/true};
}

}  // namespace ergraph::cli
