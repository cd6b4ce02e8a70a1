// Store: judgements — merging two nodes into one with a record of everything it changed
// (judgement_rows.hpp says what the record holds), recording that two nodes are different
// actors, and the lists. unmerge.cpp undoes a merge.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>

#include "ergraph/store.hpp"
#include "ergraph/text.hpp"
#include "judgement_rows.hpp"
#include "store_impl.hpp"

namespace ergraph {
namespace {

using namespace judgement;

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
      const std::string props = merge_props(e["props"].get<std::string>(), before);  // KEEP's win
      if (props != before) set_props.bind(target, props).run();
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
