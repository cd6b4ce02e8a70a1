// extract_reports: each report's header (title, date), then sentence by sentence its mentions
// and pattern matches, written as interchange records with their provenance.
#include "ergraph/extract.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <set>

#include "dates.hpp"
#include "ergraph/error.hpp"
#include "ergraph/text.hpp"
#include "mentions.hpp"
#include "patterns.hpp"

namespace ergraph {
namespace {

using extract::Entity;
using nlohmann::ordered_json;

std::string first_line(std::string_view text, std::size_t& next) {
  while (next < text.size()) {
    const std::size_t end = std::min(text.find('\n', next), text.size());
    std::string line(text.substr(next, end - next));
    next = end + 1;
    const auto b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    line = line.substr(b, line.find_last_not_of(" \t\r") - b + 1);
    return line;
  }
  return "";
}

// A "date 2025-05-16" marker or a full date on one of the first lines.
std::string published_in(std::string_view text) {
  std::size_t next = 0;
  for (int n = 0; n < 8 && next < text.size(); ++n) {
    const std::string line = first_line(text, next);
    const std::vector<extract::Sentence> words = extract::tokenize(line, 0, line.size());
    if (words.size() != 1 || words[0].tokens.size() > 40) continue;  // a paragraph, not a date line
    for (std::size_t i = 0; i < words[0].tokens.size(); ++i) {
      const extract::DateMatch d = extract::date_at(words[0].tokens, i, "");
      if (d.length > 0 && d.date.size() == 10) return d.date;
    }
  }
  return "";
}

// The first line, when it reads as a headline: a few words, one sentence at most.
std::string headline_in(std::string_view text) {
  std::size_t next = 0;
  std::string line = first_line(text, next);
  if (line.rfind("date ", 0) == 0 && line.size() > 15 && is_valid_date(line.substr(5, 10))) {
    line = line.substr(15);
    line = line.substr(std::min(line.size(), line.find_first_not_of(' ')));
  }
  const std::size_t words = word_spans(line).size();
  const std::size_t stop = line.find(". ");
  if (words < 3 || words > 30 || line.size() > 200 || stop != std::string::npos) return "";
  if (!starts_with_capital(line) && !(line[0] >= '0' && line[0] <= '9')) return "";
  return line;
}

// Code points and line numbers of byte offsets into one report, counted on from the last offset
// asked for: the offsets come in order, so a long report is counted once, not once per record.
class Counter {
 public:
  explicit Counter(std::string_view text = {}) : text_(text) {}
  std::size_t code_points(std::size_t byte) {
    advance(byte);
    return code_points_;
  }
  std::size_t line(std::size_t byte) {
    advance(byte);
    return lines_;
  }
  // A sentence starts here: offsets within it may come out of order, never before it.
  void mark(std::size_t byte) {
    advance(byte);
    mark_ = {byte_, code_points_, lines_};
  }

 private:
  struct State {
    std::size_t byte = 0;
    std::size_t code_points = 0;
    std::size_t lines = 1;
  };
  void advance(std::size_t byte) {
    if (byte < byte_) {
      const State from = byte >= mark_.byte ? mark_ : State{};
      byte_ = from.byte;
      code_points_ = from.code_points;
      lines_ = from.lines;
    }
    const std::string_view step = text_.substr(byte_, byte - byte_);
    code_points_ += count_code_points(step);
    lines_ += static_cast<std::size_t>(std::count(step.begin(), step.end(), '\n'));
    byte_ = byte;
  }
  std::string_view text_;
  std::size_t byte_ = 0;
  std::size_t code_points_ = 0;
  std::size_t lines_ = 1;
  State mark_;
};

class Writer {
 public:
  Writer(const Schema& schema, const std::vector<KnownNode>& known, const ExtractOptions& options)
      : schema_(schema), registry_(schema, known, extract::Lexicon::builtin()), options_(options) {}

  void report(const ReportInput& input) {
    check_text(input);
    const extract::Lexicon& lex = extract::Lexicon::builtin();
    extract::DocumentState doc;
    doc.published = !input.published.empty() ? input.published : published_in(input.text);
    const std::string doc_id = input.doc_id.empty() ? document_id_for(input.source) : input.doc_id;
    doc_id_ = doc_id;
    doc.doc_id = doc_id;
    text_ = input.text;
    counter_ = Counter(text_);
    write_document(input, doc_id, doc.published);
    // Sentence by sentence: a long report is never held as words all at once.
    for (const auto& [begin, end] : extract::sentence_ranges(input.text, lex)) {
      for (const extract::Sentence& s : extract::tokenize(input.text, begin, end)) {
        sentence(s, lex, doc, input);
      }
    }
    ++result_.documents;
  }

  Extraction finish() {
    for (const int index : node_order_) node_record(index);
    result_.jsonl = out_ + edges_;
    return std::move(result_);
  }

