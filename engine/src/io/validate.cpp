// Import's validation: every record checked against the schema and the store, duplicates
// within the input merged, merge judgements applied to the ids the input names.
#include "validate.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "edge_index.hpp"
#include "edge_precheck.hpp"
#include "ergraph/schema.hpp"
#include "ergraph/spelling.hpp"
#include "ergraph/text.hpp"
#include "io_common.hpp"

namespace ergraph {
namespace {

// Stands for the type of a node whose own record was refused.
constexpr std::string_view kRejected = "\x01rejected";

std::string type_list(const std::vector<std::string>& types, bool any) {
  std::string out;
  for (const std::string& t : types) out += (out.empty() ? "" : ", ") + t;
  return any ? "any type" : out;
}

}  // namespace

// Validates a record set against a store (io::Validation's implementation).
class Validator {
 public:
  Validator(const Store& store, Diagnostics& diags, const ReadOptions& options)
      : store_(store), schema_(store.schema()), diags_(diags), options_(options) {}

  // Judgements first (merges rename what follows), then the nodes: accepted ones are moved out
  // of `records`, whose locations stay in use until the end (they must outlive the check).
  void check_nodes(RecordSet& records) {
    start_judgements(records.judgements);
    // Only when some merge could apply: on a bulk import, it would be one more copy of each id.
    if (any_merge_) {
      for (const NodeRecord& r : records.nodes) input_ids_.insert(r.node.id);
    }
    std::vector<const NodeRecord*> merged_away;
    for (NodeRecord& r : records.nodes) {
      if (!r.node.id.empty() && merged_into(r.node.id, r.where)) {
        merged_away.push_back(&r);
      } else {
        add_node(r);
      }
    }
    for (const NodeRecord* r : merged_away) fold_into_kept(*r);
    // Only new nodes' names are compared, and all are met by now.
    std::unordered_map<std::string, std::size_t>().swap(new_names_);
  }

  const std::vector<Node>& nodes() const { return nodes_; }

  // From here on the input's document texts are needed only to look quotes up in: each is
  // replaced by its quote normal form, so that no second copy is held.
  void keep_texts_normalized() {
    for (Node& node : nodes_) {
      if (node.text) *node.text = normalize_for_quote(*node.text);
    }
    texts_normalized_ = true;
  }

  // Sizes the edge index once for about this many edge records (a larger count still fits):
  // growing it by doubling held the old and the new arrays at once, near the import's peak.
  void expect_edges(std::size_t records) { edge_index_.expect(records); }

  // What the check of a part of the edges needs of the nodes alone, found ahead on a reading
  // core (io::Validation::precheck_edges). Safe beside check_edges on an earlier part: the nodes
  // and ids it reads are fixed by then.
  void precheck_edges(std::span<const EdgeRecord> part) {
    if (any_merge_) return;  // a merge may rename ids: all checked in order
    prechecks_.put(part,
                   io::precheck({nodes_, node_index_, rejected_ids_, texts_normalized_}, part));
  }

  // One part of the edge records, in input order, after check_nodes: `sink` gets every accepted
  // one, and whether an earlier accepted one has its key (from, type, to, date).
  void check_edges(std::span<EdgeRecord> part, const io::EdgeSink& sink) {
    const std::vector<io::EdgePrecheck> found = prechecks_.take(part);
    for (std::size_t k = 0; k < part.size(); ++k) {
      add_edge(part[k], sink, found.empty() ? nullptr : &found[k]);
    }
  }

  // After the last edge: stored quotes a replaced text would lose, then the judgement records.
  void finish(const RecordSet& records) {
    edge_index_.clear();
    // Texts kept normalised mean a bulk write into empty tables: it replaces no stored text (the
    // stored ones are its own by now; checking them against themselves cost M 0.2 s).
    if (!texts_normalized_) check_replaced_texts();
    for (const JudgementRecord& r : records.judgements) add_judgement(r);
  }

  // After finish, when the nodes are written and none of them is needed again (a bulk write).
  void release_nodes() {
    std::vector<Node>().swap(nodes_);
    std::vector<Location>().swap(node_where_);
    std::unordered_map<std::string, std::size_t>().swap(node_index_);
    std::unordered_map<std::string, std::optional<std::string>>().swap(texts_);
  }

  std::vector<Judgement> take_judgements() { return std::move(judgements_); }
  std::vector<std::string> take_notes() { return std::move(notes_); }
  std::vector<Node> take_nodes() { return std::move(nodes_); }

