// ergraph/schema.hpp — node types, edge types and the rules that join them.
//
// A schema is read from YAML (schemas/news.yaml is the default, compiled into the binary) and
// stored verbatim inside every database, so a database file describes itself. See README
// "Schema files" for the format.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ergraph {

enum class PropType { kString, kDate, kNumber, kBool, kStringList };

// "string", "date", "number", "bool" or "list<string>".
std::string_view prop_type_name(PropType type);

// How diagrams draw a type; empty fields fall back to the renderer's defaults.
struct Style {
  std::string shape;
  std::string color;
  std::string fillcolor;
  std::string line;  // Graphviz style: solid, dashed, bold, ...
};

struct NodeType {
  std::string name;
  std::string description;
  std::map<std::string, PropType> props;
  Style style;
};

// One element of an extraction pattern (README "Extraction patterns"): a word (or a choice of
// word sequences), an optional choice, a gap of a few words, or a slot the match binds.
struct PatternElement {
  enum class Kind { kWords, kOptional, kGap, kSlot };
  Kind kind = Kind::kWords;
  // kWords / kOptional: the alternatives, each a sequence of lower-case words or punctuation; a
  // word ending in '*' matches every word it begins ("agree*"). kOptional may match nothing.
  std::vector<std::vector<std::string>> choices;
  // kSlot: "from", "to", "title" or "occasion" (no words: the event the report is about, as
  // `to`); `types` narrows the node types a from/to slot takes.
  std::string slot;
  std::vector<std::string> types;
  std::size_t max_gap = 0;  // kGap: at most this many words
};

// A pattern under an edge type's `extract:` key: "{from} led {to}", "{to}, led by {from}".
struct ExtractPattern {
  std::string text;
  std::vector<PatternElement> elements;
  double confidence = 0.7;
  std::size_t line = 0;  // in the schema file, for messages and --explain
};

// Parses pattern text; returns the problem ("" when it is well formed). `types` are the node
// types a slot may name.
std::string parse_extract_pattern(std::string_view text, const std::vector<std::string>& types,
                                  std::vector<PatternElement>& out);

struct EdgeType {
  std::string name;
  std::string description;
  std::vector<std::string> from;  // allowed source node types; empty with any_from
  std::vector<std::string> to;    // allowed target node types; empty with any_to
  bool any_from = false;
  bool any_to = false;
  std::map<std::string, PropType> props;
  Style style;
  std::vector<ExtractPattern> extract;  // how `ergraph extract` finds it in a text

  bool allows(std::string_view from_type, std::string_view to_type) const;
};

class Schema {
 public:
  // Parses schema YAML. `file_name` is used in messages only. Throws ValidationError listing
  // every problem with file:line (unknown key, duplicate type, an edge naming an undeclared node
  // type, an unknown property type, ...), or Error(kInvalidInput) for malformed YAML.
  static Schema parse(std::string_view yaml_text, const std::string& file_name);
  // Reads and parses a file; Error(kIo) when it cannot be read.
  static Schema load_file(const std::string& path);
  // The default schema (schemas/news.yaml as built into this binary).
  static const Schema& builtin();

  const std::string& name() const { return name_; }
  // The YAML text this schema was parsed from, stored in databases as it is.
  const std::string& source_text() const { return source_text_; }

  // nullptr when the type is not declared.
  const NodeType* node_type(std::string_view name) const;
  const EdgeType* edge_type(std::string_view name) const;
  // In declaration order.
  const std::vector<NodeType>& node_types() const { return node_types_; }
  const std::vector<EdgeType>& edge_types() const { return edge_types_; }
  std::vector<std::string> node_type_names() const;
  std::vector<std::string> edge_type_names() const;
  // Pairs of edge types that state opposite stances (agreed / rejected): the same actor holding
  // both towards the same node is a conflict between the sources (`ergraph conflicts`). From the
  // schema's `opposes:` list; each pair once, as written.
  const std::vector<std::pair<std::string, std::string>>& opposes() const { return opposes_; }
  // Property names whose values describe in free words rather than state a value (note,
  // detail): two reports wording them differently is no conflict. From `free_text:`.
  const std::vector<std::string>& free_text() const { return free_text_; }

 private:
  std::string name_;
  std::string source_text_;
  std::vector<NodeType> node_types_;
  std::vector<EdgeType> edge_types_;
  std::vector<std::pair<std::string, std::string>> opposes_;
  std::vector<std::string> free_text_;
};

// Checks properties given as JSON object text (model.hpp's canonical text, as the readers
// produce it) against the properties a type declares. Appends one message per problem to
// `problems`: not a JSON object (text that is not JSON counts as that), an undeclared property
// (with a suggestion), or a value of the wrong type (dates must be YYYY, YYYY-MM or YYYY-MM-DD).
// `owner` names the type in messages, e.g. "node type Person".
void check_props(const std::map<std::string, PropType>& declared, std::string_view props_json,
                 const std::string& owner, std::vector<std::string>& problems);

// Two properties objects (JSON object texts) merged key by key, `update`'s value winning a key
// both have: canonical text (model.hpp). Throws nlohmann's parse error on text that is not JSON.
std::string merge_props(const std::string& base, const std::string& update);

// The node type whose nodes carry a stored text and may be cited.
inline constexpr std::string_view kDocumentType = "Document";

}  // namespace ergraph