 private:
  void check_text(const ReportInput& input) {
    if (input.text.find('\0') != std::string::npos) {
      throw Error(ErrorCode::kInvalidInput, "the report holds NUL bytes: it is not a text file",
                  Location{input.source});
    }
    if (const auto bad = find_invalid_utf8(input.text)) {
      const std::size_t line =
          static_cast<std::size_t>(std::count(
              input.text.begin(), input.text.begin() + static_cast<std::ptrdiff_t>(*bad), '\n')) +
          1;
      throw Error(ErrorCode::kInvalidInput,
                  "invalid UTF-8 at byte " + std::to_string(*bad) + ": extract reads UTF-8 text",
                  Location{input.source, line});
    }
    if (input.text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
      throw Error(ErrorCode::kInvalidInput, "the report is empty", Location{input.source});
    }
  }

  void write_document(const ReportInput& input, const std::string& id,
                      const std::string& published) {
    ordered_json o;
    o["kind"] = "node";
    o["id"] = id;
    o["type"] = std::string(kDocumentType);
    const std::string title = !input.title.empty() ? input.title : headline_in(input.text);
    o["name"] = !title.empty() ? title : id.substr(id.find(':') + 1);
    ordered_json props = ordered_json::object();
    const NodeType* doc_type = schema_.node_type(kDocumentType);
    auto set = [&](const char* key, const std::string& value) {
      if (!value.empty() && doc_type != nullptr && doc_type->props.count(key)) props[key] = value;
    };
    set("title", title);
    set("published", published);
    set("publisher", input.publisher);
    if (!props.empty()) o["props"] = props;
    if (!input.text_file.empty()) {
      o["text_file"] = input.text_file;
    } else {
      o["text"] = input.text;
    }
    o["extracted"] = {{"rule", "one Document per report"}, {"confidence", 1.0}};
    line(o, out_);
    ++result_.nodes;
  }

  void sentence(const extract::Sentence& s, const extract::Lexicon& lex,
                extract::DocumentState& doc, const ReportInput& input) {
    counter_.mark(s.begin);
    extract::SentenceMentions mentions = extract::find_mentions(s, input.text, lex, registry_, doc);
    const std::vector<extract::Found> found =
        extract::match_patterns(s, input.text, mentions, lex, registry_, doc.occasion);
    if (options_.explain) explain_sentence(s, mentions, input);
    // "He" in the next sentence is the person this one's claims are about, if any.
    for (const extract::Found& f : found) {
      if (!f.from.empty() && registry_.at(f.from.front()).type == "Person") {
        doc.recent_people = {f.from.front()};
        break;
      }
    }
    for (const extract::Mention& m : mentions.mentions) {
      for (const int c : m.candidates.size() == 1 ? m.candidates : std::vector<int>{}) {
        const Entity& e = registry_.at(c);
        // Actors found by a strong cue are proposed even without an edge; so are stored nodes
        // the text spells in a new way.
        if (e.type == "Person" || e.type == "Organization" || (!e.is_new && !e.aliases.empty())) {
          write_node(c, s, m.begin, m.end);
        }
      }
    }
    for (const extract::ImpliedEdge& edge : mentions.implied) {
      const EdgeType* type = schema_.edge_type(edge.type);
      if (type == nullptr) continue;
      write_edge(*type, edge.from, edge.to, "", s, edge.begin, edge.end, edge.rule, 0.8);
    }
    for (const extract::Found& f : found) {
      std::vector<int> from = f.from;
      std::string rule = f.type->name + ": \"" + f.pattern->text + "\" (schema line " +
                         std::to_string(f.pattern->line) + ")";
      if (from.empty()) from.push_back(-1);  // the report itself
      for (const int a : from) {
        for (const int b : f.to) {
          write_edge(*f.type, a, b, f.title, s, f.begin, f.end, rule, f.confidence);
        }
      }
    }
  }

  void explain_sentence(const extract::Sentence& s, const extract::SentenceMentions& m,
                        const ReportInput& input) {
    const std::size_t line_no = counter_.line(s.begin);
    std::string head =
        input.source + ":" + std::to_string(line_no) + ": \"" +
        std::string(
            cut_to_code_points(std::string_view(input.text).substr(s.begin, s.end - s.begin), 70)) +
        (count_code_points(std::string_view(input.text).substr(s.begin, s.end - s.begin)) > 70
             ? "...\""
             : "\"");
    result_.explain.push_back(head);
    for (const extract::Mention& mention : m.mentions) {
      std::string ids;
      for (const int c : mention.group.empty() ? mention.candidates : mention.group) {
        ids += (ids.empty() ? "" : ", ") + registry_.at(c).id;
      }
      const std::string words(
          std::string_view(input.text)
              .substr(s.tokens[mention.begin].begin,
                      s.tokens[mention.end - 1].end - s.tokens[mention.begin].begin));
      result_.explain.push_back("  names \"" + words + "\" -> " + ids + " (" + mention.why + ")");
    }
  }

