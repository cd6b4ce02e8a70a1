#include "context.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "parser.hpp"

namespace ergraph::cypher {

namespace {

Value json_to_value(const nlohmann::json& j, bool is_date) {
  if (j.is_null()) return {};
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_number_integer()) return j.get<std::int64_t>();
  if (j.is_number_unsigned()) {
    const auto u = j.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(u);
    return static_cast<double>(u);
  }
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) {
    Value d = is_date ? date_value(j.get<std::string>()) : Value{};
    return d.is_null() ? Value(j.get<std::string>()) : d;
  }
  if (j.is_array()) {
    List list;
    for (const auto& x : j) list.push_back(json_to_value(x, false));
    return list;
  }
  Map map;
  for (const auto& [k, x] : j.items()) map.emplace_back(k, json_to_value(x, false));
  return map;
}

}  // namespace

Value date_value(const std::string& text) {
  const auto range = date_range(text);
  if (!range) return {};
  return DateValue{text, range->first, range->last};
}

Map props_to_map(const std::string& json_object_text,
                 const std::map<std::string, PropType>* declared) {
  Map map;
  const nlohmann::json j = nlohmann::json::parse(json_object_text, nullptr, false);
  if (!j.is_object()) return map;
  for (const auto& [k, x] : j.items()) {
    bool is_date = false;
    if (declared) {
      const auto it = declared->find(k);
      is_date = it != declared->end() && it->second == PropType::kDate;
    }
    map.emplace_back(k, json_to_value(x, is_date));
  }
  return map;
}

Context::Context(std::string_view text, const GraphSnapshot& graph, const Store& store,
                 std::map<std::string, Value> parameters, Limits limits)
    : text_(text),
      graph_(graph),
      store_(store),
      parameters_(std::move(parameters)),
      limits_(limits) {}

Context::~Context() = default;

const Value& Context::parameter(const std::string& name, std::size_t at) const {
  const auto it = parameters_.find(name);
  if (it == parameters_.end()) {
    query_error(text_, at, "parameter $" + name + " not given (pass --param " + name + "=VALUE)");
  }
  return it->second;
}

const Context::NodeData& Context::node_data(std::uint32_t v) {
  auto it = nodes_.find(v);
  if (it != nodes_.end()) return it->second;
  NodeData data;
  if (const auto node = store_.find_node(graph_.node_id(VertexId(v)))) {
    const NodeType* type = store_.schema().node_type(node->type);
    data.props = props_to_map(node->props, type ? &type->props : nullptr);
    for (const std::string& a : node->aliases) data.aliases.emplace_back(a);
  }
  return nodes_.emplace(v, std::move(data)).first->second;
}

Value Context::node_property(std::uint32_t v, const std::string& key) {
  if (key == "id") return graph_.node_id(VertexId(v));
  if (key == "name") return graph_.node_name(VertexId(v));
  const NodeData& data = node_data(v);
  if (key == "aliases") return data.aliases;
  for (const auto& [k, value] : data.props) {
    if (k == key) return value;
  }
  return {};
}

Map Context::node_properties(std::uint32_t v) {
  Map map = {{"id", graph_.node_id(VertexId(v))}, {"name", graph_.node_name(VertexId(v))}};
  const NodeData& data = node_data(v);
  if (!data.aliases.empty()) map.emplace_back("aliases", data.aliases);
  for (const auto& kv : data.props) map.push_back(kv);
  return map;
}

const SourceCounter& Context::sources() {
  if (!sources_) sources_ = std::make_unique<SourceCounter>(store_);
  return *sources_;
}

