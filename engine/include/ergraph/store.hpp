// ergraph/store.hpp — the SQLite database file: the only module that speaks SQL.
//
// A database holds the schema it was created with, nodes, aliases, edges, citations and
// document texts (indexed with FTS5). Foreign keys are on, the journal is WAL, and
// PRAGMA user_version carries the file format version. README "Database tables" describes the
// tables for readers using plain sqlite3.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ergraph/model.hpp"
#include "ergraph/schema.hpp"

namespace ergraph {

// The file format this build writes and reads (PRAGMA user_version).
inline constexpr int kStoreFormatVersion = 1;

// Rows for building in-memory snapshots: the store's integer keys, not string ids.
struct NodeRow {
  std::int64_t key = 0;
  std::string id;
  std::string type;
  std::string name;
  // A Document's `publisher` prop as DocumentRow::publisher reads it ("" when it has none or
  // not as text); "" for any other node.
  std::string publisher;
};

struct EdgeRow {
  std::int64_t key = 0;
  std::int64_t from_key = 0;
  std::int64_t to_key = 0;
  std::string type;
  std::string date;
  bool props_empty = true;  // props is "{}"
};

enum class NameMatchKind { kExact, kPrefix, kContains, kSimilar };

// A Document and who published it, for counting independent sources (evidence.hpp).
struct DocumentRow {
  std::int64_t key = 0;
  std::string id;
  std::string name;
  std::string publisher;     // its `publisher` prop; "" when it has none (or not as text)
  std::string published_by;  // the name of the first node (by id) with a `published` edge to it
};

// A node found by name: which of its spellings matched, how, and how far off (edit distance
// between the folded forms; 0 for exact).
struct NameMatch {
  std::string id;
  std::string type;
  std::string name;
  std::string matched;
  NameMatchKind kind = NameMatchKind::kExact;
  std::size_t distance = 0;
};

// A document whose text matches a full-text query, with a snippet around the match.
struct TextHit {
  std::string doc;
  std::string doc_name;
  std::string snippet;
};

// An edge citing a quote that contains every searched word.
struct QuoteHit {
  Edge edge;  // its citations are the matching ones only
};

struct StoreStats {
  std::int64_t nodes = 0;
  std::int64_t edges = 0;
  std::int64_t documents = 0;
  std::int64_t citations = 0;
  std::int64_t aliases = 0;
  std::map<std::string, std::int64_t> nodes_by_type;
  std::map<std::string, std::int64_t> edges_by_type;
};

// How long one step of an import took (`import --timings`).
struct StepTime {
  std::string step;
  double seconds = 0;
};

// Records the steps of a piece of work as each ends: lap(step) appends the time since the last
// lap (or since the clock was made).
class StepClock {
 public:
  explicit StepClock(std::vector<StepTime>& steps)
      : steps_(steps), last_(std::chrono::steady_clock::now()) {}
  void lap(std::string step) {
    const auto now = std::chrono::steady_clock::now();
    steps_.push_back({std::move(step), std::chrono::duration<double>(now - last_).count()});
    last_ = now;
  }

 private:
  std::vector<StepTime>& steps_;
  std::chrono::steady_clock::time_point last_;
};

// What a write changed, for the import summary, and how long its steps took.
struct WriteCounts {
  std::int64_t nodes_added = 0;
  std::int64_t nodes_updated = 0;
  std::int64_t edges_added = 0;
  std::int64_t citations_added = 0;
  std::int64_t judgements_added = 0;
  std::vector<StepTime> steps;
};

// What a merge changes (or would, on a dry run).
struct MergeReport {
  Node keep, drop;                          // as they were, with aliases and props
  std::vector<std::string> aliases_added;   // to KEEP: DROP's name and aliases it lacked
  std::vector<std::string> props_added;     // keys KEEP gained from DROP
  std::vector<std::string> prop_conflicts;  // "key: KEEP's value kept, DROP's value" (in undo)
  std::size_t edges_moved = 0;              // DROP's edges now KEEP's
  std::size_t edges_joined = 0;             // ... that matched one KEEP had: citations merged
  std::size_t citations_added = 0;          // to those matched edges
  std::vector<Edge> edges_removed;          // between KEEP and DROP: a self-loop, dropped
  std::size_t citations_repointed = 0;      // DROP a Document: its citations now cite KEEP
  std::int64_t judgement = 0;               // the number it got (0 on a dry run)
};

class Store {
 public:
  // Creates a new database at `path` holding `schema`. Error(kInvalidInput) if a file exists
  // there already; Error(kStorage) if SQLite fails.
  static Store create(const std::string& path, const Schema& schema);
  // Opens an existing database. Error(kNotFound) when there is no file, Error(kStorage) when it
  // is not an ergraph database or has a format version this build does not know.
  static Store open(const std::string& path, bool read_only = false);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const std::string& path() const;
  const Schema& schema() const;