 private:
  // What an edge's check needs of an id, from one hash lookup: its type in this input or the
  // database ("" when it is in neither, kRejected when its own record was refused: that problem
  // is reported already), and its place in nodes_ when the input has it (else kNotInput), which
  // is also its key number (ordinal_of).
  static constexpr std::size_t kNotInput = std::numeric_limits<std::size_t>::max();
  struct IdLookup {
    std::string_view type;
    std::size_t node = kNotInput;
  };
  // `place`: the id's place in nodes_ when precheck_edges found it (else kNoNode).
  IdLookup look_up(const std::string& id, std::uint32_t place = io::EdgePrecheck::kNoNode) {
    if (place != io::EdgePrecheck::kNoNode) return {nodes_[place].type, place};
    if (!rejected_ids_.empty() && rejected_ids_.count(id)) return {kRejected};
    if (const auto it = node_index_.find(id); it != node_index_.end()) {
      return {nodes_[it->second].type, it->second};
    }
    if (const auto it = stored_types_.find(id); it != stored_types_.end()) return {it->second};
    return {stored_types_[id] = store_.node_type(id).value_or("")};
  }
  // The place in nodes_ an accepted edge's end has for the write (AcceptedEdge).
  static std::uint32_t place_of(const IdLookup& found) {
    return found.node == kNotInput ? io::AcceptedEdge::kStored
                                   : static_cast<std::uint32_t>(found.node);
  }
  std::uint32_t ordinal_of(const std::string& id, const IdLookup& found) {
    return found.node != kNotInput ? static_cast<std::uint32_t>(found.node)
                                   : other_ids_.number(id, nodes_.size());
  }

  // A NUL in an id or a name would be cut short by every C string on the way (SQLite's text
  // functions, Graphviz, XML); refused, with the field that holds it.
  bool free_of_nul(std::initializer_list<std::pair<const char*, const std::string*>> fields,
                   const Location& where) {
    for (const auto& [field, value] : fields) {
      if (value->find('\0') != std::string::npos) {
        diags_.add(where, std::string(field) + " holds a NUL character (\\u0000)");
        return false;
      }
    }
    return true;
  }

  // Moves an accepted node out of `r`.
  void add_node(NodeRecord& r) {
    const Node& node = r.node;
    if (node.id.empty() || node.type.empty() || node.name.empty()) return;  // reader reported
    if (!free_of_nul({{"id", &node.id}, {"type", &node.type}, {"name", &node.name}}, r.where)) {
      rejected_ids_.insert(node.id);
      return;
    }
    for (const std::string& alias : node.aliases) {
      if (!free_of_nul({{"an alias", &alias}}, r.where)) return;
    }
    const NodeType* type = schema_.node_type(node.type);
    if (type == nullptr) {
      diags_.add(r.where, diags_.full()
                              ? std::string()
                              : unknown_name("node type", node.type, schema_.node_type_names()));
      if (!node_index_.count(node.id)) rejected_ids_.insert(node.id);
      return;
    }
    if (const auto it = node_index_.find(node.id); it != node_index_.end()) {
      const Node& first = nodes_[it->second];
      const Location& first_where = node_where_[it->second];
      if (first.type != node.type) {
        diags_.add(r.where, "node id '" + node.id + "' is reused with type " + node.type +
                                "; it is a " + first.type + " at " + first_where.str());
      } else if (first.name != node.name || first.aliases != node.aliases ||
                 first.props != node.props || first.text != node.text) {
        diags_.add(r.where, "node '" + node.id +
                                "' is defined again with other content (first at " +
                                first_where.str() + ")");
      }
      return;
    }
    const std::optional<std::string> stored = store_.node_type(node.id);
    if (stored && *stored != node.type) {
      diags_.add(r.where, "node id '" + node.id + "' is reused with type " + node.type +
                              "; the database has it as a " + *stored);
      return;
    }
    check_props(type->props, node.props, "node type " + node.type, r.where);
    if (!stored) check_names(r);
    if (node.text && node.type != kDocumentType) {
      diags_.add(r.where, "only Document nodes carry text; '" + node.id + "' is a " + node.type);
    }
    node_index_[node.id] = nodes_.size();
    nodes_.push_back(std::move(r.node));
    node_where_.push_back(r.where);
  }

