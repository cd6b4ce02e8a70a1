#include "ergraph/store.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <unordered_map>

#include "ergraph/text.hpp"
#include "sqlite.hpp"

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
CREATE INDEX nodes_type ON nodes(type);
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
CREATE INDEX name_keys_nid ON name_keys(nid);
CREATE TABLE edges(
  eid   INTEGER PRIMARY KEY,
  type  TEXT NOT NULL,
  src   INTEGER NOT NULL REFERENCES nodes(nid),
  dst   INTEGER NOT NULL REFERENCES nodes(nid),
  date  TEXT NOT NULL DEFAULT '',
  props TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(props)),
  UNIQUE (src, type, dst, date)
) STRICT;
CREATE INDEX edges_dst ON edges(dst);
CREATE TABLE citations(
  cid   INTEGER PRIMARY KEY,
  eid   INTEGER NOT NULL REFERENCES edges(eid) ON DELETE CASCADE,
  doc   INTEGER NOT NULL REFERENCES nodes(nid),
  quote TEXT NOT NULL,
  UNIQUE (eid, doc, quote)
) STRICT;
CREATE INDEX citations_doc ON citations(doc);
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

void configure_connection(sql::Database& db, bool read_only) {
  sqlite3_busy_timeout(db.get(), 5000);
  db.exec("PRAGMA foreign_keys = ON", "cannot enable foreign keys");
  if (!read_only) db.exec("PRAGMA journal_mode = WAL", "cannot switch to WAL");
}

// Merges `update` into the JSON object text `base` key by key; returns canonical text.
std::string merge_props(const std::string& base, const std::string& update) {
  nlohmann::json merged = nlohmann::json::parse(base);
  merged.update(nlohmann::json::parse(update));
  return merged.dump();
}

}  // namespace

struct Store::Impl {
  std::string path;
  sql::Database db;
  Schema schema;
  // Prepared once, for lookups made once per record of an import.
  std::unique_ptr<sql::Statement> type_of_id;

  Impl(std::string p, sql::Database d, Schema s)
      : path(std::move(p)), db(std::move(d)), schema(std::move(s)) {}
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::string& Store::path() const { return impl_->path; }
const Schema& Store::schema() const { return impl_->schema; }

Store Store::create(const std::string& path, const Schema& schema) {
  std::error_code ec;
  if (path != ":memory:" && std::filesystem::exists(path, ec)) {
    throw Error(ErrorCode::kInvalidInput,
                "a file exists there already; choose another --db or remove it first",
                Location{path});
  }
  sql::Database db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  try {
    configure_connection(db, false);
    db.exec("BEGIN", "cannot start transaction");
    db.exec(kCreateTables, "cannot create tables");
    sql::Statement meta(db, "INSERT INTO meta(key, value) VALUES (?1, ?2)");
    meta.bind("schema", schema.source_text()).run();
    meta.bind("schema_name", schema.name()).run();
    meta.bind("created_by", "ergraph").run();
    db.exec("PRAGMA user_version = 1", "cannot set format version");
    db.exec("COMMIT", "cannot commit new database");
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
    throw Error(ErrorCode::kNotFound,
                "no database here; create one with 'ergraph init' (or pass --db FILE)",
                Location{path});
  }
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error(ErrorCode::kInvalidInput, "not a database file (a folder or a device)",
                Location{path});
  }
  sql::Database db(path, read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
  std::string schema_text;
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
    schema_text = meta.text(0);
    configure_connection(db, read_only);
  } catch (const Error& e) {
    if (!e.where().file.empty()) throw;
    throw Error(ErrorCode::kStorage,
                std::string("cannot read it as an ergraph database: ") + sqlite3_errmsg(db.get()),
                Location{path});
  }
  Schema schema = Schema::parse(schema_text, path + " (stored schema)");
  return Store(std::make_unique<Impl>(path, std::move(db), std::move(schema)));
}

std::optional<std::string> Store::node_type(std::string_view id) const {
  if (!impl_->type_of_id) {
    impl_->type_of_id =
        std::make_unique<sql::Statement>(impl_->db, "SELECT type FROM nodes WHERE id = ?1");
  }
  sql::Statement& q = *impl_->type_of_id;
  if (!q.bind(id).step()) return std::nullopt;
  std::string type = q.text(0);
  q.reset();
  return type;
}

