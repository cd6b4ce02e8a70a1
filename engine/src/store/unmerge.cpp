// Store: undoing a merge from the record the merge left in its judgement (judgement_rows.hpp).
#include <nlohmann/json.hpp>

#include "ergraph/store.hpp"
#include "judgement_rows.hpp"
#include "store_impl.hpp"

namespace ergraph {

using namespace judgement;

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

}  // namespace ergraph