  // `found`: what precheck_edges found for `r`, or nullptr.
  void add_edge(EdgeRecord& r, const io::EdgeSink& sink, const io::EdgePrecheck* found) {
    Edge& edge = r.edge;
    if (edge.type.empty() || edge.from.empty() || edge.to.empty()) return;  // reader reported
    if (!free_of_nul({{"type", &edge.type}, {"from", &edge.from}, {"to", &edge.to}}, r.where)) {
      return;
    }
    for (const Citation& c : edge.sources) {
      if (!free_of_nul({{"a cited doc", &c.doc}}, r.where)) return;
    }
    for (std::string* id : {&edge.from, &edge.to}) {
      if (std::optional<std::string> kept = merged_into(*id, r.where)) *id = *kept;
    }
    for (Citation& c : edge.sources) {
      if (std::optional<std::string> kept = merged_into(c.doc, r.where)) c.doc = *kept;
    }
    const EdgeType* type = schema_.edge_type(edge.type);
    if (type == nullptr) {
      diags_.add(r.where, diags_.full()
                              ? std::string()
                              : unknown_name("edge type", edge.type, schema_.edge_type_names()));
      return;
    }
    const IdLookup from = look_up(edge.from, found ? found->from : io::EdgePrecheck::kNoNode);
    const IdLookup to = look_up(edge.to, found ? found->to : io::EdgePrecheck::kNoNode);
    const std::string_view from_type = from.type;
    const std::string_view to_type = to.type;
    if (from_type == kRejected || to_type == kRejected) return;
    bool ok = true;
    for (const auto& [side, id, node_type] :
         {std::tuple{"from", &edge.from, &from_type}, std::tuple{"to", &edge.to, &to_type}}) {
      if (node_type->empty()) {
        diags_.add(r.where, diags_.full() ? std::string()
                                          : std::string("edge ") + side + " '" + *id +
                                                "' is not a node in this import or the database" +
                                                suggest_id(*id));
        ok = false;
      }
    }
    if (ok && !type->allows(from_type, to_type)) {
      diags_.add(r.where, "edge type '" + edge.type + "' cannot join " + std::string(from_type) +
                              " → " + std::string(to_type) + " (" + edge.type + ": " +
                              type_list(type->from, type->any_from) + " → " +
                              type_list(type->to, type->any_to) + ")");
      ok = false;
    }
    check_props(type->props, edge.props, "edge type " + edge.type, r.where);
    for (std::size_t i = 0; i < edge.sources.size(); ++i) {
      ok = ((found && found->quote_found(i)) || check_citation(edge.sources[i], r.where)) && ok;
    }
    if (!ok) return;

    const std::optional<std::uint32_t> date = io::date_number(edge.date);
    const auto [position, first] = edge_index_.add(io::EdgeKey{
        ordinal_of(edge.from, from), static_cast<std::uint32_t>(type - schema_.edge_types().data()),
        ordinal_of(edge.to, to),
        date ? *date : bad_dates_.number(edge.date, std::size_t{1} << 31)});
    if (edge.props != "{}") {
      const auto [taken, added] =
          edge_props_.try_emplace(position, EdgePropsAt{edge.props, r.where});
      if (!added && taken->second.props != edge.props) {
        diags_.add(r.where, "the same edge has other props at " + taken->second.where.str());
        edge.props = "{}";  // not taken
      }
    }
    sink(r, io::AcceptedEdge{position, !first, place_of(from), place_of(to)});
  }

  bool check_citation(const Citation& c, const Location& where) {
    const IdLookup doc = look_up(c.doc);
    const std::string_view doc_type = doc.type;
    if (doc_type == kRejected) return false;
    if (doc_type.empty()) {
      diags_.add(where, diags_.full() ? std::string()
                                      : "cited doc '" + c.doc +
                                            "' is not a node in this import or the database" +
                                            suggest_id(c.doc));
      return false;
    }
    if (doc_type != kDocumentType) {
      diags_.add(where,
                 "cited doc '" + c.doc + "' is a " + std::string(doc_type) + ", not a Document");
      return false;
    }
    const std::string* text = texts_normalized_ && doc.node != kNotInput && nodes_[doc.node].text
                                  ? &*nodes_[doc.node].text
                                  : normalized_text(c.doc);
    if (text == nullptr) {
      diags_.add(where, "cited doc '" + c.doc + "' has no text to check the quote against");
      return false;
    }
    if (text->find(normalize_for_quote(c.quote)) == std::string::npos) {
      diags_.add(where, "quote not found in the text of '" + c.doc + "': \"" +
                            io::excerpt(c.quote) + "\"");
      return false;
    }
    return true;
  }

