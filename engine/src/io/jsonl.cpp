#include "ergraph/jsonl.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <thread>

#include "ergraph/memory.hpp"
#include "ergraph/spelling.hpp"
#include "ergraph/text.hpp"
#include "file_parts.hpp"
#include "io_common.hpp"
#include "line_kind.hpp"
#include "plain_edge.hpp"

namespace ergraph {
namespace {

using nlohmann::json;

// Deeper than any record needs; bounds the work a hostile line can cause.
constexpr int kMaxDepth = 16;

// "extracted" is the provenance `ergraph extract` writes (rule, confidence, span): accepted so
// that proposals import as they are, checked to be an object, and not stored.
const std::vector<std::string> kNodeFields = {"kind",  "id",   "type",      "name",     "aliases",
                                              "props", "text", "text_file", "extracted"};
const std::vector<std::string> kEdgeFields = {"kind", "type",  "from",    "to",
                                              "date", "props", "sources", "extracted"};

const std::vector<std::string> kJudgementFields = {
    "kind", "judgement", "keep", "drop", "a", "b", "why", "at", "generation", "undo"};

struct TooDeep {};

// Reads the fields of one record, reporting problems at its line.
class RecordReader {
 public:
  RecordReader(const json& object, const Location& where, Diagnostics& diags)
      : object_(object), where_(where), diags_(diags) {}

  // A required non-empty string field.
  std::string required(const char* field, const char* what) {
    const auto it = object_.find(field);
    if (it == object_.end() || it->is_null()) {
      problem("missing field \"" + std::string(field) + "\" (" + what + ")");
      return "";
    }
    if (!it->is_string()) {
      problem("field \"" + std::string(field) + "\" must be a string, not " + it->dump());
      return "";
    }
    const std::string& value = it->get_ref<const std::string&>();
    if (io::is_blank(value))
      problem("field \"" + std::string(field) + "\" is empty (" + what + ")");
    return value;
  }

  // An optional string field; nullopt when absent or null.
  std::optional<std::string> optional(const char* field) {
    const auto it = object_.find(field);
    if (it == object_.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) {
      problem("field \"" + std::string(field) + "\" must be a string, not " + it->dump());
      return std::nullopt;
    }
    return it->get<std::string>();
  }

  std::string props() {
    const auto it = object_.find("props");
    if (it == object_.end() || it->is_null()) return "{}";
    if (!it->is_object()) {
      problem("field \"props\" must be a JSON object, not " + it->dump());
      return "{}";
    }
    return it->dump();
  }

  void check_fields(const std::vector<std::string>& allowed, const char* kind) {
    for (const auto& [key, value] : object_.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        problem("unknown field \"" + key + "\" in " + kind + did_you_mean(key, allowed));
      }
    }
  }

  void provenance() {
    const auto it = object_.find("extracted");
    if (it != object_.end() && !it->is_null() && !it->is_object()) {
      problem("field \"extracted\" must be a JSON object (rule, confidence, span), not " +
              it->dump());
    }
  }

  void problem(std::string message) { diags_.add(where_, std::move(message)); }

  const json& object() const { return object_; }

