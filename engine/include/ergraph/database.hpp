// ergraph/database.hpp — the engine's facade: one database file, asked in engine terms.
//
// A Database owns the store (the SQLite file) and the graph snapshot built from it, and answers
// every question a front end asks — resolve a name, find paths, neighbours, rankings,
// components, a subgraph to draw or export — with nodes and cited edges, never store keys or
// snapshot vertices. The CLI's commands are: parse options, one call here, format the answer;
// `batch` keeps one Database open for all its commands. The coming query language, extractor
// and HTML view call this too.
//
// Opening is lazy: the file is opened read-only on the first question and reopened for writing
// by the first call that writes; the snapshot is built on the first graph question and again
// only after a write. Errors are ergraph::Error in engine terms; where a front end may want to
// add its own advice (which flag to use), the error carries a topic (Error::topic()).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ergraph/conflicts.hpp"
#include "ergraph/cypher.hpp"
#include "ergraph/evidence.hpp"
#include "ergraph/extract.hpp"
#include "ergraph/graph.hpp"
#include "ergraph/import.hpp"
#include "ergraph/model.hpp"
#include "ergraph/query.hpp"
#include "ergraph/render.hpp"
#include "ergraph/schema.hpp"
#include "ergraph/store.hpp"
#include "ergraph/xref.hpp"

namespace ergraph {

// Which edges and nodes a traversal may use, named as a user names them. Type names are checked
// against the database (Error(kInvalidInput) with a suggestion); `avoid` names are resolved like
// Database::resolve.
struct TraversalSpec {
  bool directed = false;                     // follow edges from -> to only
  std::vector<std::string> edge_types;       // only these (empty: all)
  std::vector<std::string> skip_edge_types;  // never these
  std::vector<std::string> node_types;       // nodes passed through must be of these (empty: all)
  std::vector<std::string> avoid;            // node ids, names or aliases never passed through
  std::optional<DateRange> window;           // dated edges must overlap this range
  bool dated_only = false;                   // drop undated edges
  int max_hops = -1;                         // longest path; -1: none
  // Edges whose evidence does not pass are not used (evidence.hpp). Error(kNotFound, topic
  // "source") for a source that names no document or publisher.
  EvidenceFilter evidence;
};

struct PathQuery {
  std::string from, to;  // node ids, names or aliases
  TraversalSpec filter;
  std::size_t k = 0;  // > 0: the k shortest simple paths
  bool all = false;   // every shortest path, at most `limit`
  std::size_t limit = 100;
  // The shortest time-respecting path instead (chronological_path, query.hpp): hop dates never
  // go backwards; undated hops only with allow_undated. Not with k or all.
  bool chronological = false;
  bool allow_undated = false;
  // With k: called with (paths found, k) as the search goes, for progress on a large k.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct PathAnswer {
  Node from, to;                 // as resolved (no aliases, props or text)
  std::vector<CitedPath> paths;  // shortest first; empty when none passes the filter
  bool filter_narrows = false;   // the filter left something out (for "the filters may be why")
  bool chronological = false;    // the paths are time-respecting
  int max_hops = -1;
  std::int64_t search_micros = 0;  // the search alone, without resolving names or citations
  std::size_t visited = 0;         // vertices the search touched

