#include "ergraph/database.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <tuple>
#include <utility>

#include "database_impl.hpp"
#include "ergraph/csv.hpp"
#include "ergraph/error.hpp"
#include "ergraph/graph_formats.hpp"
#include "ergraph/jsonl.hpp"
#include "ergraph/memory.hpp"
#include "ergraph/spelling.hpp"
#include "ergraph/text.hpp"

namespace ergraph {

void PathAnswer::require_path() const {
  if (!paths.empty()) return;
  std::string message = std::string(chronological ? "no time-respecting path" : "no path") +
                        " between " + from.name + " and " + to.name;
  if (max_hops >= 0) {
    message += " within " + std::to_string(max_hops) + (max_hops == 1 ? " hop" : " hops");
  }
  if (filter_narrows) message += " (the filters given may be why)";
  throw Error(ErrorCode::kNotFound, message);
}

Database::Database(std::string path) : impl_(std::make_unique<Impl>()) {
  impl_->path = std::move(path);
}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

void Database::create(const std::string& path, const Schema& schema) {
  facade::check_database_path(path);
  Store::create(path, schema);
}

CheckedInput Database::validate_files(const std::string& db_path,
                                      const std::vector<std::string>& files, DataFormat format,
                                      const std::optional<Schema>& schema,
                                      std::string& checked_against, const ReadOptions& options) {
  std::error_code ec;
  const bool use_db = !schema && std::filesystem::exists(db_path, ec);
  const Store store = use_db ? Store::open(db_path, /*read_only=*/true)
                             : Store::create(":memory:", schema ? *schema : Schema::builtin());
  checked_against = use_db ? db_path : "schema " + store.schema().name();
  return read_and_validate(store, files, format, nullptr, options);
}

Extraction Database::extract(const std::vector<ReportInput>& reports, const ExtractOptions& options,
                             bool& used_database) {
  std::error_code ec;
  used_database = impl_->store != nullptr || std::filesystem::exists(impl_->path, ec);
  if (!used_database) return extract_reports(Schema::builtin(), {}, reports, options);
  const Store& store = impl_->read_store();
  std::vector<KnownNode> known;
  store.for_each_name([&](Node& node) {
    KnownNode k{std::move(node.id), std::move(node.type), std::move(node.name),
                std::move(node.aliases), ""};
    if (const std::size_t at = node.props.find("\"date\":\""); at != std::string::npos) {
      k.date = node.props.substr(at + 8, node.props.find('"', at + 8) - at - 8);
    }
    known.push_back(std::move(k));
  });
  return extract_reports(store.schema(), known, reports, options);
}

const std::string& Database::path() const { return impl_->path; }
void Database::close() { impl_->forget(); }

const Schema& Database::schema() { return impl_->read_store().schema(); }
StoreStats Database::stats() { return impl_->read_store().stats(); }

MemoryStats Database::memory() {
  const GraphSnapshot& g = impl_->snapshot();
  return {g.vertex_count(), g.edge_count(), g.graph_bytes(), g.string_bytes()};
}

Node Database::resolve(const std::string& text) { return impl_->read_store().resolve(text); }

std::optional<Node> Database::find_node(const std::string& id) {
  return impl_->read_store().find_node(id);
}

std::optional<std::string> Database::node_name(const std::string& id) {
  if (impl_->graph) {
    const std::optional<VertexId> v = impl_->graph->vertex(id);
    if (!v) return std::nullopt;
    return impl_->graph->node_name(*v);
  }
  std::optional<Node> node = impl_->read_store().find_node(id);
  if (!node) return std::nullopt;
  return std::move(node->name);
}

NodeDetail Database::describe(const std::string& text) {
  const Store& store = impl_->read_store();
  NodeDetail d;
  d.node = store.resolve(text);
  for (Edge& e : store.edges_touching(d.node.id)) d.edges.push_back(impl_->counted(std::move(e)));
  d.text = store.document_text(d.node.id);
  d.merged = store.merged_ids(d.node.id);
  return d;
}

std::vector<NameMatch> Database::search_names(const std::string& text, std::size_t limit) {
  return impl_->read_store().search_names(text, limit);
}

std::vector<TextHit> Database::search_text(const std::string& words, std::size_t limit) {
  return impl_->read_store().search_text(words, limit);
}

std::vector<QuoteHit> Database::search_quotes(const std::string& words, std::size_t limit) {
  return impl_->read_store().search_quotes(words, limit);
}

PathAnswer Database::find_paths(const PathQuery& query) {
  Impl::Search s = impl_->search(query);
  PathAnswer a;
  a.from = std::move(s.from);
  a.to = std::move(s.to);
  a.filter_narrows = s.filter.narrows();
  a.chronological = query.chronological;
  a.max_hops = s.filter.max_hops;
  a.search_micros = s.micros;
  a.visited = s.visited;
  for (const Path& p : s.paths) {
    CitedPath cited;
    for (VertexId v : p.nodes) cited.nodes.push_back(impl_->node_ref(v));
    for (const Hop& h : p.hops) cited.hops.push_back({impl_->cited_edge(h.edge), h.along});
    a.paths.push_back(std::move(cited));
  }
  return a;
}

std::vector<ReachedNode> Database::neighbors(const NeighborQuery& query) {
  const Node start = impl_->resolve_in_graph(query.node);
  const TraversalFilter filter = impl_->filter_of(query.filter);
  const GraphSnapshot& graph = impl_->snapshot();
  const std::vector<Reached> reached =
      ergraph::neighbors(graph, impl_->vertex_of(start), query.depth, filter);
  std::vector<ReachedNode> out;
  reserve_on_huge_pages(out, reached.size());
  for (const Reached& r : reached) {
    ReachedNode& n = out.emplace_back();
    n.id = graph.node_id(r.node);
    n.type = graph.node_type(r.node);
    n.name = graph.node_name(r.node);
    n.hops = r.hops;
    n.parent = r.parent_at;
    if (r.via) {
      n.edge_type = graph.edge_type_name(r.via->edge);
      n.along = r.via->along;
      if (query.with_citations) n.edge = std::make_unique<Edge>(impl_->cited_edge(r.via->edge));
    }
  }
  return out;
}

std::vector<std::size_t> Database::count_neighbors(const NeighborQuery& query) {
  const Node start = impl_->resolve_in_graph(query.node);
  const TraversalFilter filter = impl_->filter_of(query.filter);
  const GraphSnapshot& graph = impl_->snapshot();
  return ergraph::count_neighbors(graph, impl_->vertex_of(start), query.depth, filter);
}

std::vector<RankedNode> Database::rank(const RankQuery& query) {
  const GraphSnapshot& graph = impl_->snapshot();
  if (!query.node_type.empty()) impl_->check_node_type(query.node_type);
  RankOptions options = query.options;
  options.edge_mask = impl_->evidence_mask(query.evidence);
  std::vector<RankedNode> out;
  for (const Score& s : ergraph::rank(graph, options)) {
    if (!query.node_type.empty() && graph.node_type(s.node) != query.node_type) continue;
    if (out.size() == query.top) break;
    out.push_back({impl_->node_ref(s.node), s.value});
  }
  return out;
}

ComponentsAnswer Database::components(std::size_t top, std::size_t members_each) {
  const std::vector<Component> parts = ergraph::components(impl_->snapshot());
  ComponentsAnswer a;
  a.count = parts.size();
  for (std::size_t i = 0; i < parts.size() && i < top; ++i) {
    ComponentSummary c;
    c.size = parts[i].members.size();
    for (std::size_t m = 0; m < parts[i].members.size() && m < members_each; ++m) {
      c.members.push_back(impl_->node_ref(parts[i].members[m]));
    }
    a.largest.push_back(std::move(c));
  }
  return a;
}

std::vector<Node> Database::nodes_of_type(const std::string& type) {
  impl_->check_node_type(type);
  const GraphSnapshot& graph = impl_->snapshot();
  std::vector<Node> out;
  for (std::uint32_t i = 0; i < graph.vertex_count(); ++i) {
    if (graph.node_type(VertexId{i}) == type) out.push_back(impl_->node_ref(VertexId{i}));
  }
  return out;
}

QueryResult Database::query(std::string_view text, const QueryOptions& options) {
  const GraphSnapshot& graph = impl_->snapshot();
  return run_query(text, graph, impl_->read_store(), options);
}

Subgraph Database::select(const SubgraphQuery& query) {
  const GraphSnapshot& graph = impl_->snapshot();
  Subgraph sub;
  if (query.query) {
    QueryResult result = run_query(*query.query, graph, impl_->read_store(), query.query_options);
    sub.title_ = "";
    sub.selection_ = std::move(result.selection);
    return sub;
  }
  if (!query.focus.empty()) {
    const Node center = impl_->resolve_in_graph(query.focus);
    const TraversalFilter filter = impl_->filter_of(query.filter);
    sub.title_ = center.name + " and the nodes within " + std::to_string(query.depth) +
                 (query.depth == 1 ? " hop" : " hops");
    sub.selection_ =
        select_ego(graph, impl_->vertex_of(center), query.depth, filter, query.node_types);
    return sub;
  }
  if (query.path) {
    PathQuery paths = *query.path;
    paths.filter = query.filter;
    Impl::Search s = impl_->search(paths);
    if (s.paths.empty()) {
      PathAnswer none;
      none.from = s.from;
      none.to = s.to;
      none.filter_narrows = s.filter.narrows();
      none.chronological = paths.chronological;
      none.max_hops = s.filter.max_hops;
      none.require_path();
    }
    sub.title_ = "How " + s.from.name + " connects to " + s.to.name;
    sub.selection_ = select_paths(graph, s.paths, query.context, s.filter, query.node_types);
    return sub;
  }
  sub.selection_ = select_all(graph, impl_->filter_of(query.filter), query.node_types);
  return sub;
}

std::string Database::render(const Subgraph& subgraph, DiagramFormat format,
                             const DiagramOptions& options) {
  return render_diagram(impl_->read_store(), impl_->snapshot(), impl_->counting(),
                        subgraph.selection_, format, options);
}

std::string Database::render_view(const Subgraph& subgraph, const DiagramOptions& options) {
  return ergraph::render_view(impl_->read_store(), impl_->snapshot(), impl_->counting(),
                              subgraph.selection_, options);
}

Timeline Database::timeline(const TimelineQuery& query) {
  const Store& store = impl_->read_store();
  Timeline t;
  t.node = store.resolve(query.node);
  const std::vector<std::string> all = store.schema().edge_type_names();
  for (const std::string& type : query.edge_types) {
    if (std::find(all.begin(), all.end(), type) == all.end()) {
      throw Error(ErrorCode::kInvalidInput, unknown_name("edge type", type, all))
          .about("edge_type", type);
    }
  }
  struct Dated {
    DateRange range;
    Edge edge;
  };
  std::vector<Dated> dated;
  for (Edge& e : store.edges_touching(t.node.id)) {
    if (!query.edge_types.empty() && std::find(query.edge_types.begin(), query.edge_types.end(),
                                               e.type) == query.edge_types.end()) {
      continue;
    }
    const std::optional<DateRange> range = date_range(e.date);
    if (!range) {
      ++t.undated;
      continue;
    }
    if (query.window && (range->last < query.window->first || range->first > query.window->last)) {
      continue;
    }
    dated.push_back({*range, impl_->counted(std::move(e))});
  }
  // Earliest first day first; of two starting together the narrower (the more precise) first;
  // then the edges' own order, which edges_touching gives as (type, from, to).
  std::stable_sort(dated.begin(), dated.end(), [](const Dated& a, const Dated& b) {
    return std::tie(a.range.first, a.range.last) < std::tie(b.range.first, b.range.last);
  });
  for (Dated& d : dated) t.edges.push_back(std::move(d.edge));
  return t;
}

std::vector<Conflict> Database::conflicts(const std::string& node) {
  const Store& store = impl_->read_store();
  const std::string id = node.empty() ? "" : store.resolve(node).id;
  return find_conflicts(store, impl_->sources(), id);
}

std::string Database::render_conflict(const std::string& node, std::size_t number,
                                      DiagramFormat format, const DiagramOptions& options) {
  const std::vector<Conflict> all = conflicts(node);
  if (number == 0 || number > all.size()) {
    throw Error(ErrorCode::kNotFound,
                "there is no conflict " + std::to_string(number) +
                    (node.empty() ? "" : " about " + node) + ": `ergraph conflicts" +
                    (node.empty() ? "" : " --node ...") + "` lists " + std::to_string(all.size()));
  }
  return ergraph::render_conflict(impl_->read_store(), all[number - 1], format, options);
}

std::string Database::write_graph(const Subgraph& subgraph, GraphFileFormat format) {
  const Store& store = impl_->read_store();
  const GraphSnapshot& graph = impl_->snapshot();
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  for (VertexId v : subgraph.selection_.nodes) {
    std::optional<Node> node = store.find_node(graph.node_id(v));
    if (!node) {
      throw Error(ErrorCode::kStorage, "node " + graph.node_id(v) +
                                           " of the graph is missing from the database; it "
                                           "changed while it was read, try again");
    }
    nodes.push_back(std::move(*node));
  }
  for (EdgeId e : subgraph.selection_.edges) edges.push_back(impl_->cited_edge(e));
  std::ostringstream text;
  if (format == GraphFileFormat::kGraphml) {
    write_graphml(nodes, edges, text);
  } else {
    write_node_link_json(nodes, edges, text);
  }
  return text.str();
}

void Database::write_jsonl(std::ostream& out) { ergraph::write_jsonl(impl_->read_store(), out); }

void Database::write_csv(const std::string& dir) { ergraph::write_csv(impl_->read_store(), dir); }

ImportResult Database::import_files(const std::vector<std::string>& files, DataFormat format,
                                    const std::function<void(std::size_t, std::size_t)>& progress,
                                    const ReadOptions& options) {
  Store& store = impl_->write_store();
  ImportResult result;
  result.summary = ergraph::import_files(store, files, format, progress, options);
  impl_->changed();
  const WriteCounts& w = result.summary.written;
  if (w.nodes_added + w.nodes_updated + w.edges_added + w.citations_added == 0) return result;
  // Build the graph now and keep its image beside the database: the next process's first query
  // then reads compact arrays instead of rebuilding from the tables. Losing the image only
  // costs that rebuild, so a failure here does not fail the import.
  StepClock clock(result.summary.steps);
  try {
    const GraphSnapshot& built = impl_->snapshot();
    clock.lap("build the graph");
    impl_->reading.reset();  // the image is written in a transaction of its own
    built.save_image(store);
    impl_->image_stale = false;
    result.image = ImportResult::Image::kSaved;
    clock.lap("save the graph image");
  } catch (const Error& e) {
    result.image = ImportResult::Image::kFailed;
    result.image_error = e.what();
  }
  return result;
}

std::string Database::save_stale_image() {
  if (!impl_->image_stale) return "";
  impl_->image_stale = false;
  try {
    Store& store = impl_->write_store();
    const GraphSnapshot& built = impl_->snapshot();
    impl_->reading.reset();  // the image is written in a transaction of its own
    built.save_image(store);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace ergraph
