#include "ergraph/csv.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "ergraph/spelling.hpp"
#include "ergraph/text.hpp"
#include "io_common.hpp"

namespace ergraph {
namespace {

const std::vector<std::string> kNodeColumns = {"id",    "type", "name",     "aliases",
                                               "props", "text", "text_file"};
const std::vector<std::string> kEdgeColumns = {"type",  "from", "to",   "date",
                                               "props", "doc",  "quote"};

struct Row {
  std::size_t line = 0;  // where the record starts
  std::vector<std::string> fields;
};

// Splits RFC 4180 text into rows. Problems (a quote inside an unquoted field, an unterminated
// quoted field) go to `diags`; the offending row is dropped.
std::vector<Row> parse_rows(const std::string& text, const std::string& file, Diagnostics& diags) {
  std::vector<Row> rows;
  std::size_t line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    Row row{line, {}};
    std::string field;
    bool row_ok = true;
    bool row_done = false;
    while (!row_done) {
      field.clear();
      if (i < n && text[i] == '"') {
        const std::size_t opened = line;
        ++i;
        bool closed = false;
        while (i < n) {
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
            } else {
              ++i;
              closed = true;
              break;
            }
          } else {
            if (text[i] == '\n') ++line;
            field += text[i++];
          }
        }
        if (!closed) {
          diags.add(Location{file, opened}, "quoted field is never closed (missing '\"')");
          return rows;
        }
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          diags.add(Location{file, line}, "unexpected text after a closing quote");
          row_ok = false;
          while (i < n && text[i] != ',' && text[i] != '\n') ++i;
        }
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"' && row_ok) {
            diags.add(Location{file, line},
                      "a '\"' inside an unquoted field (quote the whole field and write \"\")");
            row_ok = false;
          }
          field += text[i++];
        }
      }
      row.fields.push_back(field);
      if (i < n && text[i] == ',') {
        ++i;
      } else {
        if (i < n && text[i] == '\r') ++i;
        if (i < n && text[i] == '\n') ++i;
        ++line;
        row_done = true;
      }
    }
    const bool blank = row.fields.size() == 1 && row.fields[0].empty();
    if (row_ok && !blank) rows.push_back(std::move(row));
  }
  return rows;
}

// Splits an aliases cell at unescaped bars; \| and \\ stand for | and \.
std::vector<std::string> split_aliases(const std::string& cell) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == '\\' && i + 1 < cell.size() && (cell[i + 1] == '|' || cell[i + 1] == '\\')) {
      current += cell[++i];
    } else if (cell[i] == '|') {
      out.push_back(current);
      current.clear();
    } else {
      current += cell[i];
    }
  }
  out.push_back(current);
  return out;
}

std::string join_aliases(const std::vector<std::string>& aliases) {
  std::string out;
  for (const std::string& alias : aliases) {
    if (!out.empty()) out += '|';
    for (char c : alias) {
      if (c == '|' || c == '\\') out += '\\';
      out += c;
    }
  }
  return out;
}

std::string props_cell(const std::string& cell, const Location& where, Diagnostics& diags) {
  if (io::is_blank(cell)) return "{}";
  try {
    const nlohmann::json props = nlohmann::json::parse(cell);
    if (props.is_object()) return props.dump();
  } catch (const nlohmann::json::parse_error&) {
  }
  diags.add(where, "column props must hold a JSON object such as {\"title\":\"...\"}, not " +
                       io::excerpt(cell, 40));
  return "{}";
}

}  // namespace

