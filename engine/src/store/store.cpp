#include "ergraph/store.hpp"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "store_impl.hpp"

namespace ergraph {
namespace {
constexpr const char* kCreateTables = R"sql(
CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
CREATE TABLE nodes(
  nid   INTEGER PRIMARY KEY,
  id    TEXT NOT NULL UNIQUE,
  type  TEXT NOT NULL,
  name  TEXT NOT NULL,
  props TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(props))
) STRICT;
CREATE TABLE aliases(
  nid   INTEGER NOT NULL REFERENCES nodes(nid) ON DELETE CASCADE,
  alias TEXT NOT NULL,
  PRIMARY KEY (nid, alias)
) STRICT, WITHOUT ROWID;
CREATE TABLE name_keys(
  key TEXT NOT NULL,
  nid INTEGER NOT NULL REFERENCES nodes(nid) ON DELETE CASCADE,
  PRIMARY KEY (key, nid)
) STRICT, WITHOUT ROWID;
CREATE TABLE edges(
  eid   INTEGER PRIMARY KEY,
  type  TEXT NOT NULL,
  src   INTEGER NOT NULL REFERENCES nodes(nid),
  dst   INTEGER NOT NULL REFERENCES nodes(nid),
  date  TEXT NOT NULL DEFAULT '',
  props TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(props)),
  UNIQUE (src, type, dst, date)
) STRICT;
CREATE TABLE citations(
  cid   INTEGER PRIMARY KEY,
  eid   INTEGER NOT NULL REFERENCES edges(eid) ON DELETE CASCADE,
  doc   INTEGER NOT NULL REFERENCES nodes(nid),
  quote TEXT NOT NULL,
  UNIQUE (eid, doc, quote)
) STRICT;
CREATE TABLE documents(
  nid  INTEGER PRIMARY KEY REFERENCES nodes(nid) ON DELETE CASCADE,
  text TEXT NOT NULL
) STRICT;
CREATE VIRTUAL TABLE documents_fts USING fts5(text, content='documents', content_rowid='nid');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, text) VALUES (new.nid, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.nid, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.nid, old.text);
  INSERT INTO documents_fts(rowid, text) VALUES (new.nid, new.text);
END;
CREATE VIEW edge_list AS
  SELECT e.eid, e.type, s.id AS "from", d.id AS "to", e.date, e.props
  FROM edges e JOIN nodes s ON s.nid = e.src JOIN nodes d ON d.nid = e.dst;
CREATE VIEW citation_list AS
  SELECT c.cid, c.eid, e.type, s.id AS "from", d.id AS "to", doc.id AS doc, c.quote
  FROM citations c JOIN edges e ON e.eid = c.eid
  JOIN nodes s ON s.nid = e.src JOIN nodes d ON d.nid = e.dst JOIN nodes doc ON doc.nid = c.doc;
)sql";

std::string folder_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

// The file as an SQLite URI that opens it immutable: no locks, no -shm, nothing written.
std::string immutable_uri(const std::string& path) {
  std::string uri = "file:";
  for (char c : path) {
    if (c == '?' || c == '#' || c == '%') {
      static const char* hex = "0123456789ABCDEF";
      uri += '%';
      uri += hex[static_cast<unsigned char>(c) >> 4];
      uri += hex[static_cast<unsigned char>(c) & 15];
    } else {
      uri += c;
    }
  }
  return uri + "?immutable=1";
}

