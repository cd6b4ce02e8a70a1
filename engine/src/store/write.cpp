// Store: the import's write — nodes, their aliases and name keys, document texts, edges and
// their citations — in one transaction.
#include "ergraph/store.hpp"

#include <unordered_map>

#include "ergraph/text.hpp"
#include "store_impl.hpp"

namespace ergraph {
namespace {

using Progress = std::function<void(std::size_t, std::size_t)>;

// Keeps the full-text index in step with the documents table (store.cpp's DDL).
constexpr const char* kFtsInsertTrigger = "documents_fts_insert";

// Foreign key checks off for the write, on again however it ends. The caller validated every
// reference (import's Validator), and the keys come from the rows just looked up or inserted:
// the per-row foreign key lookups would only repeat that. (The pragma cannot change inside a
// transaction, so this goes around it.)
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(sql::Database& db) : db_(db) {
    db_.exec("PRAGMA foreign_keys = OFF", "cannot pause foreign key checks");
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
  ~ForeignKeysOff() {
    sqlite3_exec(db_.get(), "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
  }

 private:
  sql::Database& db_;
};

bool tables_empty(sql::Database& db) {
  sql::Statement q(db, "SELECT EXISTS (SELECT 1 FROM nodes) OR EXISTS (SELECT 1 FROM edges)");
  return q.step() && q.int64(0) == 0;
}

// A first write into an empty database writes its pages once, into the database file under a
// rollback journal, instead of twice: into the WAL, then copied into the file by the
// checkpoint (L's commit step: 17.1 s of a 127 s import through the WAL, 1.3 s this way). The
// journal keeps the write all or nothing: a killed import leaves it hot, and the next connection
// rolls the file back to its empty tables. Readers of the empty database wait for the commit
// instead of reading nothing (sql::Database::wait_for_locks). Leaving WAL needs the file to
// itself: while another connection has it open, the write goes through the WAL as any other.
class InPlaceFirstWrite {
 public:
  explicit InPlaceFirstWrite(sql::Database& db) : db_(db) {
    if (!tables_empty(db_)) return;
    db_.wait_for_locks(0);
    active_ = db_.journal_mode("DELETE") == "delete";
    db_.wait_for_locks(sql::kBusyMillis);
  }
  InPlaceFirstWrite(const InPlaceFirstWrite&) = delete;
  InPlaceFirstWrite& operator=(const InPlaceFirstWrite&) = delete;
  ~InPlaceFirstWrite() { restore(); }

  // Back to WAL, once the write committed or rolled back. Never throws: a database left in
  // rollback mode (a reader holding it past the wait) goes back to WAL when the next writer
  // opens it (configure_connection).
  void restore() {
    if (active_) db_.journal_mode("WAL");
    active_ = false;
  }

 private:
  sql::Database& db_;
  bool active_ = false;
};

// One write, step by step: its statements (prepared once), the keys of the nodes met so far, the
// texts to write last, and what it changed.
class Writer {
 public:
  Writer(sql::Database& db, std::size_t total, const Progress& progress)
      : db_(db), total_(total), progress_(progress) {}

  // Looks at what the tables hold; call inside the transaction, before the first write.
  void start() {
    // Into empty tables (the first, bulk import) nothing can match: skip the lookups, and build
    // the secondary indexes once at the end instead of row by row. (DDL is part of the
    // transaction: a failed or killed write leaves them as they were.)
    had_nodes_ = any_row("SELECT EXISTS (SELECT 1 FROM nodes)");
    had_edges_ = any_row("SELECT EXISTS (SELECT 1 FROM edges)");
    bulk_ = !had_nodes_ && !had_edges_;
    if (bulk_) {
      for (const store::SecondaryIndex& index : store::kSecondaryIndexes) {
        db_.exec(("DROP INDEX IF EXISTS " + std::string(index.name)).c_str(),
                 "cannot prepare the write");
      }
      // Texts go in after the last node (end_nodes), and the full-text index is built from
      // them once at the end: the import need not hold them until then (on L, 0.5 GB).
      sql::Statement trigger(db_,
                             "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1");
      trigger.bind(kFtsInsertTrigger);
      if (trigger.step()) {
        fts_insert_trigger_ = trigger.text(0);
        db_.exec((std::string("DROP TRIGGER ") + kFtsInsertTrigger).c_str(),
                 "cannot prepare the write");
      }
    }
  }

  bool bulk() const { return bulk_; }

  // Upserts a node with its aliases and name keys, and queues its text.
  void write_node(const Node& node) {
    NodeWrite w = upsert_node(node);
    nid_by_write_.push_back(w.nid);
    w.changed = add_aliases(w.nid, node.aliases) || w.changed;
    if (w.is_new) {
      add_name_keys(w.nid, node);
    } else if (w.changed) {
      refresh_name_keys(w.nid, node.name);
    }
    if (node.text && queue_text(w.nid, *node.text, w.is_new)) w.changed = true;
    if (w.is_new) {
      ++counts_.nodes_added;
    } else if (w.changed) {
      ++counts_.nodes_updated;
    }
    report();
  }

  // After the last node. Into empty tables the queued texts are written now, the documents'
  // rows together in the file after the nodes' (written with each node, they interleaved, and
  // reading node rows later touched more pages); the full-text index is built at the end.
  // Elsewhere texts wait for the end: once the full-text index is written in a transaction,
  // every later statement pays for a savepoint on it.
  void end_nodes() {
    if (!bulk_) return;
    for (const auto& [nid, text] : texts_) upsert_text_.bind(nid, *text).run();
    texts_written_ += texts_.size();
    std::vector<std::pair<std::int64_t, const std::string*>>().swap(texts_);
  }

  // Upserts an edge and adds the citations it lacks. Its nodes are written or stored already.
  // `duplicate`: an edge written before has its key.
  void write_edge(const Edge& edge, bool duplicate, std::uint32_t from_node,
                  std::uint32_t to_node) {
    const std::int64_t eid =
        upsert_edge(edge, duplicate, nid_of(edge.from, from_node), nid_of(edge.to, to_node));
    add_citations(eid, edge.sources);
    report();
  }

  // Records a new data version when anything changed, then writes the queued texts.
  void finish(bool judged, StepClock& clock) {
    // A new data version: derived caches made before this write no longer apply. (A write that
    // changed nothing leaves the file as it was.)
    const bool changed_any = counts_.nodes_added + counts_.nodes_updated + counts_.edges_added +
                                     counts_.citations_added >
                                 0 ||
                             edge_props_changed_ || judged;
    if (bulk_) {
      for (const store::SecondaryIndex& index : store::kSecondaryIndexes) {
        db_.exec(index.create, "cannot index the written rows");
      }
      clock.lap("build the indexes");
    }
    if (changed_any)
      db_.exec(
          "INSERT INTO meta(key, value) VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE "
          "SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
          "cannot record the write");
    // Texts last: once the full-text index (a virtual table) has been written in a transaction,
    // every later statement pays for a savepoint on it. Into an empty index, FTS5's merges of
    // its segments while the rows go in are wasted work: merge once at the end instead (on M,
    // 2.8 s to 2.5 s, and the index is left as one segment, the fastest to search).
    end_nodes();  // a bulk write's texts, if its feed did not say the nodes had ended
    for (const auto& [nid, text] : texts_) upsert_text_.bind(nid, *text).run();
    if (!texts_.empty()) clock.lap("write texts and their full-text index");
    if (bulk_ && texts_written_ > 0) {
      // Few merges until 'optimize' merges every segment once: a crisis merge, when 16
      // segments pile up on a level, is work the final merge does again. At 256 (on M, 1.11 s
      // to 0.97 s), the segments stay far below FTS5's limit of 2000 in one index.
      set_fts_option("automerge", 0);
      set_fts_option("crisismerge", 256);
      db_.exec("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
               "cannot build the full-text index");
      db_.exec("INSERT INTO documents_fts(documents_fts) VALUES ('optimize')",
               "cannot merge the full-text index");
      set_fts_option("automerge", 4);  // FTS5's defaults, for the imports that follow
      set_fts_option("crisismerge", 16);
    }
    if (!fts_insert_trigger_.empty()) {
      db_.exec(fts_insert_trigger_.c_str(), "cannot build the full-text index");
    }
    if (bulk_ && texts_written_ > 0) clock.lap("build the full-text index");
  }

  const WriteCounts& counts() const { return counts_; }

 private:
  struct NodeWrite {
    std::int64_t nid = 0;
    bool is_new = false;
    bool changed = false;
  };

  void set_fts_option(const std::string& option, int value) {
    const std::string sql = "INSERT INTO documents_fts(documents_fts, rank) VALUES ('" + option +
                            "', " + std::to_string(value) + ")";
    db_.exec(sql.c_str(), "cannot configure the full-text index");
  }

  bool any_row(const char* query) {
    sql::Statement q(db_, query);
    return q.step() && q.int64(0) != 0;
  }

  // Inserts the node, or updates the stored one's name and props (merged key by key).
  NodeWrite upsert_node(const Node& node) {
    NodeWrite w;
    if (had_nodes_ && find_node_.bind(node.id).step()) {
      w.nid = find_node_.int64(0);
      const std::string props = merge_props(find_node_.text(3), node.props);
      if (find_node_.text(2) != node.name || props != find_node_.text(3)) {
        update_node_.bind(w.nid, node.name, props).run();
        w.changed = true;
      }
    } else {
      insert_node_.bind(node.id, node.type, node.name, node.props).run();
      w.nid = sqlite3_last_insert_rowid(db_.get());
      w.is_new = true;
    }
    return w;
  }

  // Adds the aliases the node lacks; returns whether there were any.
  bool add_aliases(std::int64_t nid, const std::vector<std::string>& aliases) {
    bool added = false;
    for (const std::string& alias : aliases) {
      insert_alias_.bind(nid, alias).run();
      added = added || sqlite3_changes(db_.get()) > 0;
    }
    return added;
  }

  // The keys a name lookup uses for a new node: its name and aliases, all it has.
  void add_name_keys(std::int64_t nid, const Node& node) {
    insert_key_.bind(name_key(node.name), nid).run();
    for (const std::string& alias : node.aliases) insert_key_.bind(name_key(alias), nid).run();
  }

  // The same for a stored node that changed: its name and every alias, stored or new.
  void refresh_name_keys(std::int64_t nid, const std::string& name) {
    delete_keys_.bind(nid).run();
    insert_key_.bind(name_key(name), nid).run();
    stored_aliases_.bind(nid);
    while (stored_aliases_.step()) insert_key_.bind(name_key(stored_aliases_.text(0)), nid).run();
  }

  // Queues `text` to be written at the end (into empty tables, after the last node) unless it
  // is the stored one; returns whether queued.
  bool queue_text(std::int64_t nid, const std::string& text, bool is_new) {
    const bool same =
        !bulk_ && !is_new && find_text_.bind(nid).step() && find_text_.text(0) == text;
    if (same) return false;
    texts_.emplace_back(nid, &text);
    return true;
  }

  // Inserts the edge, or merges its props into the stored one's; returns its key.
  std::int64_t upsert_edge(const Edge& edge, bool duplicate, std::int64_t src, std::int64_t dst) {
    if ((had_edges_ || duplicate) && find_edge_.bind(src, edge.type, dst, edge.date).step()) {
      const std::int64_t eid = find_edge_.int64(0);
      const std::string props = merge_props(find_edge_.text(1), edge.props);
      if (props != find_edge_.text(1)) {
        update_edge_.bind(eid, props).run();
        edge_props_changed_ = true;
      }
      return eid;
    }
    insert_edge_.bind(edge.type, src, dst, edge.date, edge.props).run();
    const std::int64_t eid = sqlite3_last_insert_rowid(db_.get());
    ++counts_.edges_added;
    return eid;
  }

  void add_citations(std::int64_t eid, const std::vector<Citation>& sources) {
    for (const Citation& c : sources) {
      insert_citation_.bind(eid, nid_of(c.doc), c.quote).run();
      counts_.citations_added += sqlite3_changes(db_.get());
    }
  }

  // The key of a node written in this write (`written`: by which write_node call, if known) or
  // stored before it. Ids are looked up once and kept: only those named without `written`
  // (cited documents, mostly), not every node written.
  std::int64_t nid_of(const std::string& id,
                      std::uint32_t written = Store::WriteSession::kNotWritten) {
    if (written != Store::WriteSession::kNotWritten) return nid_by_write_.at(written);
    const auto it = nid_of_.find(id);
    if (it != nid_of_.end()) return it->second;
    if (!find_node_.bind(id).step()) {
      throw Error(ErrorCode::kInternal, "node '" + id + "' vanished during the write");
    }
    return nid_of_[id] = find_node_.int64(0);
  }

  void report() {
    if (progress_ && ++written_ % 4096 == 0) progress_(written_, total_);
  }

  sql::Database& db_;
  const std::size_t total_;
  const Progress& progress_;
  std::size_t written_ = 0;
  bool had_nodes_ = false;
  bool had_edges_ = false;
  bool bulk_ = false;
  bool edge_props_changed_ = false;
  std::size_t texts_written_ = 0;   // after the nodes (bulk)
  std::string fts_insert_trigger_;  // dropped for a bulk write: made again at its end
  WriteCounts counts_;
  std::vector<std::int64_t> nid_by_write_;  // by write_node call
  std::unordered_map<std::string, std::int64_t> nid_of_;
  std::vector<std::pair<std::int64_t, const std::string*>> texts_;  // into the caller's nodes

  sql::Statement find_node_{db_, "SELECT nid, type, name, props FROM nodes WHERE id = ?1"};
  sql::Statement insert_node_{db_,
                              "INSERT INTO nodes(id, type, name, props) VALUES (?1, ?2, ?3, ?4)"};
  sql::Statement update_node_{db_, "UPDATE nodes SET name = ?2, props = ?3 WHERE nid = ?1"};
  sql::Statement insert_alias_{db_, "INSERT OR IGNORE INTO aliases(nid, alias) VALUES (?1, ?2)"};
  sql::Statement insert_key_{db_, "INSERT OR IGNORE INTO name_keys(key, nid) VALUES (?1, ?2)"};
  sql::Statement delete_keys_{db_, "DELETE FROM name_keys WHERE nid = ?1"};
  sql::Statement stored_aliases_{db_, "SELECT alias FROM aliases WHERE nid = ?1"};
  sql::Statement find_text_{db_, "SELECT text FROM documents WHERE nid = ?1"};
  sql::Statement upsert_text_{db_,
                              "INSERT INTO documents(nid, text) VALUES (?1, ?2) "
                              "ON CONFLICT(nid) DO UPDATE SET text = excluded.text"};
  sql::Statement find_edge_{
      db_, "SELECT eid, props FROM edges WHERE src = ?1 AND type = ?2 AND dst = ?3 AND date = ?4"};
  sql::Statement insert_edge_{
      db_, "INSERT INTO edges(type, src, dst, date, props) VALUES (?1, ?2, ?3, ?4, ?5)"};
  sql::Statement update_edge_{db_, "UPDATE edges SET props = ?2 WHERE eid = ?1"};
  sql::Statement insert_citation_{
      db_, "INSERT OR IGNORE INTO citations(eid, doc, quote) VALUES (?1, ?2, ?3)"};
};

// The session write_streamed hands its feed: the Writer, its clock and the judgements.
class Session final : public Store::WriteSession {
 public:
  Session(sql::Database& db, std::size_t total, const Progress& progress, StepClock& clock)
      : db_(db), writer_(db, total, progress), clock_(clock) {
    writer_.start();
  }

  bool bulk() const override { return writer_.bulk(); }
  void write_node(const Node& node) override { writer_.write_node(node); }
  void end_nodes() override { writer_.end_nodes(); }
  void write_edge(const Edge& edge, bool duplicate, std::uint32_t from_node,
                  std::uint32_t to_node) override {
    writer_.write_edge(edge, duplicate, from_node, to_node);
  }
  void write_judgement(const Judgement& judgement) override {
    judgements_added_ += store::add_judgement(db_, judgement) ? 1 : 0;
  }
  void lap(std::string step) override { clock_.lap(std::move(step)); }

  WriteCounts finish() {
    writer_.finish(judgements_added_ > 0, clock_);
    WriteCounts counts = writer_.counts();
    counts.judgements_added = judgements_added_;
    return counts;
  }

 private:
  sql::Database& db_;
  Writer writer_;
  StepClock& clock_;
  std::int64_t judgements_added_ = 0;
};

}  // namespace

// The one write transaction: the lock, then the feed's checks and rows, then a checkpoint so
// that the committed data is in the database file itself, not only in its WAL (a copy of the
// .db alone, made after every process exited, would otherwise miss it).
WriteCounts Store::write_streamed(const std::function<void(WriteSession& session)>& feed,
                                  std::size_t total, const Progress& progress) {
  sql::Database& db = impl_->db;
  // A large write needs a page cache that holds the pages it changed, or SQLite spills them and
  // reads them back (most of an M import's time went there). Pages it only read are recycled
  // once the process's preallocated slots are in use (sql::kPageCacheSlots): SQLite takes the
  // slots running out for memory pressure. That kept M's import at 353 MB instead of 600 MB,
  // for 3% more time (three alternating runs each).
  db.exec("PRAGMA cache_size = -262144", "cannot size the page cache");  // 256 MiB
  std::vector<StepTime> steps;
  StepClock clock(steps);
  const ForeignKeysOff foreign_keys_off(db);
  InPlaceFirstWrite in_place(db);
  sql::Transaction transaction(db, sql::Transaction::Lock::kImmediate,
                               "cannot start the import transaction");
  clock.lap("wait for the write lock");
  WriteCounts counts;
  {
    Session session(db, total, progress, clock);
    feed(session);
    counts = session.finish();
  }  // Its statements finalised: one left stepped keeps its read open, and the checkpoint
     // below could then copy nothing (it did, once the writer looked cited documents up).
  transaction.commit("cannot commit the import");
  // PASSIVE: copies what no reader still needs and never waits; the last connection to close
  // finishes the job.
  sqlite3_wal_checkpoint_v2(db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  in_place.restore();
  clock.lap("commit");
  if (progress) progress(total, total);
  counts.steps = std::move(steps);
  return counts;
}

WriteCounts Store::write(const std::vector<Node>& nodes, const std::vector<Edge>& edges,
                         const std::function<void(std::size_t, std::size_t)>& progress,
                         const std::vector<Judgement>& judgements) {
  return write_streamed(
      [&](WriteSession& session) {
        for (const Node& node : nodes) session.write_node(node);
        session.end_nodes();
        session.lap("write nodes");
        for (const Edge& edge : edges) session.write_edge(edge, false);  // ids looked up
        session.lap("write edges and citations");
        for (const Judgement& j : judgements) session.write_judgement(j);
        if (!judgements.empty()) session.lap("write judgements");
      },
      nodes.size() + edges.size(), progress);
}

}  // namespace ergraph
