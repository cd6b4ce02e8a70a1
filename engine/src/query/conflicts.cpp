#include "ergraph/conflicts.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "ergraph/graph.hpp"
#include "ergraph/text.hpp"

namespace ergraph {
namespace {

constexpr const char* kTitle = "title";

// A property value as a side shows it (a string as it is, anything else as JSON), and the key
// sides are grouped by (a string's name key: "Foreign Minister" and "foreign minister" agree).
std::pair<std::string, std::string> shown_and_key(const nlohmann::json& value) {
  if (value.is_string()) {
    const std::string s = value.get<std::string>();
    const std::string key = name_key(s);
    return {s, key.empty() ? s : key};
  }
  const std::string s = value.dump();
  return {s, s};
}

nlohmann::json props_of(const Edge& e) {
  nlohmann::json props = nlohmann::json::parse(e.props, nullptr, false);
  return props.is_object() ? props : nlohmann::json::object();
}

// Groups edges into sides by a key, each side shown by the first spelling met.
class Sides {
 public:
  void add(const std::string& key, const std::string& shown, const Edge& edge) {
    auto [at, added] = by_key_.try_emplace(key);
    if (added) at->second.says = shown;
    at->second.edges.push_back(edge);
  }
  std::size_t size() const { return by_key_.size(); }
  std::size_t documents() const {
    std::set<std::string> docs;
    for (const auto& [key, side] : by_key_) {
      for (const Edge& e : side.edges) {
        for (const Citation& c : e.sources) docs.insert(c.doc);
      }
    }
    return docs.size();
  }
  std::vector<ConflictSide> take(const SourceCounter& counter) {
    std::vector<ConflictSide> out;
    for (auto& [key, side] : by_key_) {
      std::vector<Citation> all;
      for (Edge& e : side.edges) {
        e.evidence = counter.count(e.sources);
        all.insert(all.end(), e.sources.begin(), e.sources.end());
      }
      side.evidence = counter.count(all);
      out.push_back(std::move(side));
    }
    std::sort(out.begin(), out.end(),
              [](const ConflictSide& a, const ConflictSide& b) { return a.says < b.says; });
    return out;
  }

 private:
  std::map<std::string, ConflictSide> by_key_;
};

// Whether two dates cannot be the same day (their ranges do not overlap).
bool disjoint(const std::string& a, const std::string& b) {
  const std::optional<DateRange> x = date_range(a), y = date_range(b);
  return x && y && (x->last < y->first || y->last < x->first);
}

class Finder {
 public:
  Finder(const Store& store, const SourceCounter& counter) : store_(store), counter_(counter) {}

  // The edges of one `from`, in (type, to, date) order.
  void block(const std::vector<Edge>& edges) {
    if (edges.empty()) return;
    const std::string& from = edges.front().from;
    const bool from_document = counter_.is_document(from);
    std::map<std::string, std::vector<const Edge*>> by_to;
    std::map<std::pair<std::string, std::string>, std::vector<const Edge*>> by_relation;
    Sides titles;
    for (const Edge& e : edges) {
      by_to[e.to].push_back(&e);
      by_relation[{e.type, e.to}].push_back(&e);
      const nlohmann::json props = props_of(e);
      if (const auto t = props.find(kTitle); t != props.end()) {
        const auto [shown, key] = shown_and_key(*t);
        titles.add(key, shown, e);
      }
      // A document's own claims: one relation per (type, to) across documents, gathered here.
      if (from_document && !props.empty()) document_claims_[{e.type, e.to}].push_back(e);
    }
    for (const auto& [to, list] : by_to) opposed(from, to, list);
    for (const auto& [relation, list] : by_relation) {
      if (!from_document) values(from, relation.second, list);
      dates(from, relation.second, list);
    }
    if (titles.size() >= 2 && titles.documents() >= 2) {
      add(ConflictKind::kDifferentTitles, from, "", kTitle, titles);
    }
  }

  std::vector<Conflict> finish() {
    for (const auto& [relation, list] : document_claims_) {
      std::vector<const Edge*> pointers;
      for (const Edge& e : list) pointers.push_back(&e);
      values(relation.second, "", pointers);
    }
    std::sort(found_.begin(), found_.end(), [](const Conflict& a, const Conflict& b) {
      const std::string ao = a.object ? a.object->id : "", bo = b.object ? b.object->id : "";
      return std::tie(a.kind, a.subject.id, ao, a.about) <
             std::tie(b.kind, b.subject.id, bo, b.about);
    });
    return std::move(found_);
  }