// The failure of a read-only connection that cannot set up WAL's shared memory.
bool is_read_only_failure(const sql::Database& db) {
  const int code = sqlite3_extended_errcode(db.get());
  return (code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN;
}

// The stored schema's YAML after checking that this is an ergraph database this build reads;
// "" and `problem` set when it is not or cannot be read.
std::string read_schema_text(sql::Database& db, const std::string& path, std::string& problem) {
  try {
    sql::Statement version(db, "PRAGMA user_version");
    version.step();
    const std::int64_t format = version.int64(0);
    if (format > kStoreFormatVersion) {
      throw Error(ErrorCode::kStorage,
                  "database format " + std::to_string(format) +
                      " was written by a newer ergraph; this build reads format " +
                      std::to_string(kStoreFormatVersion),
                  Location{path});
    }
    sql::Statement is_ergraph(
        db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'");
    is_ergraph.step();
    if (format == 0 || is_ergraph.int64(0) == 0) {
      throw Error(ErrorCode::kStorage, "not an ergraph database (no ergraph tables in it)",
                  Location{path});
    }
    sql::Statement meta(db, "SELECT value FROM meta WHERE key = 'schema'");
    if (!meta.step()) {
      throw Error(ErrorCode::kStorage, "database holds no schema", Location{path});
    }
    return meta.text(0);
  } catch (const Error& e) {
    if (!e.where().file.empty()) throw;
    problem = std::string("cannot read it as an ergraph database: ") + sqlite3_errmsg(db.get());
    return "";
  }
}

// WAL, so that readers run beside a writer. A file another process writes in place (a first
// import, store/write.cpp) switches once that write ends; the lock wait covers it, but two
// connections that both hold the file for reading and both want to switch cannot both wait
// (SQLite fails one at once rather than deadlock): that one tries again, and when the file
// still is not in WAL after sql::kBusyMillis (lock waits included), goes on in the mode it
// has — every write works in it, and the next writer switches.
void use_wal(sql::Database& db) {
  if (db.journal_mode() == "wal") return;
  const auto start = std::chrono::steady_clock::now();
  const auto allowed = std::chrono::milliseconds(sql::kBusyMillis);
  do {
    // "wal", or the one mode the database can have (an in-memory one's); "" is a refusal
    if (!db.journal_mode("WAL").empty()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (std::chrono::steady_clock::now() - start < allowed);
}

void configure_connection(sql::Database& db, bool read_only) {
  db.exec("PRAGMA foreign_keys = ON", "cannot enable foreign keys");
  // Not mapped but while a scan runs (store::MappedScan).
  db.exec("PRAGMA mmap_size = 0", "cannot set the map size");
  if (!read_only) use_wal(db);
}

}  // namespace

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::string& Store::path() const { return impl_->path; }
const Schema& Store::schema() const { return impl_->schema; }

Store Store::create(const std::string& path, const Schema& schema) {
  std::error_code ec;
  if (path != ":memory:" && std::filesystem::exists(path, ec)) {
    throw Error(ErrorCode::kInvalidInput, "a file exists there already", Location{path})
        .about("database_exists", path);
  }
  sql::Database db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  try {
    configure_connection(db, false);
    sql::Transaction transaction(db, sql::Transaction::Lock::kDeferred, "cannot start transaction");
    db.exec(kCreateTables, "cannot create tables");
    for (const store::SecondaryIndex& index : store::kSecondaryIndexes) {
      db.exec(index.create, "cannot create tables");
    }
    sql::Statement meta(db, "INSERT INTO meta(key, value) VALUES (?1, ?2)");
    meta.bind("schema", schema.source_text()).run();
    meta.bind("schema_name", schema.name()).run();
    meta.bind("created_by", "ergraph").run();
    db.exec("PRAGMA user_version = 1", "cannot set format version");
    transaction.commit("cannot commit new database");
  } catch (...) {
    db = sql::Database();
    if (path != ":memory:") {
      std::filesystem::remove(path, ec);
      std::filesystem::remove(path + "-wal", ec);
      std::filesystem::remove(path + "-shm", ec);
    }
    throw;
  }
  return Store(std::make_unique<Impl>(path, std::move(db), schema));
}

Store Store::open(const std::string& path, bool read_only) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw Error(ErrorCode::kNotFound, "no database here", Location{path})
        .about("no_database", path);
  }
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error(ErrorCode::kInvalidInput, "not a database file (a folder or a device)",
                Location{path});
  }
  // Queries open the file for reading and writing when they may, with writes switched off
  // (query_only): the last connection to close then checkpoints and removes the -wal and -shm
  // files, which a read-only connection cannot, so queries leave nothing behind. A file or
  // folder that may not be written (an archived case on a read-only mount) opens read-only,
  // and, where SQLite cannot even set up its shared memory there, as immutable.
  const bool can_write =
      ::access(path.c_str(), W_OK) == 0 && ::access(folder_of(path).c_str(), W_OK) == 0;
  sql::Database db;
  std::string schema_text;
  std::string problem;
  if (!read_only || can_write) {
    db = sql::Database(path, SQLITE_OPEN_READWRITE);
    schema_text = read_schema_text(db, path, problem);
  }
  if (read_only && (!can_write || !problem.empty())) {
    db = sql::Database(path, SQLITE_OPEN_READONLY);
    problem.clear();
    schema_text = read_schema_text(db, path, problem);
    if (!problem.empty() && is_read_only_failure(db)) {
      // Opened immutable, SQLite would read past a hot journal: the pages of a first import
      // killed halfway (written in place, store/write.cpp) as if they were committed.
      if (std::filesystem::file_size(path + "-journal", ec) > 0 && !ec) {
        throw Error(ErrorCode::kStorage,
                    "a write to it was interrupted and left " + path +
                        "-journal, which only a process that may write here can roll back: "
                        "run any ergraph command on it as a user who may write its folder",
                    Location{path});
      }
      db = sql::Database(immutable_uri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
      problem.clear();
      schema_text = read_schema_text(db, path, problem);
    }
  }
  if (!problem.empty()) throw Error(ErrorCode::kStorage, problem, Location{path});
  configure_connection(db, read_only);
  if (read_only) db.exec("PRAGMA query_only = ON", "cannot make the connection read-only");
  Schema schema = Schema::parse(schema_text, path + " (stored schema)");
  return Store(std::make_unique<Impl>(path, std::move(db), std::move(schema)));
}

StoreStats Store::stats() const {
  const store::MappedScan mapped(impl_->db, impl_->scans);
  StoreStats s;
  auto count = [&](const char* sql) {
    sql::Statement q(impl_->db, sql);
    q.step();
    return q.int64(0);
  };
  s.nodes = count("SELECT count(*) FROM nodes");
  s.edges = count("SELECT count(*) FROM edges");
  s.documents = count("SELECT count(*) FROM documents");
  s.citations = count("SELECT count(*) FROM citations");
  s.aliases = count("SELECT count(*) FROM aliases");
  sql::Statement by_node(impl_->db, "SELECT type, count(*) FROM nodes GROUP BY type ORDER BY type");
  while (by_node.step()) s.nodes_by_type[by_node.text(0)] = by_node.int64(1);
  sql::Statement by_edge(impl_->db, "SELECT type, count(*) FROM edges GROUP BY type ORDER BY type");
  while (by_edge.step()) s.edges_by_type[by_edge.text(0)] = by_edge.int64(1);
  return s;
}

Store::ReadScope::ReadScope(const Store& store) : store_(store) {
  sqlite3* db = store_.impl_->db.get();
  if (!sqlite3_get_autocommit(db)) return;  // inside a transaction already: it is the view
  store_.impl_->db.exec("BEGIN", "cannot start a read");
  began_ = true;
  // A deferred transaction takes its view at its first read: take it now, not at whichever
  // read comes first later.
  sql::Statement first(store_.impl_->db, "SELECT count(*) FROM meta");
  first.step();
}

Store::ReadScope::~ReadScope() {
  if (began_) sqlite3_exec(store_.impl_->db.get(), "COMMIT", nullptr, nullptr, nullptr);
}

}  // namespace ergraph
