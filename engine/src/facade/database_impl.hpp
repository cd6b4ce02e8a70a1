// Private to the facade: Database::Impl, which every file implementing Database shares. One
// file per job: database.cpp (opening, questions of the graph, exports, import), same_actor.cpp
// (merges, judgements and likely duplicates).
#pragma once

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ergraph/adjacency.hpp"
#include "ergraph/database.hpp"
#include "ergraph/error.hpp"
#include "ergraph/spelling.hpp"
#include "ergraph/text.hpp"

namespace ergraph {
namespace facade {

// SQLite reads some names as something other than a file: "" and ":memory:" are private
// temporary databases and "file:..." may be a URI. A database that vanishes when the process
// ends would make `init` print "created" and keep nothing, so these are refused.
inline void check_database_path(const std::string& path) {
  if (path.empty()) throw Error(ErrorCode::kUsage, "the database file name is empty");
  if (path == ":memory:" || path.rfind("file:", 0) == 0) {
    throw Error(ErrorCode::kUsage, "'" + path +
                                       "' names an SQLite in-memory database or URI, not a "
                                       "file; name a database file");
  }
}

}  // namespace facade

struct Database::Impl {
  std::string path;
  bool writable = false;
  std::unique_ptr<Store> store;
  // Every answer comes from one state of the database: the snapshot, the names and the
  // citations read for it are all read in this one read transaction, however many imports
  // other processes commit meanwhile. It ends before a write, and a new one starts after it.
  std::unique_ptr<Store::ReadScope> reading;
  std::unique_ptr<GraphSnapshot> graph;
  // Kept with the snapshot: its scratch space (a few arrays as long as the vertex count) is
  // allocated once per snapshot, not once per query, which is what makes a batch of paths cheap.
  std::unique_ptr<PathFinder> finder;
  // Every document's publisher, for evidence counts: read on first need, kept with the view.
  std::unique_ptr<SourceCounter> counter;
  // A merge, unmerge or distinct changed the data's version since the graph image was saved:
  // queries would rebuild the graph until a new image is saved (Database::save_stale_image).
  bool image_stale = false;
  // The documents counted so far while there is no counter, by id (nullopt: not a Document).
  std::map<std::string, std::optional<DocumentRow>, std::less<>> cited_documents;

  const Store& read_store() {
    if (!store) {
      facade::check_database_path(path);
      store = std::make_unique<Store>(Store::open(path, /*read_only=*/true));
    }
    if (!reading) reading = std::make_unique<Store::ReadScope>(*store);
    return *store;
  }

  // The store, open for writing, with no read transaction in the way.
  Store& write_store() {
    if (!store || !writable) {
      facade::check_database_path(path);
      forget();
      store = std::make_unique<Store>(Store::open(path));
      writable = true;
    }
    reading.reset();
    return *store;
  }

  const GraphSnapshot& snapshot() {
    const Store& s = read_store();
    if (!graph) graph = std::make_unique<GraphSnapshot>(GraphSnapshot::load(s));
    return *graph;
  }

  PathFinder& path_finder() {
    const GraphSnapshot& g = snapshot();
    if (!finder) finder = std::make_unique<PathFinder>(g);
    return *finder;
  }

  // The data changed: what was derived from it is stale, and the next read takes a new view.
  void changed() {
    counter.reset();
    cited_documents.clear();
    finder.reset();
    graph.reset();
    reading.reset();
  }

  void forget() {
    changed();
    store.reset();
    writable = false;
  }

  // A vertex of the snapshot for a node the store resolved. The snapshot is read in the same
  // process after the store, so a node missing from it means the database changed underneath.
  VertexId vertex_of(const Node& node) {
    const std::optional<VertexId> v = snapshot().vertex(node.id);
    if (!v) {
      throw Error(ErrorCode::kStorage, "node " + node.id +
                                           " is in the database but not in its graph; the database "
                                           "changed while it was read, try again");
    }
    return *v;
  }