  // The type of the node with this id; nullopt when absent. Cheap: for one call per record.
  std::optional<std::string> node_type(std::string_view id) const;
  // Looks a node up by its id; nullopt when absent. The node's text is not loaded.
  std::optional<Node> find_node(std::string_view id) const;
  // The nodes whose name or an alias has the same name_key as `name` (case, accents,
  // punctuation and spacing ignored), in id order; empty when none does.
  std::vector<Node> find_by_name(std::string_view name) const;
  // Names and aliases matching `text`, best first: exact (folded) matches, then prefixes, then
  // substrings, then close spellings; ties by id. At most `limit`.
  std::vector<NameMatch> search_names(std::string_view text, std::size_t limit) const;

  // The node a user means by `text`: a node id, else the one node whose name or alias matches.
  // Error(kInvalidInput) listing the candidates when several match; Error(kNotFound) naming the
  // closest names when none does.
  Node resolve(std::string_view text) const;

  // Documents whose text holds all of `words` (FTS5, each word as a literal term), best first,
  // and the edges whose quotes hold them all.
  std::vector<TextHit> search_text(std::string_view words, std::size_t limit) const;
  std::vector<QuoteHit> search_quotes(std::string_view words, std::size_t limit) const;

  // Up to 2 * `count` stored node ids next to `id` in sorted order: cheap candidates for a
  // "did you mean" when `id` is not found (a misspelt id usually sorts beside the right one).
  std::vector<std::string> ids_near(std::string_view id, int count = 5) const;
  // A Document's stored text; nullopt when the node has none.
  std::optional<std::string> document_text(std::string_view doc_id) const;
  // Every citation (with its edge) that cites `doc_id`.
  std::vector<Citation> citations_of(std::string_view doc_id) const;

  // Writes nodes then edges in one transaction: either everything lands or nothing does.
  // Nodes are upserted (type must match; name and text replaced, aliases added, props merged
  // key by key); an edge with the same (from, type, to, date) as a stored one is the same edge
  // and gains only the citations it lacks. The caller has validated the data.
  // `progress`, when given, is called now and then with (records written, records in all).
  // Judgements read from a file are added last, each unless the same one is stored.
  WriteCounts write(const std::vector<Node>& nodes, const std::vector<Edge>& edges,
                    const std::function<void(std::size_t, std::size_t)>& progress = {},
                    const std::vector<Judgement>& judgements = {});
  // One write fed record by record inside its transaction (write_streamed): what an import
  // that does not hold its edges writes through.
  class WriteSession {
   public:
    virtual ~WriteSession() = default;
    // True when the tables were empty (the first import): nothing written can match a stored
    // row, and the documents' texts are written by end_nodes (the full-text index is built
    // once at the end), so the caller need not keep them after it.
    virtual bool bulk() const = 0;
    // Every node before the first edge. A node's text is written from `node` by end_nodes (a
    // bulk write) or at the end: it must outlive that.
    virtual void write_node(const Node& node) = 0;
    // After the last node, before the first edge.
    virtual void end_nodes() = 0;
    // An edge whose nodes are written or stored. `duplicate`: an earlier edge of this write has
    // its (from, type, to, date); it gains this one's citations and props (merged key by key).
    // `from_node`, `to_node`: which write_node call of this session (counted from 0) wrote the
    // edge's ends, when the caller knows (it saves looking their ids up), else kNotWritten.
    static constexpr std::uint32_t kNotWritten = 0xffffffff;
    virtual void write_edge(const Edge& edge, bool duplicate, std::uint32_t from_node = kNotWritten,
                            std::uint32_t to_node = kNotWritten) = 0;
    virtual void write_judgement(const Judgement& judgement) = 0;
    // Ends a step of the write's timings (WriteCounts::steps) here.
    virtual void lap(std::string step) = 0;
  };
  // Takes the database's write lock, opens the write transaction and calls `feed`, which writes
  // through the session: what `feed` reads of the stored data (an import's validation) is
  // exactly what the write lands on — another process cannot commit in between. When `feed`
  // throws, nothing is written; else its writes are committed, all at once. Waits for another
  // process's write to finish (Error(kStorage, topic "database_busy") after minutes). `total`:
  // about how many records `feed` will write, for `progress`.
  WriteCounts write_streamed(const std::function<void(WriteSession& session)>& feed,
                             std::size_t total,
                             const std::function<void(std::size_t, std::size_t)>& progress = {});

  StoreStats stats() const;

  // One consistent view of the database while it lives: every read through this store sees the
  // same committed state, whatever other processes commit meanwhile (a snapshot built from two
  // scans, an export's nodes and edges, a command's answer and its citations). When a
  // transaction is already open it joins it. No write may run through the store meanwhile.
  class ReadScope {
   public:
    explicit ReadScope(const Store& store);
    ReadScope(const ReadScope&) = delete;
    ReadScope& operator=(const ReadScope&) = delete;
    ~ReadScope();

   private:
    const Store& store_;
    bool began_ = false;
  };

  // One pass over every node (in id order) and every edge (in key order), for snapshots.
  void scan_nodes(const std::function<void(const NodeRow&)>& fn) const;
  void scan_edges(const std::function<void(const EdgeRow&)>& fn) const;

  // Derived data kept beside the tables (the graph snapshot's image), stamped with the data's
  // version when it was made, so it is used only while the tables are as they were. The version
  // changes with every write() (and when rows are added or removed by other tools, through the
  // highest node and edge keys).
  std::string data_version() const;

