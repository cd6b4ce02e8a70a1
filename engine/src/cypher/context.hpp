// Private to cypher/: what a running query reads — the snapshot's rows, each node's and edge's
// stored properties and citations (read once from the store, then kept), the parameters — and
// the limits that keep a query from running away.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ergraph/evidence.hpp"
#include "ergraph/graph.hpp"
#include "ergraph/model.hpp"
#include "ergraph/query.hpp"
#include "ergraph/schema.hpp"
#include "ergraph/store.hpp"
#include "ergraph/text.hpp"
#include "value.hpp"

namespace ergraph::cypher {

using Row = std::vector<Value>;

struct Limits {
  std::size_t max_rows = 1'000'000;       // rows any clause may hold or produce
  std::size_t max_steps = 1'000'000'000;  // pattern steps in all (candidates and expansions)
};

class Context {
 public:
  Context(std::string_view text, const GraphSnapshot& graph, const Store& store,
          std::map<std::string, Value> parameters, Limits limits);
  ~Context();

  std::string_view text() const { return text_; }
  const GraphSnapshot& graph() const { return graph_; }
  const Adjacency& adjacency() const { return graph_.adjacency(); }
  const Schema& schema() const { return store_.schema(); }
  const Limits& limits() const { return limits_; }

  const Value& parameter(const std::string& name, std::size_t at) const;

  // A node's or relationship's property (null when it has none); key as the binder checked.
  Value node_property(std::uint32_t v, const std::string& key);
  Value edge_property(std::uint32_t e, const std::string& key);
  // All of them as a map (properties()), and their keys (keys()).
  Map node_properties(std::uint32_t v);
  Map edge_properties(std::uint32_t e);
  // The stored edge with its citations and evidence counts.
  const Edge& edge(std::uint32_t e);
  // Every document's publisher (read on first use).
  const SourceCounter& sources();
  // A document's name (its id when it is not stored).
  const std::string& document_name(const std::string& id);
  // The edge's date as written ("" when undated).
  std::string edge_date(std::uint32_t e) const;

  // Vertices whose name or id is exactly `text` (a pattern's {name: ...} or {id: ...}).
  const std::vector<std::uint32_t>& vertices_named(const std::string& name);
  // Vertices of a node type index, in id order.
  const std::vector<std::uint32_t>& vertices_of_type(std::uint16_t type);
  // The index of a type name (the binder has checked it exists in the schema; a type no stored
  // node has gets an index past the snapshot's types, which nothing matches).
  std::uint16_t node_type_index(const std::string& name) const;
  std::uint16_t edge_type_index(const std::string& name) const;

  const Regex& regex(const std::string& pattern, std::size_t at);
  PathFinder& path_finder();

  // Counts a step of pattern matching; an error past the limit.
  void step(std::size_t at) {
    if (++steps_ > limits_.max_steps) too_much(at, "pattern steps", limits_.max_steps);
  }
  [[noreturn]] void too_much(std::size_t at, const char* what, std::size_t limit) const;

 private:
  struct NodeData {
    Map props;
    List aliases;
  };
  const NodeData& node_data(std::uint32_t v);

  std::string_view text_;
  const GraphSnapshot& graph_;
  const Store& store_;
  std::map<std::string, Value> parameters_;
  Limits limits_;
  std::size_t steps_ = 0;
  std::unordered_map<std::uint32_t, NodeData> nodes_;
  struct EdgeData {
    Edge edge;
    Map props;  // parsed once, typed by the schema
  };
  const EdgeData& edge_data(std::uint32_t e);
  std::unordered_map<std::uint32_t, EdgeData> edges_;
  std::unordered_map<std::string, std::string> document_names_;
  std::unique_ptr<SourceCounter> sources_;
  std::unique_ptr<std::unordered_map<std::string, std::vector<std::uint32_t>>> names_;
  std::vector<std::vector<std::uint32_t>> by_type_;
  std::vector<bool> by_type_built_;
  std::map<std::string, std::unique_ptr<Regex>> regexes_;
  std::unique_ptr<PathFinder> path_finder_;
};

// A props object (canonical JSON text) as a map of query values: whole numbers as integers,
// the properties `declared` a date as dates.
Map props_to_map(const std::string& json_object_text,
                 const std::map<std::string, PropType>* declared);

// A date value for "YYYY[-MM[-DD]]"; null for anything else.
Value date_value(const std::string& text);

}  // namespace ergraph::cypher
