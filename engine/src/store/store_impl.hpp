// Private to the store: Store::Impl, which every file implementing Store shares, and the SQL the
// files share. One file per job: store.cpp (opening, tables, stats), names.cpp (ids and names),
// search.cpp (full-text search), write.cpp (the import's write), cache.cpp (derived blobs),
// readout.cpp (nodes and edges read back for snapshots, exports and display).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ergraph/model.hpp"
#include "ergraph/schema.hpp"
#include "ergraph/store.hpp"
#include "sqlite.hpp"

namespace ergraph {

struct Store::Impl {
  std::string path;
  sql::Database db;
  Schema schema;
  // Point lookups made once per record of an import or once per hop of every command in a
  // batch, prepared once per connection: parsing their SQL cost more than running it. Keyed by
  // the SQL text; declared after `db`, so finalized before it closes.
  std::unordered_map<std::string, std::unique_ptr<sql::Statement>> statements;
  int scans = 0;  // MappedScan guards alive: the file is mapped while the first one lives

  Impl(std::string p, sql::Database d, Schema s)
      : path(std::move(p)), db(std::move(d)), schema(std::move(s)) {}

  // The prepared statement for `sql`. The caller binds it (which resets it), reads it and ends
  // with a Finished guard, so that no cached statement holds a read open between uses. Never
  // for a statement something else may be stepping at the same time.
  sql::Statement& statement(const std::string& sql) {
    std::unique_ptr<sql::Statement>& slot = statements[sql];
    if (!slot) slot = std::make_unique<sql::Statement>(db, sql);
    return *slot;
  }
};

namespace store {

// Resets a cached statement when the scope that uses it ends, however it ends.
class Finished {
 public:
  explicit Finished(sql::Statement& statement) : statement_(statement) {}
  Finished(const Finished&) = delete;
  Finished& operator=(const Finished&) = delete;
  ~Finished() { statement_.reset(); }

 private:
  sql::Statement& statement_;
};

// Maps the database file into memory while a scan runs (the outermost of nested ones). A mapped
// page is read in place, without a pread and a copy through SQLite's cache, which made scans of
// the whole file (exports, conflicts, the snapshot's build) 15-20% faster. But the first touch of
// each mapped page is a page fault, which on a virtual machine cost more than the read: a batch's
// warm `path` commands, whose lookups each touch a few new pages, took 97 µs mapped against
// 70 µs read through the cache. So point lookups read through SQLite's cache and only scans map.
// SQLite leaves the map as it is while a mapped page is still in use (it checks).
class MappedScan {
 public:
  // `scans` counts the guards alive on connection `db`.
  MappedScan(sql::Database& db, int& scans) : db_(db), scans_(scans) {
    if (scans_++ == 0) db_.exec("PRAGMA mmap_size = 1073741824", "cannot map the database");
  }
  MappedScan(const MappedScan&) = delete;
  MappedScan& operator=(const MappedScan&) = delete;
  ~MappedScan() {
    // Never throws: a map left in place only costs page faults.
    if (--scans_ == 0) sqlite3_exec(db_.get(), "PRAGMA mmap_size = 0", nullptr, nullptr, nullptr);
  }

 private:
  sql::Database& db_;
  int& scans_;
};

// The secondary indexes: lookups by type, by name key's node, by destination and by cited
// document. Created with the tables; a write into empty tables drops them and builds each once
// after the rows (sorting a finished column costs far less than a B-tree insert per row).
struct SecondaryIndex {
  const char* name;
  const char* create;
};
inline constexpr SecondaryIndex kSecondaryIndexes[] = {
    {"nodes_type", "CREATE INDEX IF NOT EXISTS nodes_type ON nodes(type)"},
    {"name_keys_nid", "CREATE INDEX IF NOT EXISTS name_keys_nid ON name_keys(nid)"},
    {"edges_dst", "CREATE INDEX IF NOT EXISTS edges_dst ON edges(dst)"},
    {"citations_doc", "CREATE INDEX IF NOT EXISTS citations_doc ON citations(doc)"},
};

// A node's aliases in sorted order: bind ?1 to its nid.
inline constexpr const char* kAliasesOfNode =
    "SELECT alias FROM aliases WHERE nid = ?1 ORDER BY alias";

// Appends the aliases of node `nid` to `out`, in sorted order; `aliases` is a kAliasesOfNode
// statement.
inline void read_aliases(sql::Statement& aliases, std::int64_t nid, std::vector<std::string>& out) {
  aliases.bind(nid);
  while (aliases.step()) out.push_back(aliases.text(0));
}

// Adds a judgement read from a file (import) unless the same one (kind, ids, time) is stored;
// creates the judgements table when the database has none yet. Returns whether it added it.
bool add_judgement(sql::Database& db, const Judgement& judgement);

}  // namespace store
}  // namespace ergraph