  // A cache file: derived data too large to copy in on every start, kept in a file beside the
  // database (cache_file_path) and mapped read-only, so that a process reads its pages where
  // they lie in the OS's file cache, without a copy. Its row in `caches` holds the
  // version it was made for and a stamp of the writer's choosing (a checksum of the bytes):
  // a file that does not belong to this database, or was damaged, is told by its stamp.
  struct CacheFile {
    std::shared_ptr<const void> mapping;  // keeps `bytes` mapped, also after the Store closes
    std::span<const std::byte> bytes;
    std::string stamp;  // as recorded in the database, to be checked against `bytes`
  };
  using Append = std::function<void(const void*, std::size_t)>;
  // The file for `name`: the database's path, "-" and `name`.
  std::string cache_file_path(std::string_view name) const;
  // The file for `name` when the database records one for `version` and it can be mapped;
  // nullopt otherwise (no row, no file, an empty file, an in-memory database). Error(kStorage)
  // if the database fails.
  std::optional<CacheFile> map_cache_file(std::string_view name, const std::string& version) const;
  // Writes the file for `name` through `write(append)`, which returns the stamp to record (at
  // most 64 bytes), and records it for `version`. The file is written under a temporary name,
  // then renamed over the old one inside a write transaction that updates the row: a process
  // that has the old file mapped keeps reading it, and a process that dies half way leaves the
  // old file and row as they were. Error(kStorage) if the file or the database cannot be
  // written (the temporary file is then removed).
  void write_cache_file(std::string_view name, const std::string& version,
                        const std::function<std::string(const Append& append)>& write);

  // The edge with this store key, with its citations; nullopt when there is none.
  std::optional<Edge> edge_by_key(std::int64_t key) const;
  // Its parts for a caller that holds a snapshot read in the same read scope, which knows the
  // edge's type and ends and every node's id: the date and props into `edge` (false when there
  // is no such edge), and each citation as its document's key and its quote, in the order they
  // were added.
  bool read_edge_details(std::int64_t key, Edge& edge) const;
  void scan_edge_citations(
      std::int64_t key,
      const std::function<void(std::int64_t doc_key, std::string quote)>& fn) const;
  // Every edge from or to `node_id`, with citations, ordered by (type, from, to, date).
  std::vector<Edge> edges_touching(std::string_view node_id) const;

  // Every node in id order, with aliases (sorted) and, for documents, text.
  void for_each_node(const std::function<void(const Node&)>& fn) const;
  // Every node's id, type, name and aliases, in storage order, without document texts; `props`
  // holds only an Event's "date" (as {"date": ...}) — what extraction finds names by.
  // `fn` may move the node's strings out.
  void for_each_name(const std::function<void(Node&)>& fn) const;
  // Every edge ordered by (from, type, to, date), citations in the order they were added.
  void for_each_edge(const std::function<void(const Edge&)>& fn) const;

  // Merges node `drop_id` into `keep_id` in one transaction (README "Same actor, two names"):
  // DROP's edges and citations move to KEEP (an edge that becomes one KEEP has merges its
  // citations; one between the two would become a self-loop and is removed), DROP's name and
  // aliases become KEEP's aliases, props merge key by key (KEEP's value wins a conflict), a
  // Document's citations then cite KEEP, and DROP is deleted. Recorded as a judgement holding
  // everything unmerge needs. `dry_run` rolls it all back and reports. Error(kNotFound) for a
  // missing node (saying so when it was merged away); Error(kInvalidInput) for one node twice,
  // different types, or a Document whose quotes KEEP's text does not hold.
  MergeReport merge(const std::string& keep_id, const std::string& drop_id, const std::string& why,
                    const std::string& at, bool dry_run);
  // Undoes the merge in force that removed `drop_id`: DROP comes back with exactly its own
  // edges, citations, aliases and props, and KEEP loses what the merge gave it. The judgement
  // stays, marked undone at `at`. Error(kNotFound) when no merge in force removed it;
  // Error(kInvalidInput) when KEEP was merged away since (unmerge that first) or DROP's id is in
  // use again.
  Judgement unmerge(const std::string& drop_id, const std::string& at);
  // Records that two stored nodes are different actors. Error(kNotFound) for a missing node,
  // Error(kInvalidInput) for one node twice.
  Judgement record_distinct(const std::string& a, const std::string& b, const std::string& why,
                            const std::string& at);
  // Judgements in the order made; undone merges only with `with_undone`.
  std::vector<Judgement> judgements(bool with_undone = false) const;
  // The node `id` was merged into, following merges in force to the last; nullopt when none.
  std::optional<std::string> merged_into(std::string_view id) const;
  // The ids merged (in force) into `id` directly, in the order merged.
  std::vector<std::string> merged_ids(std::string_view id) const;

  // Every Document node in id order, with its publisher as the data states it.
  std::vector<DocumentRow> documents() const;
  // Every citation as (edge key, document key), in edge key order: one pass, no strings.
  void scan_citations(const std::function<void(std::int64_t, std::int64_t)>& fn) const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ergraph
