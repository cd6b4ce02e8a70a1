// Private to the store's judgements (judgements.cpp: merge, distinct, the lists; unmerge.cpp):
// the table, its rows, and the reads and edits a merge and its undo share.
//
// A merge's record (the judgement's `undo` JSON) names nodes and edges by their ids and
// (type, from, to, date), never by row keys, so that it stays true across an export and a
// re-import into a fresh database. Its parts, in the order the merge made them:
//   "drop":    DROP as it was (id, type, name, aliases, props, text);
//   "keep":    KEEP's props before, and after the merge; the aliases the merge added;
//   "edges":   each edge DROP had, as it was (with citations), and what became of it: "moved"
//              (now the edge `to`), "joined" (its citations merged into KEEP's edge `to`, which
//              had props `props_before` and gained `added`), or "removed" (a self-loop);
//   "repointed": DROP a Document: each citation of it, by its edge's key after the moves, and
//              whether KEEP already had the same citation ("duplicate", so it was deleted).
// Unmerge walks the record backwards.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ergraph/store.hpp"
#include "ergraph/text.hpp"
#include "store_impl.hpp"

namespace ergraph::judgement {

using nlohmann::json;

inline constexpr const char* kCreateJudgements = R"sql(
CREATE TABLE IF NOT EXISTS judgements(
  jid        INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('merge', 'distinct')),
  keep_id    TEXT NOT NULL,
  drop_id    TEXT NOT NULL,
  why        TEXT NOT NULL DEFAULT '',
  made_at    TEXT NOT NULL,
  generation INTEGER NOT NULL,
  undo       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(undo)),
  undone_at  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX IF NOT EXISTS judgements_drop ON judgements(drop_id);
CREATE INDEX IF NOT EXISTS judgements_keep ON judgements(keep_id);
)sql";

inline constexpr const char* kJudgementColumns =
    "SELECT jid, kind, keep_id, drop_id, why, made_at, generation, undo, undone_at FROM "
    "judgements ";

inline bool has_judgements(const sql::Database& db) {
  sql::Statement q(db,
                   "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = "
                   "'judgements'");
  return q.step() && q.int64(0) > 0;
}

inline Judgement judgement_from_row(const sql::Statement& q) {
  Judgement j;
  j.number = q.int64(0);
  j.kind = q.text(1);
  j.keep = q.text(2);
  j.drop = q.text(3);
  j.why = q.text(4);
  j.at = q.text(5);
  j.generation = q.int64(6);
  j.undo = q.text(7);
  j.undone_at = q.text(8);
  return j;
}

inline std::int64_t generation(const sql::Database& db) {
  sql::Statement q(db, "SELECT value FROM meta WHERE key = 'generation'");
  return q.step() ? std::atoll(q.text(0).c_str()) : 0;
}

inline void bump_generation(sql::Database& db) {
  db.exec(
      "INSERT INTO meta(key, value) VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE "
      "SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
      "cannot record the change");
}