  // The normalised text a quote is looked up in: the input's text for the document, else the
  // stored one. nullptr when there is none. Each is normalised once and kept (the input's in
  // place, after keep_texts_normalized).
  const std::string* normalized_text(const std::string& doc) {
    if (texts_normalized_) {
      if (const auto it = node_index_.find(doc); it != node_index_.end()) {
        const std::optional<std::string>& text = nodes_[it->second].text;
        if (text) return &*text;
      }
    }
    if (const auto it = texts_.find(doc); it != texts_.end()) {
      return it->second ? &*it->second : nullptr;
    }
    return texts_.emplace(doc, normalized_text_of(doc)).first->second ? &*texts_[doc] : nullptr;
  }

  std::optional<std::string> normalized_text_of(const std::string& doc) const {
    if (const auto it = node_index_.find(doc); it != node_index_.end() && nodes_[it->second].text) {
      return normalize_for_quote(*nodes_[it->second].text);
    }
    if (auto stored = store_.document_text(doc)) return normalize_for_quote(*stored);
    return std::nullopt;
  }

  // A stored document whose text this input replaces must still hold every stored quote.
  void check_replaced_texts() {
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& node = nodes_[i];
      if (!node.text || node.type != kDocumentType) continue;
      const std::optional<std::string> stored = store_.document_text(node.id);
      if (!stored || *stored == *node.text) continue;
      const std::string* text = normalized_text(node.id);
      std::size_t lost = 0;
      std::string example;
      for (const Citation& c : store_.citations_of(node.id)) {
        if (text->find(normalize_for_quote(c.quote)) == std::string::npos) {
          if (lost++ == 0) example = c.quote;
        }
      }
      if (lost > 0) {
        diags_.add(node_where_[i], "the new text of '" + node.id + "' no longer holds " +
                                       std::to_string(lost) +
                                       " quote(s) the database cites from it, e.g. \"" +
                                       io::excerpt(example) + "\"");
      }
    }
  }

  void check_props(const std::map<std::string, PropType>& declared, const std::string& props,
                   const std::string& owner, const Location& where) {
    if (props == "{}") return;
    std::vector<std::string> problems;
    ergraph::check_props(declared, props, owner, problems);
    for (std::string& p : problems) diags_.add(where, std::move(p));
  }

  // The merges this input's judgement records make, and the distinct pairs stored or read.
  void start_judgements(const std::vector<JudgementRecord>& records) {
    for (const JudgementRecord& r : records) {
      const Judgement& j = r.judgement;
      if (j.kind == "merge" && !j.drop.empty()) {
        input_merges_.try_emplace(j.drop, j.keep);
      } else if (j.kind == "distinct") {
        distinct_.insert(std::minmax(j.keep, j.drop));
      }
    }
    for (const Judgement& j : store_.judgements()) {
      if (j.kind == "distinct") distinct_.insert(std::minmax(j.keep, j.drop));
      if (j.kind == "merge") any_merge_ = true;
    }
    any_merge_ = any_merge_ || !input_merges_.empty();
  }

  // The node `id` was merged into, when `id` is neither in this input nor stored but a merge
  // (stored or in this input) removed it; a note says so once per id.
  std::optional<std::string> merged_into(const std::string& id, const Location& where) {
    if (!any_merge_ || node_index_.count(id)) return std::nullopt;
    // A node this input defines is itself, whatever the input's own judgements say (a merge
    // record beside its merged-away node is refused in add_judgement).
    if (input_ids_.count(id) && !store_.merged_into(id)) return std::nullopt;
    const auto cached = merged_.find(id);
    if (cached != merged_.end()) return cached->second;
    const std::optional<std::string> kept = kept_node_of(id);
    merged_[id] = kept;
    if (kept) {
      notes_.push_back(where.str() + ": note: '" + id + "' was merged into '" + *kept +
                       "' (ergraph judgements): read as '" + *kept +
                       "' here and wherever this input names it");
    }
    return kept;
  }

  // The node `id` was merged into, by the stored and the input's merges: merged_into's answer
  // before its note and its cache.
  std::optional<std::string> kept_node_of(const std::string& id) const {
    if (!any_merge_ || node_index_.count(id)) return std::nullopt;
    if (input_ids_.count(id) && !store_.merged_into(id)) return std::nullopt;
    if (store_.node_type(id)) return std::nullopt;
    std::optional<std::string> kept;
    std::string at = id;
    for (int steps = 0; steps < 10000; ++steps) {
      const auto it = input_merges_.find(at);
      if (it == input_merges_.end()) break;
      at = it->second;
      kept = at;
    }
    if (std::optional<std::string> stored = store_.merged_into(kept.value_or(id))) kept = stored;
    return kept;
  }