  // Error(kNotFound) "no [time-respecting ]path between A and B[ within N hops][ (the filters
  // given may be why)]"
  // when `paths` is empty; nothing otherwise.
  void require_path() const;
};

struct NeighborQuery {
  std::string node;  // id, name or alias
  int depth = 1;
  TraversalSpec filter;         // max_hops is ignored
  bool with_citations = false;  // read each hop's stored edge and citations (ReachedNode::edge)
};

// A node reached from the start, and the hop that first reached it.
// Its strings are views into the graph the Database holds (a neighbourhood of a hub is
// thousands of nodes, and copying them doubled the command's time): valid until the next write
// through the same Database.
struct ReachedNode {
  std::string_view id, type, name;
  int hops = 0;
  std::size_t parent = 0;      // the position of the node it was reached from (the start: 0)
  std::string_view edge_type;  // of the hop that reached it; "" for the start
  bool along = true;           // that hop walked its edge from `from` to `to`
  // with_citations: the hop's stored edge with its citations. Behind a pointer: an Edge inline
  // made each of a hub's 100,000s of reached nodes three times the size.
  std::unique_ptr<Edge> edge;
};

struct RankQuery {
  RankOptions options;
  EvidenceFilter evidence;  // count only edges whose evidence passes
  std::string node_type;    // list only nodes of this type ("": all); Error topic "node_type"
  std::size_t top = 20;
};

struct RankedNode {
  Node node;  // id, type and name
  double score = 0;
};

struct ComponentSummary {
  std::size_t size = 0;
  std::vector<Node> members;  // the first members in id order (id, type and name), at most asked
};

struct ComponentsAnswer {
  std::size_t count = 0;                  // components in the whole graph
  std::vector<ComponentSummary> largest;  // largest first, at most asked
};

// What to draw or export: the whole graph, an ego network, or paths with their context.
struct SubgraphQuery {
  std::string focus;  // an ego network around this node ...
  int depth = 1;
  std::optional<PathQuery> path;        // ... or the paths of this query (its filter is ignored)
  int context = 0;                      // with path: also the nodes within this many hops of it
  std::vector<std::string> node_types;  // only nodes of these types (empty: all)
  TraversalSpec filter;
  // ... or the nodes and relationships a query returns (cypher.hpp), paths highlighted.
  std::optional<std::string> query;
  QueryOptions query_options;
};

// A selected part of the graph, for Database::render and Database::write_graph. Opaque: it
// refers to the snapshot it was selected from and is valid until the next write.
class Subgraph {
 public:
  // A caption saying what was selected ("X and the nodes within 2 hops", "How X connects to Y";
  // "" for the whole graph).
  const std::string& title() const { return title_; }
  std::size_t node_count() const { return selection_.nodes.size(); }
  std::size_t edge_count() const { return selection_.edges.size(); }

 private:
  friend class Database;
  Selection selection_;
  std::string title_;
};

enum class GraphFileFormat { kGraphml, kNodeLinkJson };

// What an import did, and whether the graph image for the next process was saved.
struct ImportResult {
  ImportSummary summary;
  enum class Image { kNotNeeded, kSaved, kFailed } image = Image::kNotNeeded;
  std::string image_error;  // with kFailed
};

struct NodeDetail {
  Node node;                        // with aliases and props
  std::vector<std::string> merged;  // ids merged into it (merges in force), in merge order
  std::vector<Edge> edges;          // from or to it, with citations, by (type, from, to, date)
  std::optional<std::string> text;  // a document's text
};

// A node's dated edges in date order (earliest first day, then the shorter range, then type,
// from, to), each with its citations and evidence counts.
struct TimelineQuery {
  std::string node;                     // id, name or alias
  std::optional<DateRange> window;      // only edges overlapping this range
  std::vector<std::string> edge_types;  // only these (empty: all); Error for an unknown one
};

struct Timeline {
  Node node;
  std::vector<Edge> edges;
  std::size_t undated = 0;  // the node's edges left out for having no date
};

struct MemoryStats {
  std::size_t vertices = 0;
  std::size_t edges = 0;
  std::size_t graph_bytes = 0;   // adjacency and edge attributes
  std::size_t string_bytes = 0;  // node id and name strings
};

class Database {
 public:
  // The database at `path`; nothing is opened until the first question.
  explicit Database(std::string path);
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  // Creates a new database file holding `schema`. Error(kInvalidInput, topic "database_exists")
  // if a file is there already.
  static void create(const std::string& path, const Schema& schema);

  // Checks `files` as import would, writing nothing: against `schema` when given, else against
  // the database at `db_path` when it exists (edges may then name stored nodes), else against
  // the built-in schema. Throws ValidationError listing every problem. `checked_against`
  // receives the database path or "schema NAME".
  static CheckedInput validate_files(const std::string& db_path,
                                     const std::vector<std::string>& files, DataFormat format,
                                     const std::optional<Schema>& schema,
                                     std::string& checked_against, const ReadOptions& options = {});

  const std::string& path() const;
  // Forgets everything open (before the file is replaced or removed).
  void close();

  const Schema& schema();
  StoreStats stats();
  MemoryStats memory();

  // The node a user means by `text`: an id, else the one node whose name or alias matches.
  // Error(kInvalidInput) listing candidates when several match, Error(kNotFound) when none does.
  Node resolve(const std::string& text);
  // The node with this id (no text), or nullopt.
  std::optional<Node> find_node(const std::string& id);
  // The name of the node with this id, or nullopt: from the graph when a question has loaded it
  // (a batch's path commands name each citation's document), else from the store.
  std::optional<std::string> node_name(const std::string& id);
  NodeDetail describe(const std::string& text);
  std::vector<NameMatch> search_names(const std::string& text, std::size_t limit);
  std::vector<TextHit> search_text(const std::string& words, std::size_t limit);
  std::vector<QuoteHit> search_quotes(const std::string& words, std::size_t limit);