  // The node a user names, for a question of the graph: once the snapshot is loaded, an id it
  // holds is read from it (no SQL: a warm path command spent a tenth of its time looking its
  // two ends up in the tables); anything else is resolved by the store (names, aliases,
  // suggestions), before any graph load, so that a misspelt name fails fast. The snapshot was
  // read in the store's read transaction, so both give the same node.
  Node resolve_in_graph(std::string_view text) {
    const Store& s = read_store();
    if (graph) {
      if (const std::optional<VertexId> v = graph->vertex(text)) return node_ref(*v);
    }
    return s.resolve(text);
  }

  Node node_ref(VertexId v) {
    const GraphSnapshot& g = snapshot();
    Node n;
    n.id = g.node_id(v);
    n.type = g.node_type(v);
    n.name = g.node_name(v);
    return n;
  }

  const SourceCounter& sources() {
    const Store& s = read_store();
    if (!counter) counter = std::make_unique<SourceCounter>(s);
    return *counter;
  }

  // An edge as answers give it: with its evidence counted. Until something needs every
  // document's publisher (an evidence filter, conflicts), the cited documents are
  // looked up one by one and kept: a cold `path` reads its hops' few documents, not all of them.
  Edge counted(Edge edge) {
    edge.evidence = count(edge.sources);
    return edge;
  }

  SourceCount count(const std::vector<Citation>& citations) {
    if (counter) return counter->count(citations);
    return count_sources(citations, [&](std::string_view id) {
      auto at = cited_documents.find(id);
      if (at == cited_documents.end()) at = cited_documents.emplace(id, cited_document(id)).first;
      return at->second;
    });
  }

  // count() for a diagram to call back.
  SourceCounting counting() {
    return [this](const std::vector<Citation>& citations) { return count(citations); };
  }

  // What counting needs of one document, from the snapshot: its `publisher` prop and the first
  // node (by id) with a `published` edge to it, from its in-row, which lists sources in id order
  // (the store would scan every edge into the document for that). nullopt for a node that is no
  // Document.
  std::optional<DocumentRow> cited_document(std::string_view id) {
    const std::optional<VertexId> v = snapshot().vertex(id);
    if (!v) return std::nullopt;
    return cited_document(*v);
  }
  std::optional<DocumentRow> cited_document(VertexId v) {
    const GraphSnapshot& g = snapshot();
    const std::optional<std::string_view> publisher = g.publisher(v);
    if (!publisher) return std::nullopt;
    DocumentRow row;
    row.id = g.node_id(v);
    row.publisher = std::string(*publisher);
    const std::vector<std::string>& types = g.edge_types();
    const auto published = std::find(types.begin(), types.end(), "published");
    if (published != types.end()) {
      const Adjacency& a = g.adjacency();
      const auto type = static_cast<std::uint16_t>(published - types.begin());
      const std::span<const std::uint32_t> sources = a.in_sources(index_of(v));
      const std::span<const std::uint32_t> edges = a.in_edges(index_of(v));
      for (std::size_t k = 0; k < sources.size(); ++k) {
        if (a.attributes(edges[k]).type == type) {
          row.published_by = g.node_name(VertexId(sources[k]));
          break;
        }
      }
    }
    return row;
  }

  // Edge e of the snapshot with its citations, all from the snapshot (read in the same read
  // scope as the store) but the quotes, and the date and props when the edge's row holds more
  // than the snapshot tells. A warm `path` command thus reads one index page per hop for the
  // edge's citations, not the edge's row nor the cited documents' rows.
  Edge cited_edge(EdgeId e) {
    const GraphSnapshot& g = snapshot();
    const SnapshotEdge& se = g.edge(e);
    Edge edge;
    edge.type = g.edge_type_name(e);
    edge.from = g.node_id(se.from);
    edge.to = g.node_id(se.to);
    if (se.date) edge.date = date_text(*se.date);
    read_store().scan_edge_citations(se.store_id, [&](std::int64_t doc_key, std::string quote) {
      // A citation of a node that is not there (a row deleted with foreign keys off) is not
      // shown, as the store's joins leave it out of every other answer.
      const std::optional<VertexId> doc = g.vertex_of_key(doc_key);
      if (!doc) return;
      const std::string& id = g.node_id(*doc);
      edge.sources.push_back(Citation{id, std::move(quote)});
      if (!counter && !cited_documents.contains(id)) {
        cited_documents.emplace(id, cited_document(*doc));
      }
    });
    // The row is read when it holds more than the snapshot tells, and for an edge without
    // citations, where it is the only sign that the edge is still there: one deleted behind
    // ergraph's back, the data's version kept, is refused rather than shown.
    if ((se.more_in_store || edge.sources.empty()) &&
        !read_store().read_edge_details(se.store_id, edge)) {
      throw Error(ErrorCode::kStorage, "an edge of the graph (key " + std::to_string(se.store_id) +
                                           ") is missing from the database; it changed while it "
                                           "was read, try again");
    }
    return counted(std::move(edge));
  }

