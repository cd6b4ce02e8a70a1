#include "ergraph/schema.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "ergraph/error.hpp"
#include "ergraph/spelling.hpp"
#include "ergraph/text.hpp"

namespace ergraph {

// Defined in the generated default_schema.cpp (schemas/news.yaml, embedded at build time).
extern const char* const kDefaultSchemaYaml;

namespace {

constexpr std::string_view kPropTypeNames[] = {"string", "date", "number", "bool", "list<string>"};

// Reads one schema file, collecting every problem with file:line.
class SchemaReader {
 public:
  SchemaReader(const std::string& file, Diagnostics& diags) : file_(file), diags_(diags) {}

  Location at(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return Location{file_};
    return Location{file_, static_cast<std::size_t>(mark.line) + 1,
                    static_cast<std::size_t>(mark.column) + 1};
  }

  void error(const YAML::Node& node, std::string message) {
    diags_.add(at(node), std::move(message));
  }

  // Reports keys of `map` that are not in `allowed`.
  void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                  std::string_view what) {
    std::vector<std::string> names(allowed.begin(), allowed.end());
    for (const auto& entry : map) {
      const std::string key = entry.first.as<std::string>();
      if (std::find(names.begin(), names.end(), key) == names.end()) {
        error(entry.first,
              "unknown key '" + key + "' in " + std::string(what) + did_you_mean(key, names));
      }
    }
  }

  std::string scalar(const YAML::Node& node, std::string_view what) {
    if (!node.IsScalar()) {
      error(node, std::string(what) + " must be a single value");
      return "";
    }
    return node.as<std::string>();
  }

  std::map<std::string, PropType> props(const YAML::Node& node, std::string_view owner) {
    std::map<std::string, PropType> out;
    if (!node || node.IsNull()) return out;
    if (!node.IsMap()) {
      error(node, "props of " + std::string(owner) + " must map property names to types");
      return out;
    }
    const std::vector<std::string> type_names(std::begin(kPropTypeNames), std::end(kPropTypeNames));
    for (const auto& entry : node) {
      const std::string name = entry.first.as<std::string>();
      if (out.count(name)) {
        error(entry.first, "property '" + name + "' of " + std::string(owner) + " declared twice");
        continue;
      }
      const std::string type = scalar(entry.second, "a property type");
      const auto it = std::find(std::begin(kPropTypeNames), std::end(kPropTypeNames), type);
      if (it == std::end(kPropTypeNames)) {
        error(entry.second, "unknown property type '" + type + "' for '" + name + "' of " +
                                std::string(owner) + " (known: string, date, number, bool, " +
                                "list<string>)" + did_you_mean(type, type_names));
        continue;
      }
      out[name] = static_cast<PropType>(it - std::begin(kPropTypeNames));
    }
    return out;
  }

  Style style(const YAML::Node& node, std::string_view owner) {
    Style s;
    if (!node || node.IsNull()) return s;
    if (!node.IsMap()) {
      error(node, "style of " + std::string(owner) + " must be a map");
      return s;
    }
    check_keys(node, {"shape", "color", "fillcolor", "style"}, "style of " + std::string(owner));
    if (node["shape"]) s.shape = scalar(node["shape"], "shape");
    if (node["color"]) s.color = scalar(node["color"], "color");
    if (node["fillcolor"]) s.fillcolor = scalar(node["fillcolor"], "fillcolor");
    if (node["style"]) s.line = scalar(node["style"], "style");
    return s;
  }

  // An edge type's `extract:` list: each item a pattern string, or {pattern, confidence}.
  std::vector<ExtractPattern> patterns(const YAML::Node& node, const std::string& owner,
                                       const std::vector<std::string>& node_names) {
    std::vector<ExtractPattern> out;
    if (!node || node.IsNull()) return out;
    if (!node.IsSequence()) {
      error(node, "extract of " + owner + " must be a list of patterns");
      return out;
    }
    for (const YAML::Node& item : node) {
      ExtractPattern p;
      p.line = static_cast<std::size_t>(item.Mark().line) + 1;
      // yaml-cpp's Node assignment writes through to the node: pick the text node once.
      const YAML::Node text = item.IsMap() ? item["pattern"] : item;
      if (item.IsMap()) {
        check_keys(item, {"pattern", "confidence"}, "a pattern of " + owner);
        if (!text) {
          error(item, "a pattern of " + owner + " has no 'pattern'");
          continue;
        }
        if (const YAML::Node c = item["confidence"]) {
          const std::string value = scalar(c, "confidence");
          char* end = nullptr;
          p.confidence = std::strtod(value.c_str(), &end);
          if (value.empty() || *end != '\0' || !(p.confidence >= 0 && p.confidence <= 1)) {
            error(c, "confidence must be a number from 0 to 1, not '" + value + "'");
            continue;
          }
        }
      }
      p.text = scalar(text, "a pattern");
      if (p.text.empty()) continue;
      const std::string problem = parse_extract_pattern(p.text, node_names, p.elements);
      if (!problem.empty()) {
        error(text, "pattern '" + p.text + "' of " + owner + ": " + problem);
        continue;
      }
      out.push_back(std::move(p));
    }
    return out;
  }