  // Paths between two nodes, their hops with citations. Error(kUsage, topic "avoid_endpoint",
  // subject the node id) when the filter avoids an endpoint.
  PathAnswer find_paths(const PathQuery& query);
  // Breadth-first from a node: the start first, then by hop count.
  std::vector<ReachedNode> neighbors(const NeighborQuery& query);
  // How many nodes neighbors(query) would list at each hop count ([0] is the start), without
  // listing them: a hub's neighbourhood counted in the time of the search alone.
  std::vector<std::size_t> count_neighbors(const NeighborQuery& query);
  std::vector<RankedNode> rank(const RankQuery& query);
  ComponentsAnswer components(std::size_t top, std::size_t members_each);
  // The nodes of one type, in id order (id, type and name). Error(kInvalidInput, topic
  // "node_type") for an unknown type.
  std::vector<Node> nodes_of_type(const std::string& type);

  // A node's dated edges in time order.
  Timeline timeline(const TimelineQuery& query);
  // Where the sources disagree (conflicts.hpp): about the node `node` names, or everywhere
  // when it is "".
  std::vector<Conflict> conflicts(const std::string& node);
  // Draws conflict `conflict` of conflicts(node) (numbered from 1) with its sides side by side:
  // each side's claim with the documents stating it. Error(kNotFound) past the last.
  std::string render_conflict(const std::string& node, std::size_t number, DiagramFormat format,
                              const DiagramOptions& options);

  // Runs a query in the language of cypher.hpp on the snapshot. Error(kInvalidInput) with the
  // place in the query text for a bad query.
  QueryResult query(std::string_view text, const QueryOptions& options);

  // Error(kNotFound) when a path query finds no path.
  Subgraph select(const SubgraphQuery& query);
  std::string render(const Subgraph& subgraph, DiagramFormat format, const DiagramOptions& options);
  // The subgraph as one self-contained HTML page to explore it (render.hpp, render_view).
  std::string render_view(const Subgraph& subgraph, const DiagramOptions& options);
  std::string write_graph(const Subgraph& subgraph, GraphFileFormat format);
  // The whole database as JSON Lines, or as nodes.csv and edges.csv in `dir`.
  void write_jsonl(std::ostream& out);
  void write_csv(const std::string& dir);

  // Proposes nodes and edges from news reports (extract.hpp), reusing this database's nodes and
  // its schema's `extract:` patterns; without a database file, with the built-in schema and no
  // known nodes (`used_database` says which).
  Extraction extract(const std::vector<ReportInput>& reports, const ExtractOptions& options,
                     bool& used_database);

  // Same actor, two nodes (README "Same actor, two names"). Nodes are named by id, name or
  // alias (resolve); unmerge's DROP, being gone, by its id. Judgements are stamped with the time
  // in UTC, from SOURCE_DATE_EPOCH when it is set (reproducible output), else the clock.
  // Store::merge, Store::unmerge and Store::record_distinct say what each does and refuses.
  // Each leaves the graph image out of date: save_stale_image() saves a new one.
  MergeReport merge(const std::string& keep, const std::string& drop, const std::string& why,
                    bool dry_run);
  Judgement unmerge(const std::string& drop_id);
  Judgement distinct(const std::string& a, const std::string& b, const std::string& why);
  std::vector<Judgement> judgements(bool with_undone);
  // Likely duplicates (xref.hpp). Error(kInvalidInput, topic "node_type") for an unknown type.
  XrefAnswer xref(const XrefOptions& options);

  // Imports `files` all or nothing (import.hpp), then saves the graph image for the next process.
  ImportResult import_files(const std::vector<std::string>& files, DataFormat format,
                            const std::function<void(std::size_t, std::size_t)>& progress = {},
                            const ReadOptions& options = {});
  // Saves the graph image when a merge, unmerge or distinct of this object left it out of date
  // (import saves its own): once after all of a batch's commands, not after each, since on a
  // large graph the rebuild takes seconds. "" when saved or nothing was to be saved, else why it
  // could not be (the image is only a shortcut: the data is whole either way).
  std::string save_stale_image();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ergraph
