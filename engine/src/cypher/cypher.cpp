// The language's entry: parse, bind, run, and the answer's values in engine terms.
#include "ergraph/cypher.hpp"

#include <algorithm>

#include "binder.hpp"
#include "context.hpp"
#include "execute.hpp"
#include "parser.hpp"

namespace ergraph {

namespace {

using cypher::Value;

std::map<std::string, Value> read_parameters(const QueryOptions& options) {
  std::map<std::string, Value> out;
  for (const auto& [name, text] : options.parameters) out[name] = cypher::parse_parameter(text);
  return out;
}

Node node_of(const GraphSnapshot& graph, std::uint32_t v) {
  return Node{graph.node_id(VertexId(v)),
              graph.node_type(VertexId(v)),
              graph.node_name(VertexId(v)),
              {},
              "{}",
              {}};
}

// Query values to answer values, noting every node and edge for the diagram.
class Converter {
 public:
  Converter(const GraphSnapshot& graph, cypher::Context& ctx) : graph_(graph), ctx_(ctx) {}

  QueryValue convert(const Value& v) {
    QueryValue out;
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, std::monostate> || std::is_same_v<T, bool> ||
                        std::is_same_v<T, std::int64_t> || std::is_same_v<T, double> ||
                        std::is_same_v<T, std::string>) {
            out.value = x;
          } else if constexpr (std::is_same_v<T, cypher::DateValue>) {
            out.value = x.text;
          } else if constexpr (std::is_same_v<T, cypher::List>) {
            QueryValue::List list;
            for (const Value& y : x) list.push_back(convert(y));
            out.value = std::move(list);
          } else if constexpr (std::is_same_v<T, cypher::Map>) {
            QueryValue::Map map;
            for (const auto& [k, y] : x) map.emplace_back(k, convert(y));
            out.value = std::move(map);
          } else if constexpr (std::is_same_v<T, cypher::NodeRef>) {
            selection.nodes.push_back(VertexId(x.vertex));
            out.value = node_of(graph_, x.vertex);
          } else if constexpr (std::is_same_v<T, cypher::RelRef>) {
            note_edge(x.edge, false);
            out.value = ctx_.edge(x.edge);
          } else {
            CitedPath path;
            for (std::uint32_t n : x.nodes) {
              selection.nodes.push_back(VertexId(n));
              selection.highlighted_nodes.push_back(VertexId(n));
              path.nodes.push_back(node_of(graph_, n));
            }
            for (std::size_t i = 0; i < x.edges.size(); ++i) {
              note_edge(x.edges[i], true);
              const SnapshotEdge se = graph_.edge(EdgeId(x.edges[i]));
              path.hops.push_back({ctx_.edge(x.edges[i]), index_of(se.from) == x.nodes[i]});
            }
            out.value = std::move(path);
          }
        },
        v.data);
    return out;
  }

  Selection selection;

  void seal() {
    auto tidy = [](auto& ids) {
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    };
    tidy(selection.nodes);
    tidy(selection.edges);
    tidy(selection.highlighted_nodes);
    tidy(selection.highlighted_edges);
  }

 private:
  const GraphSnapshot& graph_;
  cypher::Context& ctx_;

  // A relationship is drawn with both its ends.
  void note_edge(std::uint32_t e, bool highlighted) {
    const SnapshotEdge se = graph_.edge(EdgeId(e));
    selection.edges.push_back(EdgeId(e));
    selection.nodes.push_back(se.from);
    selection.nodes.push_back(se.to);
    if (highlighted) selection.highlighted_edges.push_back(EdgeId(e));
  }
};

}  // namespace

void check_query(std::string_view text, const Schema& schema, const QueryOptions& options) {
  cypher::Query query = cypher::parse_query(text);
  cypher::BindOptions bind;
  bind.max_length = options.max_length;
  cypher::bind_query(query, text, schema, bind);
}

QueryResult run_query(std::string_view text, const GraphSnapshot& graph, const Store& store,
                      const QueryOptions& options) {
  cypher::Query query = cypher::parse_query(text);
  const std::map<std::string, Value> parameters = read_parameters(options);
  cypher::BindOptions bind;
  bind.max_length = options.max_length;
  bind.parameters = &parameters;
  cypher::bind_query(query, text, store.schema(), bind);
  cypher::Limits limits;
  limits.max_rows = options.max_rows;
  // Pattern steps: a pattern that yields few rows may still walk much (an aggregate holds no
  // rows), so the walk has its own bound, a thousand steps per row allowed.
  limits.max_steps = options.max_rows * 1000;
  cypher::Context ctx(text, graph, store, parameters, limits);
  cypher::Rows rows = cypher::execute(query, ctx);
  QueryResult result;
  result.columns = std::move(rows.columns);
  Converter convert(graph, ctx);
  result.rows.reserve(rows.rows.size());
  for (const auto& row : rows.rows) {
    std::vector<QueryValue> out;
    out.reserve(row.size());
    for (const Value& v : row) out.push_back(convert.convert(v));
    result.rows.push_back(std::move(out));
  }
  convert.seal();
  result.selection = std::move(convert.selection);
  return result;
}

}  // namespace ergraph