std::optional<Node> Store::find_node(std::string_view id) const {
  sql::Statement q(impl_->db, "SELECT nid, type, name, props FROM nodes WHERE id = ?1");
  if (!q.bind(id).step()) return std::nullopt;
  Node node;
  node.id = std::string(id);
  node.type = q.text(1);
  node.name = q.text(2);
  node.props = q.text(3);
  sql::Statement aliases(impl_->db, "SELECT alias FROM aliases WHERE nid = ?1 ORDER BY alias");
  aliases.bind(q.int64(0));
  while (aliases.step()) node.aliases.push_back(aliases.text(0));
  return node;
}

std::vector<Node> Store::find_by_name(std::string_view name) const {
  sql::Statement q(impl_->db,
                   "SELECT n.id FROM name_keys k JOIN nodes n ON n.nid = k.nid WHERE k.key = ?1 "
                   "ORDER BY n.id");
  q.bind(name_key(name));
  std::vector<Node> out;
  while (q.step()) out.push_back(*find_node(q.text(0)));
  return out;
}

namespace {

// Words of a user's query as an FTS5 query: each a quoted literal, all required.
std::string fts_query(std::string_view words) {
  std::string query;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    std::string quoted = "\"";
    for (char c : word) {
      if (c == '"') quoted += '"';
      quoted += c;
    }
    query += (query.empty() ? "" : " ") + quoted + "\"";
    word.clear();
  };
  for (char c : words) {
    if (c == ' ' || c == '\t' || c == '\n') {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return query;
}

std::vector<std::string> split_words(std::string_view words) {
  std::vector<std::string> out;
  std::string word;
  for (char c : words) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(word);
  return out;
}

}  // namespace

std::vector<NameMatch> Store::search_names(std::string_view text, std::size_t limit) const {
  const std::string key = name_key(text);
  std::vector<NameMatch> out;
  if (key.empty()) return out;
  std::map<std::string, std::size_t> index_of_id;  // one row per node: its best match
  sql::Statement aliases(impl_->db, "SELECT alias FROM aliases WHERE nid = ?1 ORDER BY alias");
  auto add = [&](const sql::Statement& row, NameMatchKind kind) {
    const std::int64_t nid = row.int64(0);
    const std::string id = row.text(1);
    if (index_of_id.count(id)) return;
    NameMatch m{id, row.text(2), row.text(3), row.text(3), kind, 0};
    // Which spelling matched: the name, else the alias closest to what was typed.
    std::vector<std::string> spellings{m.name};
    aliases.bind(nid);
    while (aliases.step()) spellings.push_back(aliases.text(0));
    // Closest by folded form, then by the spelling as typed (Türkiye over Turkiye for
    // "Türkiye").
    std::pair<std::size_t, std::size_t> best{~std::size_t{0}, ~std::size_t{0}};
    for (const std::string& spelling : spellings) {
      const std::string k = name_key(spelling);
      const bool fits = kind == NameMatchKind::kExact      ? k == key
                        : kind == NameMatchKind::kPrefix   ? k.rfind(key, 0) == 0
                        : kind == NameMatchKind::kContains ? k.find(key) != std::string::npos
                                                           : true;
      const std::pair<std::size_t, std::size_t> d{edit_distance(k, key),
                                                  edit_distance(spelling, text)};
      if (fits && d < best) {
        best = d;
        m.matched = spelling;
      }
    }
    m.distance = best.first;
    index_of_id[id] = out.size();
    out.push_back(std::move(m));
  };
  const char* select =
      "SELECT DISTINCT n.nid, n.id, n.type, n.name FROM name_keys k JOIN nodes n ON n.nid = k.nid ";
  sql::Statement exact(impl_->db, std::string(select) + "WHERE k.key = ?1 ORDER BY n.id LIMIT ?2");
  exact.bind(key, static_cast<std::int64_t>(limit));
  while (exact.step()) add(exact, NameMatchKind::kExact);
  std::string upper = key;
  upper.back() = static_cast<char>(upper.back() + 1);  // UTF-8 never holds 0xFF
  sql::Statement prefix(
      impl_->db,
      std::string(select) + "WHERE k.key >= ?1 AND k.key < ?2 ORDER BY k.key, n.id LIMIT ?3");
  prefix.bind(key, upper, static_cast<std::int64_t>(limit * 4));
  while (prefix.step()) add(prefix, NameMatchKind::kPrefix);
  sql::Statement contains(
      impl_->db, std::string(select) + "WHERE instr(k.key, ?1) > 0 ORDER BY n.id LIMIT ?2");
  contains.bind(key, static_cast<std::int64_t>(limit * 4));
  while (contains.step()) add(contains, NameMatchKind::kContains);
  // Close spellings: keys that sort near the typed one or share its first letters.
  const std::size_t max_distance = std::max<std::size_t>(1, (key.size() + 2) / 3);
  sql::Statement near(
      impl_->db, std::string(select) +
                     "WHERE k.key IN (SELECT key FROM (SELECT key FROM name_keys WHERE key < ?1 "
                     "ORDER BY key DESC LIMIT 50) UNION SELECT key FROM (SELECT key FROM "
                     "name_keys WHERE key > ?1 ORDER BY key LIMIT 50) UNION SELECT key FROM "
                     "(SELECT key FROM name_keys WHERE substr(key, 1, 2) = substr(?1, 1, 2) "
                     "LIMIT 500)) ORDER BY n.id");
  near.bind(key);
  const std::size_t before = out.size();
  while (near.step()) add(near, NameMatchKind::kSimilar);
  out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                           [&](const NameMatch& m) { return m.distance > max_distance; }),
            out.end());
  std::stable_sort(out.begin(), out.end(), [](const NameMatch& a, const NameMatch& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.kind == NameMatchKind::kSimilar && a.distance != b.distance)
      return a.distance < b.distance;
    return a.id < b.id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

Node Store::resolve(std::string_view text) const {
  if (std::optional<Node> node = find_node(text)) return *node;
  std::vector<Node> named = find_by_name(text);
  if (named.size() == 1) return named[0];
  if (named.size() > 1) {
    std::string list;
    for (const Node& n : named) list += "\n  " + n.id + "  (" + n.type + ") " + n.name;
    throw Error(ErrorCode::kInvalidInput, "'" + std::string(text) + "' matches " +
                                              std::to_string(named.size()) +
                                              " nodes; name one by its id:" + list);
  }
  std::string message = "no node named '" + std::string(text) + "'";
  const std::vector<NameMatch> close = search_names(text, 3);
  if (!close.empty()) {
    message += "; closest:";
    for (const NameMatch& m : close) message += "\n  " + m.id + "  (" + m.type + ") " + m.name;
  }
  throw Error(ErrorCode::kNotFound, message);
}

std::vector<TextHit> Store::search_text(std::string_view words, std::size_t limit) const {
  std::vector<TextHit> out;
  const std::string query = fts_query(words);
  if (query.empty()) return out;
  sql::Statement q(impl_->db,
                   "SELECT n.id, n.name, snippet(documents_fts, 0, '[', ']', '…', 16) "
                   "FROM documents_fts JOIN nodes n ON n.nid = documents_fts.rowid "
                   "WHERE documents_fts MATCH ?1 ORDER BY rank, n.id LIMIT ?2");
  q.bind(query, static_cast<std::int64_t>(limit));
  while (q.step()) {
    std::string snippet = q.text(2);
    std::replace(snippet.begin(), snippet.end(), '\n', ' ');
    out.push_back(TextHit{q.text(0), q.text(1), std::move(snippet)});
  }
  return out;
}

std::vector<QuoteHit> Store::search_quotes(std::string_view words, std::size_t limit) const {
  std::vector<QuoteHit> out;
  const std::vector<std::string> terms = split_words(words);
  if (terms.empty()) return out;
  // Only the documents the full-text index matches can hold a matching quote.
  sql::Statement q(
      impl_->db,
      "SELECT c.eid, doc.id, c.quote FROM citations c JOIN nodes doc ON doc.nid = c.doc "
      "WHERE c.doc IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1) "
      "ORDER BY c.eid, c.cid");
  q.bind(fts_query(words));
  std::int64_t current = -1;
  while (q.step()) {
    const std::string quote = q.text(2);
    const std::string folded = name_key(quote);
    bool all = true;
    for (const std::string& t : terms) all = all && folded.find(name_key(t)) != std::string::npos;
    if (!all) continue;
    if (q.int64(0) != current) {
      if (out.size() == limit) break;
      current = q.int64(0);
      Edge edge = *edge_by_key(current);
      edge.sources.clear();
      out.push_back(QuoteHit{std::move(edge)});
    }
    out.back().edge.sources.push_back(Citation{q.text(1), quote});
  }
  return out;
}

std::vector<std::string> Store::ids_near(std::string_view id, int count) const {
  std::vector<std::string> out;
  sql::Statement before(impl_->db, "SELECT id FROM nodes WHERE id < ?1 ORDER BY id DESC LIMIT ?2");
  before.bind(id, count);
  while (before.step()) out.push_back(before.text(0));
  sql::Statement after(impl_->db, "SELECT id FROM nodes WHERE id >= ?1 ORDER BY id LIMIT ?2");
  after.bind(id, count);
  while (after.step()) out.push_back(after.text(0));
  return out;
}

std::optional<std::string> Store::document_text(std::string_view doc_id) const {
  sql::Statement q(impl_->db,
                   "SELECT d.text FROM documents d JOIN nodes n ON n.nid = d.nid WHERE n.id = ?1");
  if (!q.bind(doc_id).step()) return std::nullopt;
  return q.text(0);
}

std::vector<Citation> Store::citations_of(std::string_view doc_id) const {
  sql::Statement q(impl_->db,
                   "SELECT c.quote FROM citations c JOIN nodes n ON n.nid = c.doc "
                   "WHERE n.id = ?1 ORDER BY c.cid");
  std::vector<Citation> out;
  q.bind(doc_id);
  while (q.step()) out.push_back(Citation{std::string(doc_id), q.text(0)});
  return out;
}

WriteCounts Store::write(const std::vector<Node>& nodes, const std::vector<Edge>& edges,
                         const std::function<void(std::size_t, std::size_t)>& progress) {
  const std::size_t total = nodes.size() + edges.size();
  std::size_t written = 0;
  auto report = [&] {
    if (progress && ++written % 4096 == 0) progress(written, total);
  };
  sql::Database& db = impl_->db;
  WriteCounts counts;
  sql::Statement find_node(db, "SELECT nid, type, name, props FROM nodes WHERE id = ?1");
  sql::Statement insert_node(db,
                             "INSERT INTO nodes(id, type, name, props) VALUES (?1, ?2, ?3, ?4)");
  sql::Statement update_node(db, "UPDATE nodes SET name = ?2, props = ?3 WHERE nid = ?1");
  sql::Statement insert_alias(db, "INSERT OR IGNORE INTO aliases(nid, alias) VALUES (?1, ?2)");
  sql::Statement insert_key(db, "INSERT OR IGNORE INTO name_keys(key, nid) VALUES (?1, ?2)");
  sql::Statement delete_keys(db, "DELETE FROM name_keys WHERE nid = ?1");
  sql::Statement stored_aliases(db, "SELECT alias FROM aliases WHERE nid = ?1");
  sql::Statement find_text(db, "SELECT text FROM documents WHERE nid = ?1");
  sql::Statement upsert_text(db,
                             "INSERT INTO documents(nid, text) VALUES (?1, ?2) "
                             "ON CONFLICT(nid) DO UPDATE SET text = excluded.text");
  sql::Statement find_edge(
      db, "SELECT eid, props FROM edges WHERE src = ?1 AND type = ?2 AND dst = ?3 AND date = ?4");
  sql::Statement insert_edge(
      db, "INSERT INTO edges(type, src, dst, date, props) VALUES (?1, ?2, ?3, ?4, ?5)");
  sql::Statement update_edge(db, "UPDATE edges SET props = ?2 WHERE eid = ?1");
  sql::Statement insert_citation(
      db, "INSERT OR IGNORE INTO citations(eid, doc, quote) VALUES (?1, ?2, ?3)");

  std::unordered_map<std::string, std::int64_t> nid_of;
  nid_of.reserve(nodes.size());
  std::vector<std::pair<std::int64_t, const std::string*>> texts;  // to write at the end
  auto lookup_nid = [&](const std::string& id) -> std::int64_t {
    const auto it = nid_of.find(id);
    if (it != nid_of.end()) return it->second;
    if (!find_node.bind(id).step()) {
      throw Error(ErrorCode::kInternal, "node '" + id + "' vanished during the write");
    }
    return nid_of[id] = find_node.int64(0);
  };

  // A large write needs a page cache that holds the indexes it inserts into, or SQLite spills
  // dirty pages to the WAL and reads them back (most of an M import's time went there).
  db.exec("PRAGMA cache_size = -262144", "cannot size the page cache");  // 256 MiB
  // The caller validated every reference (import's Validator), and the keys come from the rows
  // just looked up or inserted: the per-row foreign key lookups would only repeat that.
  // (The pragma cannot change inside a transaction.)
  db.exec("PRAGMA foreign_keys = OFF", "cannot pause foreign key checks");
  struct RestoreForeignKeys {
    sql::Database& db;
    ~RestoreForeignKeys() {
      sqlite3_exec(db.get(), "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
    }
  } restore_foreign_keys{db};
  db.exec("BEGIN IMMEDIATE", "cannot start the import transaction");
  try {
    // Into empty tables (the first, bulk import) nothing can match: skip the lookups.
    const auto any_row = [&](const char* query) {
      sql::Statement q(db, query);
      return q.step() && q.int64(0) != 0;
    };
    const bool had_nodes = any_row("SELECT EXISTS (SELECT 1 FROM nodes)");
    const bool had_edges = any_row("SELECT EXISTS (SELECT 1 FROM edges)");
    bool edge_props_changed = false;
    for (const Node& node : nodes) {
      std::int64_t nid = 0;
      bool is_new = false;
      bool changed = false;
      if (had_nodes && find_node.bind(node.id).step()) {
        nid = find_node.int64(0);
        const std::string props = merge_props(find_node.text(3), node.props);
        if (find_node.text(2) != node.name || props != find_node.text(3)) {
          update_node.bind(nid, node.name, props).run();
          changed = true;
        }
      } else {
        insert_node.bind(node.id, node.type, node.name, node.props).run();
        nid = sqlite3_last_insert_rowid(db.get());
        is_new = true;
      }
      nid_of[node.id] = nid;
      for (const std::string& alias : node.aliases) {
        insert_alias.bind(nid, alias).run();
        changed = changed || sqlite3_changes(db.get()) > 0;
      }
      if (is_new || changed) {
        // The keys a name lookup uses: the name and every alias, stored or new.
        if (!is_new) delete_keys.bind(nid).run();
        insert_key.bind(name_key(node.name), nid).run();
        stored_aliases.bind(nid);
        while (stored_aliases.step()) insert_key.bind(name_key(stored_aliases.text(0)), nid).run();
      }
      if (node.text) {
        const bool same = !is_new && find_text.bind(nid).step() && find_text.text(0) == *node.text;
        if (!same) {
          texts.emplace_back(nid, &*node.text);
          changed = true;
        }
      }
      if (is_new) {
        ++counts.nodes_added;
      } else if (changed) {
        ++counts.nodes_updated;
      }
      report();
    }
    for (const Edge& edge : edges) {
      const std::int64_t src = lookup_nid(edge.from);
      const std::int64_t dst = lookup_nid(edge.to);
      std::int64_t eid = 0;
      if (had_edges && find_edge.bind(src, edge.type, dst, edge.date).step()) {
        eid = find_edge.int64(0);
        const std::string props = merge_props(find_edge.text(1), edge.props);
        if (props != find_edge.text(1)) {
          update_edge.bind(eid, props).run();
          edge_props_changed = true;
        }
      } else {
        insert_edge.bind(edge.type, src, dst, edge.date, edge.props).run();
        eid = sqlite3_last_insert_rowid(db.get());
        ++counts.edges_added;
      }
      for (const Citation& c : edge.sources) {
        insert_citation.bind(eid, lookup_nid(c.doc), c.quote).run();
        counts.citations_added += sqlite3_changes(db.get());
      }
      report();
    }
    // A new data version: derived caches made before this write no longer apply. (A write that
    // changed nothing leaves the file as it was.)
    const bool changed_any =
        counts.nodes_added + counts.nodes_updated + counts.edges_added + counts.citations_added >
            0 ||
        edge_props_changed;
    if (changed_any)
      db.exec(
          "INSERT INTO meta(key, value) VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE "
          "SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
          "cannot record the write");
    // Texts last: once the full-text index (a virtual table) has been written in a transaction,
    // every later statement pays for a savepoint on it.
    for (const auto& [nid, text] : texts) upsert_text.bind(nid, *text).run();
    db.exec("COMMIT", "cannot commit the import");
    if (progress) progress(total, total);
  } catch (...) {
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  return counts;
}

std::string Store::data_version() const {
  auto scalar = [&](const char* query) {
    sql::Statement q(impl_->db, query);
    return q.step() ? q.text(0) : std::string();
  };
  return scalar("SELECT value FROM meta WHERE key = 'generation'") + "/" +
         scalar("SELECT max(nid) FROM nodes") + "/" + scalar("SELECT max(eid) FROM edges");
}

bool Store::read_cache(std::string_view name, const std::string& version,
                       const std::function<void(CacheReader&)>& read) const {
  sqlite3* db = impl_->db.get();
  {
    sql::Statement exists(impl_->db,
                          "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'caches'");
    if (!exists.step()) return false;
  }
  sql::Statement q(impl_->db, "SELECT rowid FROM caches WHERE name = ?1 AND version = ?2");
  if (!q.bind(name, version).step()) return false;

  class BlobReader final : public CacheReader {
   public:
    BlobReader(sqlite3* db, std::int64_t rowid) : db_(db) {
      if (sqlite3_blob_open(db, "main", "caches", "data", rowid, 0, &blob_) != SQLITE_OK) fail();
      size_ = static_cast<std::size_t>(sqlite3_blob_bytes(blob_));
    }
    ~BlobReader() { sqlite3_blob_close(blob_); }
    BlobReader(const BlobReader&) = delete;
    BlobReader& operator=(const BlobReader&) = delete;
    std::size_t size() const override { return size_; }
    void read(void* into, std::size_t n) override {
      if (n > size_ - offset_) {
        throw Error(ErrorCode::kStorage, "a stored cache is shorter than its contents say");
      }
      if (n > 0 && sqlite3_blob_read(blob_, into, static_cast<int>(n), static_cast<int>(offset_)) !=
                       SQLITE_OK) {
        fail();
      }
      offset_ += n;
    }

   private:
    [[noreturn]] void fail() {
      throw Error(ErrorCode::kStorage, std::string("cannot read a cache: ") + sqlite3_errmsg(db_));
    }
    sqlite3* db_;
    sqlite3_blob* blob_ = nullptr;
    std::size_t size_ = 0;
    std::size_t offset_ = 0;
  };
  BlobReader reader(db, q.int64(0));
  read(reader);
  return true;
}

void Store::write_cache(
    std::string_view name, const std::string& version, std::size_t size,
    const std::function<void(const std::function<void(const void*, std::size_t)>&)>& write) {
  sql::Database& db = impl_->db;
  if (size > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw Error(ErrorCode::kStorage,
                "a cache of " + std::to_string(size) + " bytes is larger than SQLite's blob limit");
  }
  db.exec("BEGIN IMMEDIATE", "cannot start writing a cache");
  sqlite3_blob* blob = nullptr;
  try {
    db.exec(
        "CREATE TABLE IF NOT EXISTS caches(name TEXT PRIMARY KEY, version TEXT NOT NULL, "
        "data BLOB NOT NULL) STRICT",
        "cannot create the cache table");
    sql::Statement put(db,
                       "INSERT OR REPLACE INTO caches(name, version, data) "
                       "VALUES (?1, ?2, zeroblob(?3))");
    put.bind(name, version, static_cast<std::int64_t>(size)).run();
    if (sqlite3_blob_open(db.get(), "main", "caches", "data", sqlite3_last_insert_rowid(db.get()),
                          1, &blob) != SQLITE_OK) {
      throw Error(ErrorCode::kStorage,
                  std::string("cannot write a cache: ") + sqlite3_errmsg(db.get()));
    }
    std::size_t offset = 0;
    write([&](const void* bytes, std::size_t n) {
      if (offset + n > size) throw Error(ErrorCode::kInternal, "a cache outgrew its size");
      if (sqlite3_blob_write(blob, bytes, static_cast<int>(n), static_cast<int>(offset)) !=
          SQLITE_OK) {
        throw Error(ErrorCode::kStorage,
                    std::string("cannot write a cache: ") + sqlite3_errmsg(db.get()));
      }
      offset += n;
    });
    if (offset != size) throw Error(ErrorCode::kInternal, "a cache was written short");
    sqlite3_blob_close(blob);
    blob = nullptr;
    db.exec("COMMIT", "cannot commit a cache");
  } catch (...) {
    sqlite3_blob_close(blob);
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

StoreStats Store::stats() const {
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

void Store::scan_nodes(const std::function<void(const NodeRow&)>& fn) const {
  sql::Statement q(impl_->db, "SELECT nid, id, type, name FROM nodes ORDER BY id");
  NodeRow row;
  while (q.step()) {
    row.key = q.int64(0);
    row.id = q.text(1);
    row.type = q.text(2);
    row.name = q.text(3);
    fn(row);
  }
}

void Store::scan_edges(const std::function<void(const EdgeRow&)>& fn) const {
  sql::Statement q(impl_->db, "SELECT eid, src, dst, type, date FROM edges ORDER BY eid");
  EdgeRow row;
  while (q.step()) {
    row.key = q.int64(0);
    row.from_key = q.int64(1);
    row.to_key = q.int64(2);
    row.type = q.text(3);
    row.date = q.text(4);
    fn(row);
  }
}

namespace {

constexpr const char* kEdgeSelect =
    "SELECT e.eid, e.type, s.id, d.id, e.date, e.props FROM edges e "
    "JOIN nodes s ON s.nid = e.src JOIN nodes d ON d.nid = e.dst ";
constexpr const char* kCitationSelect =
    "SELECT doc.id, c.quote FROM citations c JOIN nodes doc ON doc.nid = c.doc "
    "WHERE c.eid = ?1 ORDER BY c.cid";

// Reads the current row of a kEdgeSelect statement, with its citations.
Edge edge_from_row(const sql::Statement& q, sql::Statement& citations) {
  Edge edge;
  edge.type = q.text(1);
  edge.from = q.text(2);
  edge.to = q.text(3);
  edge.date = q.text(4);
  edge.props = q.text(5);
  citations.bind(q.int64(0));
  while (citations.step()) edge.sources.push_back(Citation{citations.text(0), citations.text(1)});
  return edge;
}

}  // namespace

std::optional<Edge> Store::edge_by_key(std::int64_t key) const {
  sql::Statement q(impl_->db, std::string(kEdgeSelect) + "WHERE e.eid = ?1");
  sql::Statement citations(impl_->db, kCitationSelect);
  if (!q.bind(key).step()) return std::nullopt;
  return edge_from_row(q, citations);
}

std::vector<Edge> Store::edges_touching(std::string_view node_id) const {
  sql::Statement q(impl_->db, std::string(kEdgeSelect) +
                                  "WHERE e.src = (SELECT nid FROM nodes WHERE id = ?1) "
                                  "OR e.dst = (SELECT nid FROM nodes WHERE id = ?1) "
                                  "ORDER BY e.type, s.id, d.id, e.date");
  sql::Statement citations(impl_->db, kCitationSelect);
  std::vector<Edge> out;
  q.bind(node_id);
  while (q.step()) out.push_back(edge_from_row(q, citations));
  return out;
}

void Store::for_each_node(const std::function<void(const Node&)>& fn) const {
  sql::Statement q(impl_->db,
                   "SELECT n.nid, n.id, n.type, n.name, n.props, d.text FROM nodes n "
                   "LEFT JOIN documents d ON d.nid = n.nid ORDER BY n.id");
  sql::Statement aliases(impl_->db, "SELECT alias FROM aliases WHERE nid = ?1 ORDER BY alias");
  while (q.step()) {
    Node node;
    node.id = q.text(1);
    node.type = q.text(2);
    node.name = q.text(3);
    node.props = q.text(4);
    if (!q.is_null(5)) node.text = q.text(5);
    aliases.bind(q.int64(0));
    while (aliases.step()) node.aliases.push_back(aliases.text(0));
    fn(node);
  }
}

void Store::for_each_edge(const std::function<void(const Edge&)>& fn) const {
  sql::Statement q(impl_->db, std::string(kEdgeSelect) + "ORDER BY s.id, e.type, d.id, e.date");
  sql::Statement citations(impl_->db, kCitationSelect);
  while (q.step()) fn(edge_from_row(q, citations));
}

}  // namespace ergraph