  // A record of a merged-away node: its name and aliases become the kept node's aliases and
  // its props fill the keys the kept node lacks, as the merge did.
  void fold_into_kept(const NodeRecord& r) {
    const std::string kept = *merged_into(r.node.id, r.where);
    Node* into = nullptr;
    if (const auto it = node_index_.find(kept); it != node_index_.end()) {
      into = &nodes_[it->second];
    } else if (std::optional<Node> stored = store_.find_node(kept)) {
      node_index_[kept] = nodes_.size();
      stored->aliases.clear();
      nodes_.push_back(std::move(*stored));
      node_where_.push_back(r.where);
      into = &nodes_.back();
    } else {
      diags_.add(r.where, "node '" + r.node.id + "' was merged into '" + kept +
                              "', which is neither stored nor in this input");
      return;
    }
    if (into->type != r.node.type) {
      diags_.add(r.where, "node '" + r.node.id + "' is a " + r.node.type +
                              ", but the node it was merged into, '" + kept + "', is a " +
                              into->type);
      return;
    }
    std::vector<std::string> spellings{r.node.name};
    spellings.insert(spellings.end(), r.node.aliases.begin(), r.node.aliases.end());
    for (const std::string& spelling : spellings) {
      if (spelling != into->name &&
          std::find(into->aliases.begin(), into->aliases.end(), spelling) == into->aliases.end()) {
        into->aliases.push_back(spelling);
      }
    }
    if (r.node.props != "{}") {
      into->props = merge_props(r.node.props, into->props);  // fills the keys it lacks
    }
  }

  // A new node named (name or alias, folded) like another node of its type, stored or new in
  // this input, unless the pair is judged distinct: a warning (an error with strict_names).
  void check_names(const NodeRecord& r) {
    const Node& node = r.node;
    std::vector<std::string> spellings{node.name};
    spellings.insert(spellings.end(), node.aliases.begin(), node.aliases.end());
    std::unordered_set<std::string> reported;
    if (!stored_any_) stored_any_ = !store_.ids_near("", 1).empty();
    for (const std::string& spelling : spellings) {
      const std::string key = name_key(spelling);
      if (key.empty()) continue;
      auto report = [&](const std::string& other_id, const std::string& other_name, bool as_name,
                        const std::string& other_where) {
        if (other_id == node.id || !reported.insert(other_id).second) return;
        if (distinct_.count(std::minmax(node.id, other_id))) return;
        std::string message = "new node '" + node.id + "' (" + node.type + "): \"" + spelling +
                              "\" is " + (as_name ? "the name" : "an alias") + " of '" + other_id +
                              "' (" + other_name + ")" + other_where +
                              "; if they are one actor: ergraph merge " + other_id + " " + node.id +
                              " (or ergraph distinct " + other_id + " " + node.id + " if not)";
        if (options_.strict_names) {
          diags_.add(r.where, message + " [--strict-names]");
        } else {
          notes_.push_back(r.where.str() + ": warning: " + message);
        }
      };
      // This node is about to be nodes_[nodes_.size()]; a second spelling of its own with the
      // same key finds itself.
      const auto [it, first] = new_names_.try_emplace(node.type + '\x1f' + key, nodes_.size());
      if (!first && it->second < nodes_.size()) {
        const Node& other = nodes_[it->second];
        report(other.id, other.name, name_key(other.name) == key,
               " at " + node_where_[it->second].str());
      }
      if (!*stored_any_) continue;
      for (const Node& other : store_.find_by_name(spelling)) {
        if (other.type != node.type) continue;
        report(other.id, other.name, name_key(other.name) == key, " in the database");
      }
    }
  }