void read_csv(const std::string& path, RecordSet& out, Diagnostics& diags,
              const ReadOptions& options) {
  std::string text = io::read_whole_file(path);
  io::drop_bom(text);
  if (const auto bad = find_invalid_utf8(text)) {
    const auto line = 1 + static_cast<std::size_t>(std::count(
                              text.begin(), text.begin() + static_cast<long>(*bad), '\n'));
    diags.add(Location{path, line}, "invalid UTF-8");
    return;
  }
  const std::vector<Row> rows = parse_rows(text, path, diags);
  if (rows.empty()) {
    diags.add(Location{path, 1}, "no header row (expected nodes.csv or edges.csv columns)");
    return;
  }
  const Row& header = rows.front();
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string& name = header.fields[i];
    if (column.count(name)) {
      diags.add(Location{path, header.line}, "column '" + name + "' appears twice in the header");
    }
    column[name] = i;
  }
  const bool is_edges = column.count("from") || column.count("to");
  const std::vector<std::string>& known = is_edges ? kEdgeColumns : kNodeColumns;
  for (const auto& [name, index] : column) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      diags.add(Location{path, header.line}, "unknown column '" + name + "' in " +
                                                 (is_edges ? "an edges" : "a nodes") + " file" +
                                                 did_you_mean(name, known));
    }
  }
  const std::vector<std::string> required = is_edges
                                                ? std::vector<std::string>{"type", "from", "to"}
                                                : std::vector<std::string>{"id", "type", "name"};
  bool header_ok = true;
  for (const std::string& name : required) {
    if (!column.count(name)) {
      diags.add(Location{path, header.line}, "missing column '" + name + "' in the header");
      header_ok = false;
    }
  }
  if (!header_ok) return;

  const io::TextFileRoot texts{io::folder_of(path), options.text_files_anywhere};
  const FileName file(path);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    const Location where{file, row.line};
    if (row.fields.size() != header.fields.size()) {
      diags.add(where, "row has " + std::to_string(row.fields.size()) + " fields, the header has " +
                           std::to_string(header.fields.size()));
      continue;
    }
    auto cell = [&](const std::string& name) -> std::string {
      const auto it = column.find(name);
      return it == column.end() ? std::string() : row.fields[it->second];
    };
    auto required_cell = [&](const std::string& name) {
      std::string value = cell(name);
      if (io::is_blank(value)) diags.add(where, "column '" + name + "' is empty");
      return value;
    };
    if (is_edges) {
      EdgeRecord record{Edge{}, where};
      record.edge.type = required_cell("type");
      record.edge.from = required_cell("from");
      record.edge.to = required_cell("to");
      record.edge.date = cell("date");
      if (!record.edge.date.empty()) io::check_date(record.edge.date, where, diags);
      record.edge.props = props_cell(cell("props"), where, diags);
      const std::string doc = cell("doc");
      const std::string quote = cell("quote");
      if (io::is_blank(doc) != io::is_blank(quote)) {
        diags.add(where, "columns doc and quote go together: give both or neither");
      } else if (!io::is_blank(doc)) {
        record.edge.sources.push_back(Citation{doc, quote});
      }
      out.edges.push_back(std::move(record));
    } else {
      NodeRecord record{Node{}, where};
      record.node.id = required_cell("id");
      record.node.type = required_cell("type");
      record.node.name = required_cell("name");
      record.node.props = props_cell(cell("props"), where, diags);
      const std::string aliases = cell("aliases");
      if (!aliases.empty()) {
        std::unordered_set<std::string> seen;
        for (std::string& alias : split_aliases(aliases)) {
          if (io::is_blank(alias)) {
            diags.add(where, "empty alias in column aliases (aliases are separated by |)");
          } else {
            io::add_once(record.node.aliases, seen, std::move(alias));
          }
        }
      }
      const std::string inline_text = cell("text");
      const std::string text_file = cell("text_file");
      if (!inline_text.empty() && !text_file.empty()) {
        diags.add(where, "a node has either text or text_file, not both");
      } else if (!inline_text.empty()) {
        record.node.text = inline_text;
      } else if (!text_file.empty()) {
        record.node.text = io::read_text_file(text_file, texts, where, diags);
      }
      out.nodes.push_back(std::move(record));
    }
  }
}

void write_csv(const Store& store, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(ErrorCode::kIo, "cannot create folder: " + ec.message(), Location{dir});
  const std::string nodes_path = (std::filesystem::path(dir) / "nodes.csv").string();
  const std::string edges_path = (std::filesystem::path(dir) / "edges.csv").string();
  std::ofstream nodes(nodes_path, std::ios::binary);
  if (!nodes) throw Error(ErrorCode::kIo, "cannot write file", Location{nodes_path});
  write_csv_row(nodes, {"id", "type", "name", "aliases", "props", "text"});
  store.for_each_node([&](const Node& node) {
    write_csv_row(nodes, {node.id, node.type, node.name, join_aliases(node.aliases),
                          node.props == "{}" ? "" : node.props, node.text.value_or("")});
  });
  std::ofstream edges(edges_path, std::ios::binary);
  if (!edges) throw Error(ErrorCode::kIo, "cannot write file", Location{edges_path});
  write_csv_row(edges, {"type", "from", "to", "date", "props", "doc", "quote"});
  store.for_each_edge([&](const Edge& edge) {
    const std::string props = edge.props == "{}" ? "" : edge.props;
    if (edge.sources.empty()) {
      write_csv_row(edges, {edge.type, edge.from, edge.to, edge.date, props, "", ""});
    }
    for (const Citation& c : edge.sources) {
      write_csv_row(edges, {edge.type, edge.from, edge.to, edge.date, props, c.doc, c.quote});
    }
  });
  nodes.close();
  edges.close();
  if (!nodes || !edges) throw Error(ErrorCode::kIo, "write failed", Location{dir});
}

}  // namespace ergraph