 private:
  void opposed(const std::string& from, const std::string& to,
               const std::vector<const Edge*>& list) {
    for (const auto& [a, b] : store_.schema().opposes()) {
      Sides sides;
      for (const Edge* e : list) {
        if (e->type == a || e->type == b) sides.add(e->type, e->type, *e);
      }
      if (sides.size() == 2) add(ConflictKind::kOpposedStances, from, to, a + " / " + b, sides);
    }
  }

  // `to` == "" for a documents' claim about `subject`.
  void values(const std::string& subject, const std::string& to,
              const std::vector<const Edge*>& list) {
    std::map<std::string, Sides> by_prop;
    for (const Edge* e : list) {
      const nlohmann::json props = props_of(*e);  // items() does not keep a temporary alive
      for (const auto& [prop, value] : props.items()) {
        if (prop == kTitle) continue;  // titles are compared per actor, across relations
        if (is_free_text(prop)) continue;
        const auto [shown, key] = shown_and_key(value);
        by_prop[prop].add(key, shown, *e);
      }
    }
    for (auto& [prop, sides] : by_prop) {
      if (sides.size() >= 2 && sides.documents() >= 2) {
        add(ConflictKind::kDifferentValues, subject, to, list.front()->type + " " + prop, sides);
      }
    }
  }

  void dates(const std::string& from, const std::string& to, const std::vector<const Edge*>& list) {
    bool any = false;
    for (std::size_t i = 0; i < list.size() && !any; ++i) {
      for (std::size_t j = i + 1; j < list.size() && !any; ++j) {
        any = disjoint(list[i]->date, list[j]->date);
      }
    }
    if (!any) return;
    Sides sides;
    for (const Edge* e : list) {
      if (!e->date.empty()) sides.add(e->date, e->date, *e);
    }
    add(ConflictKind::kDifferentDates, from, to, list.front()->type + " date", sides);
  }

  void add(ConflictKind kind, const std::string& subject, const std::string& object,
           std::string about, Sides& sides) {
    Conflict c;
    c.kind = kind;
    c.subject = node(subject);
    if (!object.empty()) c.object = node(object);
    c.about = std::move(about);
    c.sides = sides.take(counter_);
    found_.push_back(std::move(c));
  }

  Node node(const std::string& id) {
    std::optional<Node> n = store_.find_node(id);
    Node out;
    out.id = id;
    if (n) {
      out.type = std::move(n->type);
      out.name = std::move(n->name);
    }
    return out;
  }

  bool is_free_text(const std::string& prop) const {
    const std::vector<std::string>& free = store_.schema().free_text();
    return std::find(free.begin(), free.end(), prop) != free.end();
  }

  const Store& store_;
  const SourceCounter& counter_;
  std::map<std::pair<std::string, std::string>, std::vector<Edge>> document_claims_;
  std::vector<Conflict> found_;
};

}  // namespace

const char* conflict_kind_name(ConflictKind kind) {
  switch (kind) {
    case ConflictKind::kOpposedStances:
      return "opposed stances";
    case ConflictKind::kDifferentValues:
      return "different values";
    case ConflictKind::kDifferentDates:
      return "different dates";
    case ConflictKind::kDifferentTitles:
      return "different titles";
  }
  return "";
}

std::vector<Conflict> find_conflicts(const Store& store, const SourceCounter& counter,
                                     const std::string& node_id) {
  Finder finder(store, counter);
  std::vector<Edge> block;
  auto take = [&](const Edge& e) {
    if (!block.empty() && block.front().from != e.from) {
      finder.block(block);
      block.clear();
    }
    block.push_back(e);
  };
  if (node_id.empty()) {
    store.for_each_edge(take);
  } else {
    // Every edge of a conflict about the node touches it; the edges come ordered by (type, from,
    // to, date), so they are regrouped by from.
    std::vector<Edge> edges = store.edges_touching(node_id);
    std::stable_sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) {
      return std::tie(a.from, a.type, a.to, a.date) < std::tie(b.from, b.type, b.to, b.date);
    });
    for (const Edge& e : edges) take(e);
  }
  finder.block(block);
  std::vector<Conflict> found = finder.finish();
  if (!node_id.empty()) {
    std::erase_if(found, [&](const Conflict& c) {
      return c.subject.id != node_id && !(c.object && c.object->id == node_id);
    });
  }
  return found;
}

}  // namespace ergraph