  static bool is_identifier(const std::string& s) {
    if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) {
      return false;
    }
    return std::all_of(s.begin(), s.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
  }

 private:
  std::string file_;
  Diagnostics& diags_;
};

// `opposes:` — a list of pairs of declared, different edge types, each pair once.
std::vector<std::pair<std::string, std::string>> read_opposes(
    const YAML::Node& list, SchemaReader& reader, const std::vector<std::string>& names) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!list) return out;
  if (!list.IsSequence()) {
    reader.error(list, "opposes must be a list of pairs of edge types, like [agreed, rejected]");
    return out;
  }
  for (const auto& pair : list) {
    if (!pair.IsSequence() || pair.size() != 2) {
      reader.error(pair,
                   "each entry of opposes must be a pair of edge types, like [agreed, rejected]");
      continue;
    }
    const std::string a = reader.scalar(pair[0], "an edge type");
    const std::string b = reader.scalar(pair[1], "an edge type");
    bool ok = true;
    for (const auto& [name, node] : {std::pair{a, pair[0]}, std::pair{b, pair[1]}}) {
      if (std::find(names.begin(), names.end(), name) == names.end()) {
        reader.error(
            node, "opposes names undeclared edge type '" + name + "'" + did_you_mean(name, names));
        ok = false;
      }
    }
    if (ok && a == b) {
      reader.error(pair, "edge type '" + a + "' cannot oppose itself");
      ok = false;
    }
    for (const auto& [x, y] : out) {
      if (ok && ((x == a && y == b) || (x == b && y == a))) {
        reader.error(pair, "the pair [" + a + ", " + b + "] is listed twice in opposes");
        ok = false;
      }
    }
    if (ok) out.emplace_back(a, b);
  }
  return out;
}

}  // namespace

std::string_view prop_type_name(PropType type) {
  return kPropTypeNames[static_cast<std::size_t>(type)];
}

bool EdgeType::allows(std::string_view from_type, std::string_view to_type) const {
  const bool from_ok = any_from || std::find(from.begin(), from.end(), from_type) != from.end();
  const bool to_ok = any_to || std::find(to.begin(), to.end(), to_type) != to.end();
  return from_ok && to_ok;
}