  // A judgement read from a file: a merge's kept node must exist and its merged-away one must
  // not; a distinct pair's nodes must both exist.
  void add_judgement(const JudgementRecord& r) {
    const Judgement& j = r.judgement;
    if (j.kind.empty() || j.keep.empty() || j.drop.empty()) return;  // reader reported
    auto exists = [&](const std::string& id) {
      return node_index_.count(id) > 0 || store_.node_type(id).has_value();
    };
    if (j.kind == "merge") {
      if (exists(j.drop)) {
        diags_.add(r.where, "this judgement merges '" + j.drop + "' into '" + j.keep + "', but '" +
                                j.drop + "' is a node in this import or the database: " +
                                "merge it with ergraph merge " + j.keep + " " + j.drop);
        return;
      }
      if (!exists(j.keep) && !merged_into(j.keep, r.where)) {
        diags_.add(r.where, "this judgement keeps '" + j.keep +
                                "', which is not a node in this import or the database");
        return;
      }
    } else {
      for (const std::string& id : {j.keep, j.drop}) {
        if (!exists(id)) {
          diags_.add(r.where, "this judgement names '" + id +
                                  "', which is not a node in this import or the database");
          return;
        }
      }
    }
    judgements_.push_back(j);
  }

  // " (did you mean ...?)" for a misspelt id: among this input's ids (their spellings indexed
  // once, not once per problem), then the stored ones sorting beside it.
  std::string suggest_id(const std::string& id) {
    if (!batch_ids_ || batch_ids_->size() != nodes_.size()) {
      std::vector<std::string> ids;
      ids.reserve(nodes_.size());
      for (const Node& n : nodes_) ids.push_back(n.id);
      batch_ids_.emplace(std::move(ids));
    }
    return batch_ids_->did_you_mean(id, store_.ids_near(id));
  }

  const Store& store_;
  const Schema& schema_;
  Diagnostics& diags_;
  // The accepted nodes, moved out of their records, and those records (for their locations).
  std::vector<Node> nodes_;
  std::vector<Location> node_where_;  // each accepted node's record
  std::unordered_map<std::string, std::size_t> node_index_;
  std::unordered_map<std::string, std::string> stored_types_;
  std::unordered_map<std::string, std::optional<std::string>> texts_;
  bool texts_normalized_ = false;
  io::Prechecks prechecks_;  // precheck_edges' findings, until check_edges takes them

  // The accepted edges' keys, ids interned: a node of the input is its place in nodes_, any
  // other id (stored) a number after those; a type its place in the schema; a date its digits
  // (date_number), or a bad one (reported already) a number as met, above those.
  io::EdgeIndex edge_index_;
  io::Interner other_ids_, bad_dates_;
  // The props an accepted edge took, and where from (edges without props have no entry).
  struct EdgePropsAt {
    std::string props;
    Location where;
  };
  std::unordered_map<std::uint32_t, EdgePropsAt> edge_props_;

  std::optional<SpellingIndex> batch_ids_;
  std::unordered_set<std::string> rejected_ids_;
  const ReadOptions& options_;
  std::vector<std::string> notes_;
  std::vector<Judgement> judgements_;
  std::unordered_map<std::string, std::string> input_merges_;  // merged-away id -> kept id
  std::unordered_map<std::string, std::optional<std::string>> merged_;
  std::set<std::pair<std::string, std::string>> distinct_;
  std::unordered_map<std::string, std::size_t> new_names_;  // type \x1f name key -> nodes_
  std::optional<bool> stored_any_;
  bool any_merge_ = false;
  std::unordered_set<std::string> input_ids_;
};

// The Validator's phases, for import's streaming write.
io::Validation::Validation(const Store& store, Diagnostics& diags, const ReadOptions& options)
    : validator_(std::make_unique<Validator>(store, diags, options)) {}
io::Validation::~Validation() = default;
void io::Validation::check_nodes(RecordSet& records) { validator_->check_nodes(records); }
const std::vector<Node>& io::Validation::nodes() const { return validator_->nodes(); }
void io::Validation::keep_texts_normalized() { validator_->keep_texts_normalized(); }
void io::Validation::check_edges(std::span<EdgeRecord> part, const EdgeSink& sink) {
  validator_->check_edges(part, sink);
}
void io::Validation::expect_edges(std::size_t records) { validator_->expect_edges(records); }
void io::Validation::precheck_edges(std::span<const EdgeRecord> part) {
  validator_->precheck_edges(part);
}
void io::Validation::finish(const RecordSet& records) { validator_->finish(records); }
void io::Validation::release_nodes() { validator_->release_nodes(); }
std::vector<Judgement> io::Validation::take_judgements() { return validator_->take_judgements(); }
std::vector<std::string> io::Validation::take_notes() { return validator_->take_notes(); }
std::vector<Node> io::Validation::take_nodes() { return validator_->take_nodes(); }

}  // namespace ergraph
