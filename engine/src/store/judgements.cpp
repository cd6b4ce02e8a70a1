// Store: judgements — merging two nodes into one with a record of everything it changed,
// undoing that from the record, and recording that two nodes are different actors.
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
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>

#include "ergraph/store.hpp"
#include "ergraph/text.hpp"
#include "store_impl.hpp"

namespace ergraph {
namespace {

using nlohmann::json;

constexpr const char* kCreateJudgements = R"sql(
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

constexpr const char* kJudgementColumns =
    "SELECT jid, kind, keep_id, drop_id, why, made_at, generation, undo, undone_at FROM "
    "judgements ";

bool has_judgements(const sql::Database& db) {
  sql::Statement q(db,
                   "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = "
                   "'judgements'");
  return q.step() && q.int64(0) > 0;
}

Judgement judgement_from_row(const sql::Statement& q) {
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

std::int64_t generation(const sql::Database& db) {
  sql::Statement q(db, "SELECT value FROM meta WHERE key = 'generation'");
  return q.step() ? std::atoll(q.text(0).c_str()) : 0;
}

void bump_generation(sql::Database& db) {
  db.exec(
      "INSERT INTO meta(key, value) VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE "
      "SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
      "cannot record the change");
}

std::int64_t insert_judgement(sql::Database& db, const Judgement& j) {
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

std::optional<NodeAt> node_at(const sql::Database& db, const std::string& id) {
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

json edge_key_json(const std::string& type, const std::string& from, const std::string& to,
                   const std::string& date) {
  return json{{"type", type}, {"from", from}, {"to", to}, {"date", date}};
}

json citations_json(const std::vector<Citation>& citations) {
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
std::vector<std::pair<std::int64_t, json>> edges_of(const sql::Database& db, std::int64_t nid) {
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

Edge edge_of_json(const json& e) {
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

[[noreturn]] void not_found(const sql::Database& db, const std::string& id) {
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

// The merge itself, inside the caller's transaction.
MergeReport merge_in(sql::Database& db, const std::string& keep_id, const std::string& drop_id,
                     const std::string& why, const std::string& at) {
  if (keep_id == drop_id) {
    throw Error(ErrorCode::kInvalidInput, "cannot merge '" + keep_id + "' into itself");
  }
  std::optional<NodeAt> keep = node_at(db, keep_id);
  if (!keep) not_found(db, keep_id);
  std::optional<NodeAt> drop = node_at(db, drop_id);
  if (!drop) not_found(db, drop_id);
  if (keep->node.type != drop->node.type) {
    throw Error(ErrorCode::kInvalidInput, "cannot merge '" + drop_id + "' (a " + drop->node.type +
                                              ") into '" + keep_id + "' (a " + keep->node.type +
                                              "): a merge joins two nodes of one type");
  }
  db.exec(kCreateJudgements, "cannot create the judgements table");
  MergeReport report;
  report.keep = keep->node;
  report.drop = drop->node;
  report.keep.text.reset();
  report.drop.text.reset();
  Editor edit(db);

  // A Document's citations will cite KEEP: KEEP's text must hold each quote.
  sql::Statement cited_by_drop(db,
                               "SELECT c.cid, c.eid, c.quote FROM citations c WHERE c.doc = ?1 "
                               "ORDER BY c.cid");
  if (drop->node.type == kDocumentType) {
    const std::string text = normalize_for_quote(keep->node.text.value_or(""));
    cited_by_drop.bind(drop->nid);
    std::size_t missing = 0;
    std::string first;
    while (cited_by_drop.step()) {
      if (text.find(normalize_for_quote(cited_by_drop.text(2))) == std::string::npos) {
        if (missing++ == 0) first = cited_by_drop.text(2);
      }
    }
    if (missing > 0) {
      throw Error(ErrorCode::kInvalidInput,
                  "cannot merge Document '" + drop_id + "' into '" + keep_id +
                      "': " + std::to_string(missing) + " of its quotes are not in the text of '" +
                      keep_id + "' (the first: \"" + first.substr(0, 80) +
                      "\"); citations must keep pointing at a text that holds them");
    }
  }

  json undo;
  {
    json d{{"id", drop_id},
           {"type", drop->node.type},
           {"name", drop->node.name},
           {"aliases", drop->node.aliases},
           {"props", drop->node.props}};
    if (drop->node.text) d["text"] = *drop->node.text;
    undo["drop"] = d;
  }

  // Edges.
  sql::Statement find_edge(
      db, "SELECT eid, props FROM edges WHERE src = ?1 AND type = ?2 AND dst = ?3 AND date = ?4");
  sql::Statement move(db, "UPDATE edges SET src = ?2, dst = ?3 WHERE eid = ?1");
  sql::Statement remove_edge(db, "DELETE FROM edges WHERE eid = ?1");
  sql::Statement set_props(db, "UPDATE edges SET props = ?2 WHERE eid = ?1");
  json edges = json::array();
  for (auto& [eid, e] : edges_of(db, drop->nid)) {
    const std::string from = e["from"] == drop_id ? keep_id : e["from"].get<std::string>();
    const std::string to = e["to"] == drop_id ? keep_id : e["to"].get<std::string>();
    json record{{"edge", e}};
    if (from == keep_id && to == keep_id) {
      record["became"] = "removed";
      report.edges_removed.push_back(edge_of_json(e));
      remove_edge.bind(eid).run();
    } else if (find_edge
                   .bind(edit.nid(from), e["type"].get<std::string>(), edit.nid(to),
                         e["date"].get<std::string>())
                   .step()) {
      const std::int64_t target = find_edge.int64(0);
      const std::string before = find_edge.text(1);
      json props = json::parse(e["props"].get<std::string>());
      props.update(json::parse(before));  // KEEP's edge's values win
      if (props.dump() != before) set_props.bind(target, props.dump()).run();
      json added = json::array();
      for (const json& c : e["citations"]) {
        if (edit.add_citation(target, c)) added.push_back(c);
      }
      report.citations_added += added.size();
      ++report.edges_joined;
      record["became"] = "joined";
      record["to"] =
          edge_key_json(e["type"].get<std::string>(), from, to, e["date"].get<std::string>());
      record["props_before"] = before;
      record["added"] = added;
      remove_edge.bind(eid).run();
    } else {
      move.bind(eid, edit.nid(from), edit.nid(to)).run();
      ++report.edges_moved;
      record["became"] = "moved";
      record["to"] =
          edge_key_json(e["type"].get<std::string>(), from, to, e["date"].get<std::string>());
    }
    edges.push_back(std::move(record));
  }
  undo["edges"] = std::move(edges);

  // A Document's citations now cite KEEP.
  json repointed = json::array();
  if (drop->node.type == kDocumentType) {
    sql::Statement edge_key(db,
                            "SELECT e.type, s.id, d.id, e.date FROM edges e JOIN nodes s ON "
                            "s.nid = e.src JOIN nodes d ON d.nid = e.dst WHERE e.eid = ?1");
    sql::Statement has_same(db,
                            "SELECT 1 FROM citations WHERE eid = ?1 AND doc = ?2 AND quote = ?3");
    sql::Statement repoint(db, "UPDATE citations SET doc = ?2 WHERE cid = ?1");
    sql::Statement remove(db, "DELETE FROM citations WHERE cid = ?1");
    cited_by_drop.bind(drop->nid);
    while (cited_by_drop.step()) {
      const std::int64_t cid = cited_by_drop.int64(0), eid = cited_by_drop.int64(1);
      const std::string quote = cited_by_drop.text(2);
      edge_key.bind(eid).step();
      const bool duplicate = has_same.bind(eid, keep->nid, quote).step();
      repointed.push_back(json{{"edge", edge_key_json(edge_key.text(0), edge_key.text(1),
                                                      edge_key.text(2), edge_key.text(3))},
                               {"quote", quote},
                               {"duplicate", duplicate}});
      if (duplicate) {
        remove.bind(cid).run();
      } else {
        repoint.bind(cid, keep->nid).run();
      }
      ++report.citations_repointed;
    }
  }
  undo["repointed"] = std::move(repointed);

  // Names and props.
  std::vector<std::string> spellings{drop->node.name};
  spellings.insert(spellings.end(), drop->node.aliases.begin(), drop->node.aliases.end());
  sql::Statement add_alias(db, "INSERT OR IGNORE INTO aliases(nid, alias) VALUES (?1, ?2)");
  for (const std::string& spelling : spellings) {
    if (spelling == keep->node.name) continue;
    add_alias.bind(keep->nid, spelling).run();
    if (sqlite3_changes(db.get()) > 0) report.aliases_added.push_back(spelling);
  }
  json keep_props = json::parse(keep->node.props);
  const json drop_props = json::parse(drop->node.props);
  for (const auto& [key, value] : drop_props.items()) {
    if (!keep_props.contains(key)) {
      keep_props[key] = value;
      report.props_added.push_back(key);
    } else if (keep_props[key] != value) {
      report.prop_conflicts.push_back(key + ": " + keep_props[key].dump() + " kept, " +
                                      value.dump() + " dropped");
    }
  }
  const std::string props_after = keep_props.dump();
  if (props_after != keep->node.props) {
    sql::Statement set(db, "UPDATE nodes SET props = ?2 WHERE nid = ?1");
    set.bind(keep->nid, props_after).run();
  }
  undo["keep"] = json{{"id", keep_id},
                      {"props_before", keep->node.props},
                      {"props_after", props_after},
                      {"aliases_added", report.aliases_added}};

  sql::Statement remove_node(db, "DELETE FROM nodes WHERE nid = ?1");
  remove_node.bind(drop->nid).run();
  edit.refresh_name_keys(keep->nid, keep->node.name);

  Judgement j;
  j.kind = "merge";
  j.keep = keep_id;
  j.drop = drop_id;
  j.why = why;
  j.at = at;
  j.generation = generation(db);
  j.undo = undo.dump();
  report.judgement = insert_judgement(db, j);
  bump_generation(db);
  return report;
}

}  // namespace

bool store::add_judgement(sql::Database& db, const Judgement& judgement) {
  db.exec(kCreateJudgements, "cannot create the judgements table");
  sql::Statement same(db,
                      "SELECT 1 FROM judgements WHERE kind = ?1 AND keep_id = ?2 AND drop_id = ?3 "
                      "AND made_at = ?4");
  if (same.bind(judgement.kind, judgement.keep, judgement.drop, judgement.at).step()) return false;
  insert_judgement(db, judgement);
  return true;
}

MergeReport Store::merge(const std::string& keep_id, const std::string& drop_id,
                         const std::string& why, const std::string& at, bool dry_run) {
  sql::Database& db = impl_->db;
  sql::Transaction transaction(db, sql::Transaction::Lock::kImmediate, "cannot start the merge");
  MergeReport report;
  try {
    report = merge_in(db, keep_id, drop_id, why, at);
  } catch (const json::exception& e) {
    throw Error(ErrorCode::kStorage, std::string("a stored props text is not valid JSON (") +
                                         e.what() + "); nothing was changed");
  }
  if (dry_run) {
    report.judgement = 0;
    return report;  // the transaction rolls back
  }
  transaction.commit("cannot commit the merge");
  sqlite3_wal_checkpoint_v2(db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  return report;
}

Judgement Store::unmerge(const std::string& drop_id, const std::string& at) {
  sql::Database& db = impl_->db;
  sql::Transaction transaction(db, sql::Transaction::Lock::kImmediate, "cannot start the unmerge");
  std::optional<Judgement> found;
  if (has_judgements(db)) {
    sql::Statement q(db, std::string(kJudgementColumns) +
                             "WHERE kind = 'merge' AND drop_id = ?1 AND undone_at = '' "
                             "ORDER BY jid DESC LIMIT 1");
    if (q.bind(drop_id).step()) found = judgement_from_row(q);
  }
  if (!found) {
    throw Error(ErrorCode::kNotFound, "no merge in force removed '" + drop_id + "'" +
                                          (node_at(db, drop_id) ? " (it is a stored node)" : ""));
  }
  Judgement j = *found;
  if (!node_at(db, j.keep)) {
    const std::optional<std::string> now = merged_into(j.keep);
    throw Error(ErrorCode::kInvalidInput,
                "'" + drop_id + "' was merged into '" + j.keep + "', which has been merged into '" +
                    now.value_or("?") + "' since: unmerge '" + j.keep + "' first");
  }
  if (node_at(db, drop_id)) {
    throw Error(ErrorCode::kInvalidInput,
                "a node '" + drop_id +
                    "' is stored again (imported after the merge): the merge cannot be undone "
                    "while its id is in use");
  }
  try {
    const json undo = json::parse(j.undo);
    if (!undo.contains("drop")) {
      throw Error(ErrorCode::kInvalidInput,
                  "judgement " + std::to_string(j.number) +
                      " carries no record of what the merge changed (it was imported without one): "
                      "it cannot be undone");
    }
    Editor edit(db);

    // DROP as it was. The record may come from an imported file: what it restores must fit
    // the schema, as an import would have to.
    const json& d = undo.at("drop");
    const Schema& schema = impl_->schema;
    if (d.at("type").get<std::string>() != node_at(db, j.keep)->node.type) {
      throw Error(ErrorCode::kInvalidInput,
                  "judgement " + std::to_string(j.number) +
                      ": its record restores a node of another type than '" + j.keep +
                      "'; nothing was changed");
    }
    auto check_edge = [&](const json& e) {
      const EdgeType* type = schema.edge_type(e.at("type").get<std::string>());
      const std::optional<NodeAt> from = node_at(db, e.at("from").get<std::string>());
      const std::optional<NodeAt> to = node_at(db, e.at("to").get<std::string>());
      if (type == nullptr || !from || !to || !type->allows(from->node.type, to->node.type)) {
        throw Error(ErrorCode::kInvalidInput,
                    "judgement " + std::to_string(j.number) +
                        ": its record restores an edge the schema or the database does not "
                        "allow (" +
                        e.dump() + "); nothing was changed");
      }
    };
    sql::Statement insert_node(db,
                               "INSERT INTO nodes(id, type, name, props) VALUES (?1, ?2, ?3, ?4)");
    insert_node
        .bind(drop_id, d.at("type").get<std::string>(), d.at("name").get<std::string>(),
              d.at("props").get<std::string>())
        .run();
    const std::int64_t drop_nid = sqlite3_last_insert_rowid(db.get());
    sql::Statement add_alias(db, "INSERT OR IGNORE INTO aliases(nid, alias) VALUES (?1, ?2)");
    for (const json& alias : d.at("aliases"))
      add_alias.bind(drop_nid, alias.get<std::string>()).run();
    if (d.contains("text")) {
      sql::Statement text(db, "INSERT INTO documents(nid, text) VALUES (?1, ?2)");
      text.bind(drop_nid, d.at("text").get<std::string>()).run();
    }
    edit.refresh_name_keys(drop_nid, d.at("name").get<std::string>());
    const std::int64_t keep_nid = edit.nid(j.keep);

    // Citations back to DROP, in reverse.
    const json& repointed = undo.at("repointed");
    for (auto it = repointed.rbegin(); it != repointed.rend(); ++it) {
      const std::int64_t eid = edit.require_edge(it->at("edge"));
      const std::string quote = it->at("quote").get<std::string>();
      if (it->at("duplicate").get<bool>()) {
        sql::Statement insert(
            db, "INSERT OR IGNORE INTO citations(eid, doc, quote) VALUES (?1, ?2, ?3)");
        insert.bind(eid, drop_nid, quote).run();
      } else {
        sql::Statement back(db,
                            "UPDATE citations SET doc = ?3 WHERE eid = ?1 AND doc = ?2 AND "
                            "quote = ?4");
        back.bind(eid, keep_nid, drop_nid, quote).run();
      }
    }

    // Edges back, in reverse.
    const json& edges = undo.at("edges");
    sql::Statement move(db, "UPDATE edges SET src = ?2, dst = ?3 WHERE eid = ?1");
    sql::Statement set_props(db, "UPDATE edges SET props = ?2 WHERE eid = ?1");
    sql::Statement remove_citation(
        db, "DELETE FROM citations WHERE eid = ?1 AND doc = ?2 AND quote = ?3");
    for (auto it = edges.rbegin(); it != edges.rend(); ++it) {
      const json& e = it->at("edge");
      const std::string became = it->at("became").get<std::string>();
      check_edge(e);
      if (became == "moved") {
        const std::int64_t eid = edit.require_edge(it->at("to"));
        move.bind(eid, edit.nid(e.at("from").get<std::string>()),
                  edit.nid(e.at("to").get<std::string>()))
            .run();
        continue;
      }
      if (became == "joined") {
        const std::int64_t target = edit.require_edge(it->at("to"));
        for (const json& c : it->at("added")) {
          remove_citation
              .bind(target, edit.nid(c.at("doc").get<std::string>()),
                    c.at("quote").get<std::string>())
              .run();
        }
        set_props.bind(target, it->at("props_before").get<std::string>()).run();
      }
      edit.insert_edge(e);
    }

    // KEEP loses what the merge gave it.
    const json& k = undo.at("keep");
    sql::Statement remove_alias(db, "DELETE FROM aliases WHERE nid = ?1 AND alias = ?2");
    for (const json& alias : k.at("aliases_added"))
      remove_alias.bind(keep_nid, alias.get<std::string>()).run();
    sql::Statement props_now(db, "SELECT name, props FROM nodes WHERE nid = ?1");
    props_now.bind(keep_nid).step();
    const std::string keep_name = props_now.text(0);
    if (props_now.text(1) == k.at("props_after").get<std::string>()) {
      sql::Statement set(db, "UPDATE nodes SET props = ?2 WHERE nid = ?1");
      set.bind(keep_nid, k.at("props_before").get<std::string>()).run();
    }
    edit.refresh_name_keys(keep_nid, keep_name);
  } catch (const json::exception& e) {
    throw Error(ErrorCode::kStorage, "judgement " + std::to_string(j.number) +
                                         ": its record of the merge is damaged (" + e.what() +
                                         "); nothing was changed");
  }

  sql::Statement undone(db, "UPDATE judgements SET undone_at = ?2 WHERE jid = ?1");
  undone.bind(j.number, at).run();
  j.undone_at = at;
  bump_generation(db);
  transaction.commit("cannot commit the unmerge");
  sqlite3_wal_checkpoint_v2(db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  return j;
}

Judgement Store::record_distinct(const std::string& a, const std::string& b, const std::string& why,
                                 const std::string& at) {
  sql::Database& db = impl_->db;
  sql::Transaction transaction(db, sql::Transaction::Lock::kImmediate,
                               "cannot start recording the judgement");
  if (a == b) throw Error(ErrorCode::kInvalidInput, "'" + a + "' is one node: nothing to judge");
  for (const std::string& id : {a, b}) {
    if (!node_at(db, id)) not_found(db, id);
  }
  db.exec(kCreateJudgements, "cannot create the judgements table");
  Judgement j;
  j.kind = "distinct";
  j.keep = std::min(a, b);
  j.drop = std::max(a, b);
  j.why = why;
  j.at = at;
  j.generation = generation(db);
  j.number = insert_judgement(db, j);
  bump_generation(db);
  transaction.commit("cannot commit the judgement");
  return j;
}

std::vector<Judgement> Store::judgements(bool with_undone) const {
  std::vector<Judgement> out;
  if (!has_judgements(impl_->db)) return out;
  sql::Statement q(impl_->db, std::string(kJudgementColumns) +
                                  (with_undone ? "" : "WHERE undone_at = '' ") + "ORDER BY jid");
  while (q.step()) out.push_back(judgement_from_row(q));
  return out;
}

std::optional<std::string> Store::merged_into(std::string_view id) const {
  if (!has_judgements(impl_->db)) return std::nullopt;
  sql::Statement q(impl_->db,
                   "SELECT keep_id FROM judgements WHERE kind = 'merge' AND drop_id = ?1 AND "
                   "undone_at = '' ORDER BY jid DESC LIMIT 1");
  std::optional<std::string> out;
  std::string at(id);
  // A chain ends within as many steps as there are judgements; a hostile file's cycle does not
  // loop forever.
  for (int steps = 0; steps < 10000 && q.bind(at).step(); ++steps) {
    at = q.text(0);
    out = at;
  }
  return out;
}

std::vector<std::string> Store::merged_ids(std::string_view id) const {
  std::vector<std::string> out;
  if (!has_judgements(impl_->db)) return out;
  sql::Statement q(impl_->db,
                   "SELECT drop_id FROM judgements WHERE kind = 'merge' AND keep_id = ?1 AND "
                   "undone_at = '' ORDER BY jid");
  q.bind(id);
  while (q.step()) out.push_back(q.text(0));
  return out;
}

}  // namespace ergraph