inline std::int64_t insert_judgement(sql::Database& db, const Judgement& j) {
  sql::Statement insert(db,
                        "INSERT INTO judgements(kind, keep_id, drop_id, why, made_at, "
                        "generation, undo, undone_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  insert.bind(j.kind, j.keep, j.drop, j.why, j.at, j.generation, j.undo, j.undone_at).run();
  return sqlite3_last_insert_rowid(db.get());
}

// A stored node by id, with its key, aliases and text.
struct NodeAt {
  std::int64_t nid = 0;
  Node node;
};

inline std::optional<NodeAt> node_at(const sql::Database& db, const std::string& id) {
  sql::Statement q(db,
                   "SELECT n.nid, n.type, n.name, n.props, d.text FROM nodes n LEFT JOIN "
                   "documents d ON d.nid = n.nid WHERE n.id = ?1");
  if (!q.bind(id).step()) return std::nullopt;
  NodeAt at;
  at.nid = q.int64(0);
  at.node.id = id;
  at.node.type = q.text(1);
  at.node.name = q.text(2);
  at.node.props = q.text(3);
  if (!q.is_null(4)) at.node.text = q.text(4);
  sql::Statement aliases(db, store::kAliasesOfNode);
  store::read_aliases(aliases, at.nid, at.node.aliases);
  return at;
}

inline json edge_key_json(const std::string& type, const std::string& from, const std::string& to,
                          const std::string& date) {
  return json{{"type", type}, {"from", from}, {"to", to}, {"date", date}};
}

inline json citations_json(const std::vector<Citation>& citations) {
  json out = json::array();
  for (const Citation& c : citations) out.push_back(json{{"doc", c.doc}, {"quote", c.quote}});
  return out;
}

// The statements a merge and an unmerge share.
class Editor {
 public:
  explicit Editor(sql::Database& db) : db_(db) {}

  std::int64_t nid(const std::string& id) {
    if (!find_nid_.bind(id).step()) {
      throw Error(ErrorCode::kStorage, "node '" + id + "' named by a judgement is not stored");
    }
    return find_nid_.int64(0);
  }

  std::optional<std::int64_t> edge(const json& key) {
    if (!find_edge_
             .bind(nid(key.at("from").get<std::string>()), key.at("type").get<std::string>(),
                   nid(key.at("to").get<std::string>()), key.at("date").get<std::string>())
             .step()) {
      return std::nullopt;
    }
    return find_edge_.int64(0);
  }

  std::int64_t require_edge(const json& key) {
    if (std::optional<std::int64_t> e = edge(key)) return *e;
    throw Error(ErrorCode::kInvalidInput,
                "the edge " + key.dump() +
                    " the merge made is no longer stored; the merge cannot be undone");
  }

  // Inserts an edge with its citations; returns its key.
  std::int64_t insert_edge(const json& e) {
    insert_edge_
        .bind(e.at("type").get<std::string>(), nid(e.at("from").get<std::string>()),
              nid(e.at("to").get<std::string>()), e.at("date").get<std::string>(),
              e.at("props").get<std::string>())
        .run();
    const std::int64_t eid = sqlite3_last_insert_rowid(db_.get());
    for (const json& c : e.at("citations")) add_citation(eid, c);
    return eid;
  }

  bool add_citation(std::int64_t eid, const json& c) {
    insert_citation_
        .bind(eid, nid(c.at("doc").get<std::string>()), c.at("quote").get<std::string>())
        .run();
    return sqlite3_changes(db_.get()) > 0;
  }

  // Rewrites a node's name keys from its name and aliases.
  void refresh_name_keys(std::int64_t nid, const std::string& name) {
    sql::Statement remove(db_, "DELETE FROM name_keys WHERE nid = ?1");
    remove.bind(nid).run();
    sql::Statement insert(db_, "INSERT OR IGNORE INTO name_keys(key, nid) VALUES (?1, ?2)");
    insert.bind(name_key(name), nid).run();
    sql::Statement aliases(db_, "SELECT alias FROM aliases WHERE nid = ?1");
    aliases.bind(nid);
    while (aliases.step()) insert.bind(name_key(aliases.text(0)), nid).run();
  }

 private:
  sql::Database& db_;
  sql::Statement find_nid_{db_, "SELECT nid FROM nodes WHERE id = ?1"};
  sql::Statement find_edge_{
      db_, "SELECT eid FROM edges WHERE src = ?1 AND type = ?2 AND dst = ?3 AND date = ?4"};
  sql::Statement insert_edge_{
      db_, "INSERT INTO edges(type, src, dst, date, props) VALUES (?1, ?2, ?3, ?4, ?5)"};
  sql::Statement insert_citation_{
      db_, "INSERT OR IGNORE INTO citations(eid, doc, quote) VALUES (?1, ?2, ?3)"};
};

// The edges touching node `nid`, each with its key, as JSON records in key order.
inline std::vector<std::pair<std::int64_t, json>> edges_of(const sql::Database& db,
                                                           std::int64_t nid) {
  sql::Statement q(db,
                   "SELECT e.eid, e.type, s.id, d.id, e.date, e.props FROM edges e "
                   "JOIN nodes s ON s.nid = e.src JOIN nodes d ON d.nid = e.dst "
                   "WHERE e.src = ?1 OR e.dst = ?1 ORDER BY e.eid");
  sql::Statement citations(db,
                           "SELECT doc.id, c.quote FROM citations c JOIN nodes doc ON "
                           "doc.nid = c.doc WHERE c.eid = ?1 ORDER BY c.cid");
  std::vector<std::pair<std::int64_t, json>> out;
  q.bind(nid);
  while (q.step()) {
    json e = edge_key_json(q.text(1), q.text(2), q.text(3), q.text(4));
    e["props"] = q.text(5);
    std::vector<Citation> cited;
    citations.bind(q.int64(0));
    while (citations.step()) cited.push_back(Citation{citations.text(0), citations.text(1)});
    e["citations"] = citations_json(cited);
    out.emplace_back(q.int64(0), std::move(e));
  }
  return out;
}

inline Edge edge_of_json(const json& e) {
  Edge edge;
  edge.type = e.at("type").get<std::string>();
  edge.from = e.at("from").get<std::string>();
  edge.to = e.at("to").get<std::string>();
  edge.date = e.at("date").get<std::string>();
  edge.props = e.at("props").get<std::string>();
  for (const json& c : e.at("citations")) {
    edge.sources.push_back(
        Citation{c.at("doc").get<std::string>(), c.at("quote").get<std::string>()});
  }
  return edge;
}

[[noreturn]] inline void not_found(const sql::Database& db, const std::string& id) {
  std::string message = "no node with id '" + id + "'";
  if (has_judgements(db)) {
    sql::Statement q(db, std::string(kJudgementColumns) +
                             "WHERE kind = 'merge' AND drop_id = ?1 AND undone_at = '' "
                             "ORDER BY jid DESC LIMIT 1");
    if (q.bind(id).step()) {
      const Judgement j = judgement_from_row(q);
      message +=
          ": it was merged into '" + j.keep + "' (judgement " + std::to_string(j.number) + ")";
    }
  }
  throw Error(ErrorCode::kNotFound, message).about("merged_node", id);
}

}  // namespace ergraph::judgement
