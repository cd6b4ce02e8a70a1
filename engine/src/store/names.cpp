// Store: nodes by id and by name — the lookups behind import's checks, `find`, and resolving
// what a user typed into a node.
#include "ergraph/store.hpp"

#include <algorithm>
#include <map>

#include "ergraph/spelling.hpp"
#include "ergraph/text.hpp"
#include "store_impl.hpp"

namespace ergraph {

std::optional<std::string> Store::node_type(std::string_view id) const {
  sql::Statement& q = impl_->statement("SELECT type FROM nodes WHERE id = ?1");
  const store::Finished finished(q);
  if (!q.bind(id).step()) return std::nullopt;
  return q.text(0);
}

std::optional<Node> Store::find_node(std::string_view id) const {
  sql::Statement& q = impl_->statement("SELECT nid, type, name, props FROM nodes WHERE id = ?1");
  const store::Finished finished(q);
  if (!q.bind(id).step()) return std::nullopt;
  Node node;
  node.id = std::string(id);
  node.type = q.text(1);
  node.name = q.text(2);
  node.props = q.text(3);
  sql::Statement& aliases = impl_->statement(store::kAliasesOfNode);
  const store::Finished aliases_finished(aliases);
  store::read_aliases(aliases, q.int64(0), node.aliases);
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

std::vector<NameMatch> Store::search_names(std::string_view text, std::size_t limit) const {
  const std::string key = name_key(text);
  std::vector<NameMatch> out;
  if (key.empty()) return out;
  std::map<std::string, std::size_t> index_of_id;  // one row per node: its best match
  sql::Statement aliases(impl_->db, store::kAliasesOfNode);
  auto add = [&](const sql::Statement& row, NameMatchKind kind) {
    const std::int64_t nid = row.int64(0);
    const std::string id = row.text(1);
    if (index_of_id.count(id)) return;
    NameMatch m{id, row.text(2), row.text(3), row.text(3), kind, 0};
    // Which spelling matched: the name, else the alias closest to what was typed.
    std::vector<std::string> spellings{m.name};
    store::read_aliases(aliases, nid, spellings);
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

}  // namespace ergraph