  TraversalFilter filter_of(const TraversalSpec& spec) {
    TraversalFilter f;
    f.directed = spec.directed;
    f.edge_types = spec.edge_types;
    f.skip_edge_types = spec.skip_edge_types;
    f.node_types = spec.node_types;
    f.window = spec.window;
    f.dated_only = spec.dated_only;
    f.max_hops = spec.max_hops;
    for (const std::string& name : spec.avoid) {
      f.avoid.push_back(vertex_of(resolve_in_graph(name)));
    }
    f.edge_mask = evidence_mask(spec.evidence);
    return f;
  }

  std::vector<std::uint8_t> evidence_mask(const EvidenceFilter& evidence) {
    if (!evidence.active()) return {};
    return sources().edge_mask(evidence, read_store(), snapshot());
  }

  // The one place a path search is set up: endpoints resolved, filter compiled, endpoints
  // checked against the avoided nodes, the search run and timed.
  struct Search {
    Node from, to;
    TraversalFilter filter;
    std::vector<Path> paths;
    std::int64_t micros = 0;
    std::size_t visited = 0;
  };

  Search search(const PathQuery& q) {
    Search s;
    s.from = resolve_in_graph(q.from);
    s.to = resolve_in_graph(q.to);
    s.filter = filter_of(q.filter);
    const VertexId from = vertex_of(s.from), to = vertex_of(s.to);
    for (VertexId avoided : s.filter.avoid) {
      if (avoided == from || avoided == to) {
        const std::string& id = snapshot().node_id(avoided);
        throw Error(ErrorCode::kUsage, "a node to avoid is an endpoint of the path: " + id)
            .about("avoid_endpoint", id);
      }
    }
    if (q.chronological && (q.k > 0 || q.all)) {
      throw Error(ErrorCode::kUsage,
                  "a chronological path is the one shortest; it cannot be "
                  "combined with k shortest or all shortest paths");
    }
    PathFinder& search_with = path_finder();
    const auto started = std::chrono::steady_clock::now();
    std::optional<std::size_t> labels_made;
    if (q.chronological) {
      labels_made = 0;
      if (std::optional<Path> p =
              chronological_path(snapshot(), from, to, s.filter, q.allow_undated, &*labels_made)) {
        s.paths.push_back(std::move(*p));
      }
    } else if (q.k > 0) {
      s.paths = search_with.k_shortest(from, to, s.filter, q.k, q.progress);
    } else if (q.all) {
      s.paths = search_with.all_shortest(from, to, s.filter, q.limit);
    } else if (std::optional<Path> p = search_with.shortest(from, to, s.filter)) {
      s.paths.push_back(std::move(*p));
    }
    s.micros = std::chrono::duration_cast<std::chrono::microseconds>(
                   std::chrono::steady_clock::now() - started)
                   .count();
    s.visited = labels_made ? *labels_made : search_with.last_visited();
    return s;
  }

  void check_node_type(const std::string& type) {
    const std::vector<std::string>& types = snapshot().node_types();
    if (std::find(types.begin(), types.end(), type) == types.end()) {
      throw Error(ErrorCode::kInvalidInput, unknown_name("node type", type, types))
          .about("node_type", type);
    }
  }
};

}  // namespace ergraph