 private:
  const json& object_;
  const Location& where_;
  Diagnostics& diags_;
};

void read_node(const json& object, const Location& where, const io::TextFileRoot& texts,
               RecordSet& out, Diagnostics& diags) {
  RecordReader r(object, where, diags);
  r.check_fields(kNodeFields, "a node");
  r.provenance();
  NodeRecord record{Node{}, where};
  Node& node = record.node;
  node.id = r.required("id", "the node's stable id, e.g. \"person:hakan-fidan\"");
  node.type = r.required("type", "a node type of the schema");
  node.name = r.required("name", "the name to show");
  node.props = r.props();
  if (const auto it = object.find("aliases"); it != object.end() && !it->is_null()) {
    if (!it->is_array()) {
      r.problem("field \"aliases\" must be a list of strings, not " + it->dump());
    } else {
      std::unordered_set<std::string> seen;
      for (const json& alias : *it) {
        if (!alias.is_string() || io::is_blank(alias.get_ref<const std::string&>())) {
          r.problem("every alias must be a non-empty string, not " + alias.dump());
        } else {
          io::add_once(node.aliases, seen, alias.get<std::string>());
        }
      }
    }
  }
  const std::optional<std::string> text = r.optional("text");
  const std::optional<std::string> text_file = r.optional("text_file");
  if (text && text_file) {
    r.problem("a node has either \"text\" or \"text_file\", not both");
  } else if (text) {
    node.text = *text;
  } else if (text_file) {
    if (io::is_blank(*text_file)) {
      r.problem("field \"text_file\" is empty");
    } else {
      node.text = io::read_text_file(*text_file, texts, where, diags);
    }
  }
  grow_on_huge_pages(out.nodes);
  out.nodes.push_back(std::move(record));
}

void read_edge(const json& object, const Location& where, RecordSet& out, Diagnostics& diags) {
  RecordReader r(object, where, diags);
  r.check_fields(kEdgeFields, "an edge");
  r.provenance();
  EdgeRecord record{Edge{}, where};
  Edge& edge = record.edge;
  edge.type = r.required("type", "an edge type of the schema");
  edge.from = r.required("from", "the id of the node the edge starts at");
  edge.to = r.required("to", "the id of the node the edge ends at");
  if (const auto date = r.optional("date")) {
    edge.date = *date;
    io::check_date(edge.date, where, diags);
  }
  edge.props = r.props();
  if (const auto it = object.find("sources"); it != object.end() && !it->is_null()) {
    if (!it->is_array()) {
      r.problem("field \"sources\" must be a list of {\"doc\", \"quote\"} objects");
    } else {
      for (const json& source : *it) {
        if (!source.is_object()) {
          r.problem("every source must be an object {\"doc\": ..., \"quote\": ...}, not " +
                    source.dump());
          continue;
        }
        RecordReader s(source, where, diags);
        s.check_fields({"doc", "quote"}, "a source");
        Citation c{s.required("doc", "the id of the cited Document"),
                   s.required("quote", "the supporting sentence, verbatim")};
        if (!c.doc.empty() && !c.quote.empty() &&
            std::find(edge.sources.begin(), edge.sources.end(), c) == edge.sources.end()) {
          edge.sources.push_back(std::move(c));
        }
      }
    }
  }
  grow_on_huge_pages(out.edges);
  out.edges.push_back(std::move(record));
}

// {"kind":"judgement","judgement":"merge","keep":K,"drop":D,...} or "distinct" with "a" and "b".
void read_judgement(const json& object, const Location& where, RecordSet& out, Diagnostics& diags) {
  RecordReader r(object, where, diags);
  r.check_fields(kJudgementFields, "a judgement");
  JudgementRecord record{Judgement{}, where};
  Judgement& j = record.judgement;
  j.kind = r.required("judgement", "\"merge\" or \"distinct\"");
  if (j.kind == "merge") {
    j.keep = r.required("keep", "the id of the node that stayed");
    j.drop = r.required("drop", "the id of the node merged into it");
  } else if (j.kind == "distinct") {
    j.keep = r.required("a", "the id of one node");
    j.drop = r.required("b", "the id of the other");
  } else if (!j.kind.empty()) {
    r.problem("unknown judgement '" + j.kind + "' (expected \"merge\" or \"distinct\")");
  }
  j.why = r.optional("why").value_or("");
  j.at = r.required("at", "when it was made, YYYY-MM-DDTHH:MM:SSZ");
  if (const auto it = object.find("generation"); it != object.end() && !it->is_null()) {
    if (!it->is_number_integer()) {
      r.problem("field \"generation\" must be an integer, not " + it->dump());
    } else {
      j.generation = it->get<std::int64_t>();
    }
  }
  if (const auto it = object.find("undo"); it != object.end() && !it->is_null()) {
    if (!it->is_object() || j.kind != "merge") {
      r.problem("field \"undo\" must be a JSON object, and only a merge has one");
    } else {
      j.undo = it->dump();
    }
  }
  out.judgements.push_back(std::move(record));
}

}  // namespace

namespace {

using io::cut_into_parts;
using io::each_part;
using io::FilePart;
using io::open_at;
using io::PartPipeline;

// Which lines a pass reads: RecordKinds, and the edge pass's own.
enum class Take { kAll, kAllButEdges, kOnlyEdges };

// How a file's lines are read: where its text_file names point, and whether plain edge lines
// take the shortcut (ReadOptions::full_json_parse).
struct Reading {
  io::TextFileRoot texts;
  bool edge_shortcut = true;