const Context::EdgeData& Context::edge_data(std::uint32_t e) {
  auto it = edges_.find(e);
  if (it != edges_.end()) return it->second;
  const SnapshotEdge se = graph_.edge(EdgeId(e));
  Edge stored = store_.edge_by_key(se.store_id).value_or(Edge{});
  if (stored.type.empty()) {
    // Not in the store (it changed under the snapshot): what the snapshot knows.
    stored.type = graph_.edge_type_name(EdgeId(e));
    stored.from = graph_.node_id(se.from);
    stored.to = graph_.node_id(se.to);
    stored.date = edge_date(e);
  }
  const EdgeType* type = store_.schema().edge_type(stored.type);
  Map props = props_to_map(stored.props, type ? &type->props : nullptr);
  stored.evidence = sources().count(stored.sources);
  return edges_.emplace(e, EdgeData{std::move(stored), std::move(props)}).first->second;
}

const Edge& Context::edge(std::uint32_t e) { return edge_data(e).edge; }

std::string Context::edge_date(std::uint32_t e) const {
  const EdgeAttributes& a = adjacency().attributes(e);
  if (a.date_first == 0) return "";
  return date_text(DateRange{a.date_first, a.date_last});
}

Value Context::edge_property(std::uint32_t e, const std::string& key) {
  if (key == "date") return date_value(edge_date(e));
  for (const auto& [k, value] : edge_data(e).props) {
    if (k == key) return value;
  }
  return {};
}

Map Context::edge_properties(std::uint32_t e) {
  Map map;
  const std::string date = edge_date(e);
  if (!date.empty()) map.emplace_back("date", date_value(date));
  for (const auto& kv : edge_data(e).props) map.push_back(kv);
  return map;
}

const std::string& Context::document_name(const std::string& id) {
  auto it = document_names_.find(id);
  if (it == document_names_.end()) {
    const auto v = graph_.vertex(id);
    it = document_names_.emplace(id, v ? graph_.node_name(*v) : id).first;
  }
  return it->second;
}

const std::vector<std::uint32_t>& Context::vertices_named(const std::string& name) {
  if (!names_) {
    names_ = std::make_unique<std::unordered_map<std::string, std::vector<std::uint32_t>>>();
    for (std::uint32_t v = 0; v < graph_.vertex_count(); ++v) {
      (*names_)[graph_.node_name(VertexId(v))].push_back(v);
    }
  }
  static const std::vector<std::uint32_t> kNone;
  const auto it = names_->find(name);
  return it == names_->end() ? kNone : it->second;
}

const std::vector<std::uint32_t>& Context::vertices_of_type(std::uint16_t type) {
  static const std::vector<std::uint32_t> kNone;
  if (type >= graph_.node_types().size()) return kNone;
  if (by_type_.empty()) {
    by_type_.resize(graph_.node_types().size());
    for (std::uint32_t v = 0; v < graph_.vertex_count(); ++v) {
      by_type_[adjacency().vertex_type(v)].push_back(v);
    }
  }
  return by_type_[type];
}

std::uint16_t Context::node_type_index(const std::string& name) const {
  const auto& types = graph_.node_types();
  return static_cast<std::uint16_t>(std::find(types.begin(), types.end(), name) - types.begin());
}

std::uint16_t Context::edge_type_index(const std::string& name) const {
  const auto& types = graph_.edge_types();
  return static_cast<std::uint16_t>(std::find(types.begin(), types.end(), name) - types.begin());
}

const Regex& Context::regex(const std::string& pattern, std::size_t at) {
  auto it = regexes_.find(pattern);
  if (it == regexes_.end()) {
    try {
      it = regexes_.emplace(pattern, std::make_unique<Regex>(pattern)).first;
    } catch (const Error& e) {
      query_error(text_, at, e.message());
    }
  }
  return *it->second;
}

PathFinder& Context::path_finder() {
  if (!path_finder_) path_finder_ = std::make_unique<PathFinder>(graph_);
  return *path_finder_;
}

void Context::too_much(std::size_t at, const char* what, std::size_t limit) const {
  query_error(text_, at,
              "the query needs more than " + std::to_string(limit) + " " + what +
                  ": narrow the pattern (labels, a named node, shorter lengths) or "
                  "raise --max-rows");
}

}  // namespace ergraph::cypher