Schema Schema::parse(std::string_view yaml_text, const std::string& file_name) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    throw Error(ErrorCode::kInvalidInput, "malformed YAML: " + e.msg,
                Location{file_name, static_cast<std::size_t>(e.mark.line) + 1,
                         static_cast<std::size_t>(e.mark.column) + 1});
  }
  Diagnostics diags;
  SchemaReader reader(file_name, diags);
  Schema schema;
  schema.source_text_ = std::string(yaml_text);
  if (!root.IsMap()) {
    diags.add(Location{file_name, 1}, "a schema must be a YAML map with node_types and edge_types");
    diags.throw_if_any();
  }
  try {
    reader.check_keys(
        root,
        {"schema", "version", "description", "node_types", "edge_types", "opposes", "free_text"},
        "the schema");
    schema.name_ = root["schema"] ? reader.scalar(root["schema"], "schema") : "unnamed";

    const YAML::Node nodes = root["node_types"];
    if (!nodes || !nodes.IsMap() || nodes.size() == 0) {
      diags.add(nodes ? reader.at(nodes) : Location{file_name, 1},
                "node_types must be a non-empty map of type names");
    } else {
      for (const auto& entry : nodes) {
        NodeType type;
        type.name = entry.first.as<std::string>();
        const std::string owner = "node type '" + type.name + "'";
        if (!SchemaReader::is_identifier(type.name)) {
          reader.error(entry.first, "node type name '" + type.name +
                                        "' must be letters, digits and _ (starting with a letter)");
        }
        if (schema.node_type(type.name) != nullptr) {
          reader.error(entry.first, "node type '" + type.name + "' declared twice");
          continue;
        }
        const YAML::Node body = entry.second;
        if (body && !body.IsNull() && !body.IsMap()) {
          reader.error(body, owner + " must be a map (description, props, style)");
        } else if (body && body.IsMap()) {
          reader.check_keys(body, {"description", "props", "style"}, owner);
          if (body["description"])
            type.description = reader.scalar(body["description"], "description");
          type.props = reader.props(body["props"], owner);
          type.style = reader.style(body["style"], owner);
        }
        schema.node_types_.push_back(std::move(type));
      }
    }

    const YAML::Node edges = root["edge_types"];
    if (!edges || !edges.IsMap() || edges.size() == 0) {
      diags.add(edges ? reader.at(edges) : Location{file_name, 1},
                "edge_types must be a non-empty map of type names");
    } else {
      const std::vector<std::string> node_names = schema.node_type_names();
      for (const auto& entry : edges) {
        EdgeType type;
        type.name = entry.first.as<std::string>();
        const std::string owner = "edge type '" + type.name + "'";
        if (!SchemaReader::is_identifier(type.name)) {
          reader.error(entry.first, "edge type name '" + type.name +
                                        "' must be letters, digits and _ (starting with a letter)");
        }
        if (schema.edge_type(type.name) != nullptr) {
          reader.error(entry.first, "edge type '" + type.name + "' declared twice");
          continue;
        }
        const YAML::Node body = entry.second;
        if (!body.IsMap()) {
          reader.error(body.IsNull() ? entry.first : body,
                       owner + " must be a map with from and to");
          continue;
        }
        reader.check_keys(body, {"description", "from", "to", "props", "style", "extract"}, owner);
        if (body["description"])
          type.description = reader.scalar(body["description"], "description");
        auto endpoint = [&](const char* side, std::vector<std::string>& list, bool& any) {
          const YAML::Node n = body[side];
          if (!n) {
            reader.error(entry.first,
                         owner + " has no '" + side + "' (a list of node types, or \"*\")");
            return;
          }
          if (n.IsScalar() && n.as<std::string>() == "*") {
            any = true;
            return;
          }
          std::vector<YAML::Node> items;
          if (n.IsScalar()) {
            items.push_back(n);
          } else if (n.IsSequence() && n.size() > 0) {
            for (const auto& item : n) items.push_back(item);
          } else {
            reader.error(n,
                         std::string(side) + " of " + owner + " must list node types, or be \"*\"");
            return;
          }
          for (const YAML::Node& item : items) {
            const std::string name = reader.scalar(item, "a node type");
            if (schema.node_type(name) == nullptr) {
              reader.error(item, owner + " names undeclared node type '" + name + "' in '" + side +
                                     "'" + did_you_mean(name, node_names));
            } else if (std::find(list.begin(), list.end(), name) != list.end()) {
              reader.error(item,
                           "node type '" + name + "' listed twice in '" + side + "' of " + owner);
            } else {
              list.push_back(name);
            }
          }
        };
        endpoint("from", type.from, type.any_from);
        endpoint("to", type.to, type.any_to);
        type.props = reader.props(body["props"], owner);
        type.style = reader.style(body["style"], owner);
        type.extract = reader.patterns(body["extract"], owner, node_names);
        schema.edge_types_.push_back(std::move(type));
      }
    }
    schema.opposes_ = read_opposes(root["opposes"], reader, schema.edge_type_names());
    if (const YAML::Node list = root["free_text"]) {
      if (!list.IsSequence()) {
        reader.error(list, "free_text must be a list of property names, like [note, detail]");
      } else {
        for (const auto& item : list)
          schema.free_text_.push_back(reader.scalar(item, "a property name"));
      }
    }
  } catch (const YAML::Exception& e) {
    diags.add(Location{file_name, static_cast<std::size_t>(e.mark.line) + 1,
                       static_cast<std::size_t>(e.mark.column) + 1},
              "unexpected YAML structure: " + e.msg);
  }
  diags.throw_if_any();
  return schema;
}

Schema Schema::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, "cannot read schema file", Location{path});
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

const Schema& Schema::builtin() {
  static const Schema schema = parse(kDefaultSchemaYaml, "schemas/news.yaml");
  return schema;
}

const NodeType* Schema::node_type(std::string_view name) const {
  for (const NodeType& t : node_types_) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

const EdgeType* Schema::edge_type(std::string_view name) const {
  for (const EdgeType& t : edge_types_) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::vector<std::string> Schema::node_type_names() const {
  std::vector<std::string> names;
  for (const NodeType& t : node_types_) names.push_back(t.name);
  return names;
}

std::vector<std::string> Schema::edge_type_names() const {
  std::vector<std::string> names;
  for (const EdgeType& t : edge_types_) names.push_back(t.name);
  return names;
}

}  // namespace ergraph