  Reading(const std::string& folder, const ReadOptions& options)
      : texts{folder, options.text_files_anywhere}, edge_shortcut(!options.full_json_parse) {}
};

void parse_line(const std::string& line, const Location& where, const Reading& reading,
                RecordSet& out, Diagnostics& diags);

// One line of a JSON Lines file: its record appended to `out`, its problems to `diags`, when the
// line is one `take` reads.
void read_line(std::string& line, const FileName& name, std::size_t number, const Reading& reading,
               Take take, RecordSet& out, Diagnostics& diags) {
  if (number == 1) io::drop_bom(line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const Location where{name, number};
  const std::size_t first = line.find_first_not_of(" \t");
  if (first == std::string::npos || line.compare(first, 2, "//") == 0) return;
  if (take == Take::kAll) {
    parse_line(line, where, reading, out, diags);
    return;
  }
  const io::LineKind kind = io::line_kind(line);
  if (kind == io::LineKind::kUnsure) {
    // Parsed aside: the line belongs to the pass its parse says (an edge to the edge pass,
    // anything else, a line that does not parse among them, to the first).
    RecordSet aside;
    Diagnostics found;
    parse_line(line, where, reading, aside, found);
    const bool edge = !aside.edges.empty();
    if (edge != (take == Take::kOnlyEdges)) {
      if (edge) ++out.edge_lines_left;
      return;
    }
    for (NodeRecord& r : aside.nodes) out.nodes.push_back(std::move(r));
    for (EdgeRecord& r : aside.edges) out.edges.push_back(std::move(r));
    for (JudgementRecord& r : aside.judgements) out.judgements.push_back(std::move(r));
    diags.append(found);
    return;
  }
  if ((kind == io::LineKind::kEdge) != (take == Take::kOnlyEdges)) {
    if (kind == io::LineKind::kEdge) ++out.edge_lines_left;
    return;
  }
  const std::size_t others = out.nodes.size() + out.judgements.size();
  const std::size_t edges = out.edges.size();
  parse_line(line, where, reading, out, diags);
  // line_kind is exact for JSON that parses; a mismatch would be a bug in it, reported rather
  // than a record lost.
  if (take == Take::kOnlyEdges && out.nodes.size() + out.judgements.size() != others) {
    throw Error(ErrorCode::kInternal, "a line read as an edge parsed as another record", where);
  }
  if (take == Take::kAllButEdges && out.edges.size() != edges) {
    throw Error(ErrorCode::kInternal, "a line not read as an edge parsed as one", where);
  }
}

void parse_line(const std::string& line, const Location& where, const Reading& reading,
                RecordSet& out, Diagnostics& diags) {
  const FileName& name = where.file;
  const std::size_t number = where.line;
  if (const auto bad = find_invalid_utf8(line)) {
    diags.add(Location{name, number, *bad + 1}, "invalid UTF-8");
    return;
  }
  if (reading.edge_shortcut) {
    if (std::optional<Edge> edge = io::read_plain_edge(line)) {
      grow_on_huge_pages(out.edges);
      out.edges.push_back(EdgeRecord{std::move(*edge), where});
      return;
    }
  }
  json object;
  try {
    object = json::parse(line, [](int depth, json::parse_event_t, json&) {
      if (depth > kMaxDepth) throw TooDeep{};
      return true;
    });
  } catch (const TooDeep&) {
    diags.add(where, "JSON nested deeper than " + std::to_string(kMaxDepth) + " levels");
    return;
  } catch (const json::parse_error& e) {
    std::string message = e.what();
    // nlohmann's text reads "[json.exception.parse_error.101] parse error at line 1, column
    // 7: syntax error ..."; keep what comes after the position, which we state ourselves.
    if (const std::size_t colon = message.find(": "); colon != std::string::npos) {
      message = message.substr(colon + 2);
    }
    diags.add(Location{name, number, e.byte}, "malformed JSON: " + message);
    return;
  }
  if (!object.is_object()) {
    diags.add(where, "each line must be a JSON object, not " + std::string(object.type_name()) +
                         " " + io::excerpt(object.dump(), 40));
    return;
  }
  const auto kind = object.find("kind");
  if (kind == object.end() || !kind->is_string()) {
    diags.add(where, "missing field \"kind\" (\"node\", \"edge\" or \"judgement\")");
  } else if (*kind == "node") {
    read_node(object, where, reading.texts, out, diags);
  } else if (*kind == "edge") {
    read_edge(object, where, out, diags);
  } else if (*kind == "judgement") {
    read_judgement(object, where, out, diags);
  } else {
    diags.add(where, "unknown kind '" + kind->get<std::string>() +
                         "' (expected \"node\", \"edge\" or \"judgement\")" +
                         did_you_mean(kind->get<std::string>(), {"node", "edge", "judgement"}));
  }
}

// Below this a file is read on one core: starting threads would cost more than they save.
constexpr std::uintmax_t kSplitBytes = 4 << 20;
// A larger file is cut into parts of at most about this size (and at least two per core), read by
// the cores in turn. While a part's records move into the whole both are held, so a part is a
// small share of the file: with one part per core, half of an L file's records were held twice
// at the join, and again while a part's records grew by doubling (the import's peak). A part's
// edge records are reserved from its line count up front instead; at this size they are
// separate mappings the system takes back when they are freed, not heap a thread keeps.
constexpr std::uint64_t kPartBytes = std::uint64_t{64} << 20;

// Reads the part's lines, numbered from `first_line` as a single pass numbers them.
void read_part(const std::string& path, const Reading& reading, Take take, std::size_t first_line,
               FilePart& part) {
  try {
    std::ifstream in = open_at(path, part.begin);
    if (take != Take::kAllButEdges) {
      reserve_on_huge_pages(part.records.edges, part.line_feeds + 1);  // at most a record a line
    }
    std::string line;
    std::size_t number = first_line;
    const FileName name(path);  // one per part: the threads do not share its count
    for (std::uint64_t at = part.begin; at < part.end && std::getline(in, line); ++number) {
      at += line.size() + 1;
      read_line(line, name, number, reading, take, part.records, part.diags);
    }
    if (in.bad()) throw Error(ErrorCode::kIo, "read error", Location{path});
  } catch (...) {
    part.failed = std::current_exception();
  }
}

// Every part's records of one kind moved into `to` (made large enough once), each part's freed
// before the next moves in.
template <typename Record>
void join_records(std::vector<FilePart>& parts, std::vector<Record> RecordSet::*records,
                  std::vector<Record>& to) {
  std::size_t total = to.size();
  for (const FilePart& part : parts) total += (part.records.*records).size();
  reserve_on_huge_pages(to, total);
  for (FilePart& part : parts) {
    std::vector<Record>& from = part.records.*records;
    std::move(from.begin(), from.end(), std::back_inserter(to));
    std::vector<Record>().swap(from);  // freed now (from = {} would keep its capacity)
  }
}

// A large file is cut at line starts into parts of about kPartBytes. The parts' line feeds are
// counted first, so that each part then numbers its lines as a single pass would; each is read
// into its own records and findings by whichever core takes it, and they are joined in file
// order: the records, their order, their places and the report are the ones a single pass gives.

void read_jsonl_parts(const std::string& path, std::uint64_t size, unsigned cores,
                      const Reading& reading, Take take, RecordSet& out, Diagnostics& diags) {
  std::vector<std::size_t> first_line;
  std::vector<FilePart> parts = cut_into_parts(path, size, cores, kPartBytes, first_line);
  each_part(parts, cores,
            [&](std::size_t k) { read_part(path, reading, take, first_line[k], parts[k]); });
  join_records(parts, &RecordSet::nodes, out.nodes);
  join_records(parts, &RecordSet::edges, out.edges);
  join_records(parts, &RecordSet::judgements, out.judgements);
  for (const FilePart& part : parts) {
    diags.append(part.diags);
    out.edge_lines_left += part.records.edge_lines_left;
  }
}

// The edge pass reads parts this small: a part's records are held while the write takes them,
// and the parts read ahead wait beside it (on L, about 50 MB of records a part).
constexpr std::uint64_t kEdgePartBytes = std::uint64_t{16} << 20;

void read_lines(std::istream& in, const std::string& name, const Reading& reading, Take take,
                RecordSet& out, Diagnostics& diags) {
  std::string line;
  std::size_t number = 0;
  const FileName file(name);
  while (std::getline(in, line)) read_line(line, file, ++number, reading, take, out, diags);
  if (in.bad()) throw Error(ErrorCode::kIo, "read error", Location{name});
}

unsigned reading_cores() { return std::max(1u, std::min(4u, std::thread::hardware_concurrency())); }

}  // namespace

void read_jsonl_stream(std::istream& in, const std::string& name, const std::string& base_dir,
                       RecordSet& out, Diagnostics& diags, const ReadOptions& options) {
  read_lines(in, name, Reading(base_dir, options), Take::kAll, out, diags);
}

void read_jsonl(const std::string& path, RecordSet& out, Diagnostics& diags,
                const ReadOptions& options, RecordKinds kinds) {
  const Take take = kinds == RecordKinds::kAll ? Take::kAll : Take::kAllButEdges;
  if (path == "-") {
    read_lines(std::cin, "<stdin>", Reading(".", options), take, out, diags);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, "cannot read file", Location{path});
  const Reading reading(io::folder_of(path), options);
  std::error_code ec;
  const bool regular = std::filesystem::is_regular_file(path, ec);
  const std::uintmax_t size = regular ? std::filesystem::file_size(path, ec) : 0;
  const unsigned cores = reading_cores();
  if (!ec && regular && size >= kSplitBytes && cores > 1) {
    read_jsonl_parts(path, size, cores, reading, take, out, diags);
    return;
  }
  read_lines(in, path, reading, take, out, diags);
}

void read_jsonl_edges(const std::string& path, Diagnostics& diags, const ReadOptions& options,
                      const std::function<void(std::vector<EdgeRecord>& edges)>& on_part,
                      const std::function<void(std::vector<EdgeRecord>& edges)>& on_read) {
  const Reading reading(io::folder_of(path), options);
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) throw Error(ErrorCode::kIo, "cannot read file", Location{path});
  const unsigned cores = reading_cores();
  std::vector<std::size_t> first_line;
  std::vector<FilePart> parts = cut_into_parts(path, size, cores, kEdgePartBytes, first_line);
  // One reader fewer than the cores: this thread checks and writes what they read.
  PartPipeline pipeline(parts, std::max(1u, cores - 1));
  pipeline.run(
      [&](FilePart& part) {
        const std::size_t k = static_cast<std::size_t>(&part - parts.data());
        read_part(path, reading, Take::kOnlyEdges, first_line[k], part);
        if (!on_read || part.failed) return;
        try {
          on_read(part.records.edges);
        } catch (...) {
          part.failed = std::current_exception();
        }
      },
      [&](FilePart& part) {
        diags.append(part.diags);
        on_part(part.records.edges);
      });
}