  // Marks a node for the output; its record is written at the end, once, with every alias the
  // run found (a node may not be defined twice in one import).
  void write_node(int index, const extract::Sentence& s, std::size_t b, std::size_t e) {
    Entity& entity = registry_.at(index);
    if (entity.emitted) return;
    if (entity.is_new && entity.confidence < options_.min_confidence) return;
    entity.emitted = true;
    node_order_.push_back(index);
    if (entity.is_new) first_seen_[index] = provenance(entity.rule, entity.confidence, s, b, e);
  }

  void node_record(int index) {
    const Entity& entity = registry_.at(index);
    if (!entity.is_new && entity.aliases.empty()) return;
    ordered_json o;
    o["kind"] = "node";
    o["id"] = entity.id;
    o["type"] = entity.type;
    o["name"] = entity.name;
    if (!entity.aliases.empty()) o["aliases"] = entity.aliases;
    if (entity.is_new && !entity.props.empty()) o["props"] = entity.props;
    if (entity.is_new) {
      o["extracted"] = first_seen_.at(index);
      ++result_.nodes;
    } else {
      // A known node: only the spellings it lacks are proposed.
      o["extracted"] = {{"rule", "new spellings of a known node"}, {"confidence", 0.8}};
    }
    result_.aliases += entity.aliases.size();
    line(o, out_);
  }

  ordered_json provenance(const std::string& rule, double confidence, const extract::Sentence& s,
                          std::size_t b, std::size_t e) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", std::clamp(confidence, 0.0, 1.0));
    const std::size_t from = counter_.code_points(s.tokens[b].begin);
    const std::size_t to = from + count_code_points(std::string_view(text_).substr(
                                      s.tokens[b].begin, s.tokens[e - 1].end - s.tokens[b].begin));
    return {{"rule", rule}, {"confidence", std::stod(buf)}, {"span", {from, to}}};
  }

  void write_edge(const EdgeType& type, int from, int to, const std::string& title,
                  const extract::Sentence& s, std::size_t b, std::size_t e, const std::string& rule,
                  double confidence) {
    if (from == to || confidence < options_.min_confidence) return;
    // An edge to a new node left out as too unsure goes with it.
    const auto left_out = [&](int node) {
      return node >= 0 && registry_.at(node).is_new &&
             registry_.at(node).confidence < options_.min_confidence;
    };
    if (left_out(from) || left_out(to)) return;
    const std::string from_id = from < 0 ? doc_id_ : registry_.at(from).id;
    const std::string from_type = from < 0 ? std::string(kDocumentType) : registry_.at(from).type;
    if (!type.allows(from_type, registry_.at(to).type)) return;
    // The quote: the whole sentence when short enough to read, else the words matched.
    std::size_t qb = s.begin;
    std::size_t qe = s.end;
    if (qe - qb > 320) {
      qb = s.tokens[b].begin;
      qe = s.tokens[e - 1].end;
    }
    const std::string quote = text_.substr(qb, qe - qb);
    const std::string key = type.name + '\x1f' + from_id + '\x1f' + registry_.at(to).id + '\x1f' +
                            doc_id_ + '\x1f' + quote;
    if (!seen_edges_.insert(key).second) return;
    if (from >= 0) write_node(from, s, b, e);
    write_node(to, s, b, e);
    ordered_json o;
    o["kind"] = "edge";
    o["type"] = type.name;
    o["from"] = from_id;
    o["to"] = registry_.at(to).id;
    if (!title.empty() && type.props.count("title")) o["props"] = {{"title", title}};
    o["sources"] = ordered_json::array({{{"doc", doc_id_}, {"quote", quote}}});
    o["extracted"] = provenance(rule, confidence, s, b, e);
    line(o, edges_);
    ++result_.edges;
  }

  static void line(const ordered_json& o, std::string& out) {
    out += o.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    out += '\n';
  }

  const Schema& schema_;
  extract::Registry registry_;
  ExtractOptions options_;
  Extraction result_;
  std::string out_;
  std::string doc_id_;
  std::string text_;
  Counter counter_;
  std::set<std::string> seen_edges_;
  std::string edges_;
  std::vector<int> node_order_;
  std::unordered_map<int, ordered_json> first_seen_;
};

}  // namespace

std::string document_id_for(const std::string& source) {
  std::string base = source == "-" ? "stdin" : source.substr(source.find_last_of('/') + 1);
  if (const std::size_t dot = base.rfind('.'); dot != std::string::npos && dot > 0)
    base.resize(dot);
  return "doc:" + extract::slug(base);
}

Extraction extract_reports(const Schema& schema, const std::vector<KnownNode>& known,
                           const std::vector<ReportInput>& reports, const ExtractOptions& options) {
  Writer writer(schema, known, options);
  for (const ReportInput& report : reports) writer.report(report);
  return writer.finish();
}

}  // namespace ergraph