void write_jsonl(const Store& store, std::ostream& out) {
  using ordered = nlohmann::ordered_json;
  store.for_each_node([&](const Node& node) {
    ordered o;
    o["kind"] = "node";
    o["id"] = node.id;
    o["type"] = node.type;
    o["name"] = node.name;
    if (!node.aliases.empty()) o["aliases"] = node.aliases;
    if (node.props != "{}") o["props"] = ordered::parse(node.props);
    if (node.text) o["text"] = *node.text;
    out << o.dump() << '\n';
  });
  store.for_each_edge([&](const Edge& edge) {
    ordered o;
    o["kind"] = "edge";
    o["type"] = edge.type;
    o["from"] = edge.from;
    o["to"] = edge.to;
    if (!edge.date.empty()) o["date"] = edge.date;
    if (edge.props != "{}") o["props"] = ordered::parse(edge.props);
    ordered sources = ordered::array();
    for (const Citation& c : edge.sources) sources.push_back({{"doc", c.doc}, {"quote", c.quote}});
    if (!sources.empty()) o["sources"] = sources;
    out << o.dump() << '\n';
  });
  // Judgements in force, in the order made: a re-import keeps the history and can still undo.
  for (const Judgement& j : store.judgements()) {
    ordered o;
    o["kind"] = "judgement";
    o["judgement"] = j.kind;
    o[j.kind == "merge" ? "keep" : "a"] = j.keep;
    o[j.kind == "merge" ? "drop" : "b"] = j.drop;
    if (!j.why.empty()) o["why"] = j.why;
    o["at"] = j.at;
    o["generation"] = j.generation;
    if (j.kind == "merge") {
      try {
        o["undo"] = ordered::parse(j.undo);
      } catch (const nlohmann::json::exception&) {
        throw Error(ErrorCode::kStorage, "judgement " + std::to_string(j.number) +
                                             ": its record of the merge is not valid JSON");
      }
    }
    out << o.dump() << '\n';
  }
}

}  // namespace ergraph
