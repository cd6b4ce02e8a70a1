#include "match.hpp"

#include <algorithm>
#include <limits>
#include <span>

#include "eval.hpp"
#include "trail_ends.hpp"

namespace ergraph::cypher {

namespace {

// Where a pattern's matching starts: one vertex, a list, or every vertex.
struct Candidates {
  enum class Kind { kOne, kList, kAll } kind = Kind::kAll;
  std::uint32_t one = 0;
  const std::vector<std::uint32_t>* list = nullptr;  // kept by the context; null: `owned`
  std::vector<std::uint32_t> owned;                  // a union of several labels' vertices, or none
  std::size_t cost = std::numeric_limits<std::size_t>::max();

  // kList's vertices. (Not a pointer to `owned`: that would dangle once the value is copied.)
  const std::vector<std::uint32_t>& items() const { return list ? *list : owned; }
};

struct Step {
  std::size_t rel;
  bool forward;  // from node rel to node rel + 1
};

class Matcher {
 public:
  Matcher(std::span<const Pattern> patterns, const Expr* where, Row& row, Context& ctx,
          const Emit& emit, bool ends_only = false)
      : patterns_(patterns),
        where_(where),
        row_(row),
        ctx_(ctx),
        g_(ctx.adjacency()),
        emit_(emit),
        done_(patterns.size(), false),
        bound_(row.size(), 0),
        ends_only_(ends_only) {
    for (const Pattern& p : patterns) {
      for (const RelPattern& r : p.rels) filters_.push_back(type_filter(r));
      trails_.resize(filters_.size());
      for (const NodePattern& n : p.nodes) node_types_.push_back(type_indices(n.labels));
    }
  }

  void bind_below(std::size_t slots) {
    for (std::size_t s = 0; s < slots && s < bound_.size(); ++s) bound_[s] = 1;
  }
  void bind_all_except_anonymous() {
    std::fill(bound_.begin(), bound_.end(), 1);
    for (const Pattern& p : patterns_) {
      for (const NodePattern& n : p.nodes) {
        if (n.variable.empty()) bound_[n.slot] = 0;
      }
      for (const RelPattern& r : p.rels) bound_[r.slot] = 0;
    }
  }

  void run() { next_pattern(); }

 private:
  std::span<const Pattern> patterns_;
  const Expr* where_;
  Row& row_;
  Context& ctx_;
  const Adjacency& g_;
  const Emit& emit_;
  std::uint64_t weight_ = 1;  // how many matches the row being built stands for
  std::vector<bool> done_;
  std::vector<char> bound_;
  std::vector<std::uint32_t> used_;  // relationships matched so far in this clause
  std::vector<TypeFilter> filters_;  // by relationship, all patterns in order
  // A variable-length relationship's trail as being walked (right to left when reversed).
  struct Trail {
    const std::vector<std::uint32_t>* edges = nullptr;
    bool reversed = false;
  };
  std::vector<Trail> trails_;                           // by relationship, all patterns in order
  std::vector<std::vector<std::uint16_t>> node_types_;  // by node, all patterns in order
  bool stop_ = false;
  bool ends_only_ = false;  // see reach()

  TypeFilter type_filter(const RelPattern& r) const {
    TypeFilter f;
    if (r.types.empty()) return f;
    f.ok.assign(ctx_.graph().edge_types().size(), false);
    for (const std::string& t : r.types) {
      const std::uint16_t i = ctx_.edge_type_index(t);
      if (i < f.ok.size()) f.ok[i] = true;
    }
    return f;
  }
  std::vector<std::uint16_t> type_indices(const std::vector<std::string>& labels) const {
    std::vector<std::uint16_t> out;
    for (const std::string& l : labels) out.push_back(ctx_.node_type_index(l));
    return out;
  }

  // Relationship r (node n) of pattern p, numbered across all the clause's patterns.
  std::size_t rel_index(const Pattern& p, std::size_t r) const { return offset(p, true) + r; }
  std::size_t node_index(const Pattern& p, std::size_t n) const { return offset(p, false) + n; }
  std::size_t offset(const Pattern& p, bool rels) const {
    std::size_t i = 0;
    for (const Pattern& q : patterns_) {
      if (&q == &p) break;
      i += rels ? q.rels.size() : q.nodes.size();
    }
    return i;
  }

  // The cheapest way into node pattern `n`: its bound vertex, a lookup by id or name, the
  // vertices of its labels, or every vertex.
  Candidates candidates(const Pattern& p, std::size_t n) {
    const NodePattern& np = p.nodes[n];
    Candidates c;
    if (bound_[np.slot]) {
      const Value& v = row_[np.slot];
      c.cost = 1;
      if (!v.is<NodeRef>()) {
        c.kind = Candidates::Kind::kList;
        c.list = nullptr;  // null or not a node: nothing matches
        c.cost = 0;
        return c;
      }
      c.kind = Candidates::Kind::kOne;
      c.one = v.as<NodeRef>().vertex;
      return c;
    }
    for (std::size_t i = 0; i < np.prop_keys.size(); ++i) {
      if (np.prop_keys[i] != "id" && np.prop_keys[i] != "name") continue;
      const Value v = evaluate(*np.prop_values[i], row_, ctx_);
      if (np.prop_keys[i] == "id") {
        c.kind = Candidates::Kind::kList;
        c.list = nullptr;
        if (v.is<std::string>()) {
          if (const auto vertex = ctx_.graph().vertex(v.as<std::string>())) {
            c.kind = Candidates::Kind::kOne;
            c.one = index_of(*vertex);
          }
        }
        c.cost = c.kind == Candidates::Kind::kOne ? 1 : 0;
        return c;
      }
      c.kind = Candidates::Kind::kList;
      c.list = v.is<std::string>() ? &ctx_.vertices_named(v.as<std::string>()) : nullptr;
      c.cost = c.items().size();
    }
    if (c.kind == Candidates::Kind::kList) return c;
    const auto& types = node_types_[node_index(p, n)];
    if (!types.empty()) {
      c.kind = Candidates::Kind::kList;
      if (types.size() == 1) {
        c.list = &ctx_.vertices_of_type(types[0]);
      } else {
        for (std::uint16_t t : types) {
          const auto& vs = ctx_.vertices_of_type(t);
          c.owned.insert(c.owned.end(), vs.begin(), vs.end());
        }
        std::sort(c.owned.begin(), c.owned.end());
        c.owned.erase(std::unique(c.owned.begin(), c.owned.end()), c.owned.end());
        c.list = nullptr;
      }
      c.cost = c.items().size();
      return c;
    }
    c.kind = Candidates::Kind::kAll;
    c.cost = g_.vertex_count() + 1;
    return c;
  }

  template <typename F>
  void for_each_candidate(const Candidates& c, std::size_t at, F&& f) {
    switch (c.kind) {
      case Candidates::Kind::kOne:
        f(c.one);
        return;
      case Candidates::Kind::kList:
        for (std::uint32_t v : c.items()) {
          if (stop_) return;
          ctx_.step(at);
          f(v);
        }
        return;
      case Candidates::Kind::kAll:
        for (std::uint32_t v = 0; v < g_.vertex_count() && !stop_; ++v) {
          ctx_.step(at);
          f(v);
        }
        return;
    }
  }

  bool props_match(const std::vector<std::string>& keys, const std::vector<ExprPtr>& values,
                   bool node, std::uint32_t id) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const Value want = evaluate(*values[i], row_, ctx_);
      const Value have = node ? ctx_.node_property(id, keys[i]) : ctx_.edge_property(id, keys[i]);
      const Truth t = equals(have, want);
      if (!t || !*t) return false;
    }
    return true;
  }

  // Binds node pattern `n` of `p` to vertex v if it fits, runs `then`, and unbinds.
  template <typename F>
  void try_node(const Pattern& p, std::size_t n, std::uint32_t v, F&& then) {
    const NodePattern& np = p.nodes[n];
    if (bound_[np.slot]) {
      const Value& have = row_[np.slot];
      if (!have.is<NodeRef>() || have.as<NodeRef>().vertex != v) return;
      then();
      return;
    }
    const auto& types = node_types_[node_index(p, n)];
    if (!types.empty() && std::find(types.begin(), types.end(), g_.vertex_type(v)) == types.end())
      return;
    if (!np.prop_keys.empty() && !props_match(np.prop_keys, np.prop_values, true, v)) return;
    row_[np.slot] = NodeRef{v};
    bound_[np.slot] = 1;
    then();
    bound_[np.slot] = 0;
  }

  bool edge_fits(const RelPattern& r, std::uint32_t e) {
    if (std::find(used_.begin(), used_.end(), e) != used_.end()) return false;
    return r.prop_keys.empty() || props_match(r.prop_keys, r.prop_values, false, e);
  }

  // Which rows a step walks: out-edges, in-edges or both.
  static void directions(Direction d, bool forward, bool& out, bool& in) {
    out = in = true;
    if (d == Direction::kRight) {
      out = forward;
      in = !forward;
    } else if (d == Direction::kLeft) {
      out = !forward;
      in = forward;
    }
  }

  void next_pattern() {
    if (stop_) return;
    // The pattern whose best start is cheapest, given what is bound by now.
    std::size_t best = patterns_.size(), best_node = 0;
    std::size_t best_cost = std::numeric_limits<std::size_t>::max();
    for (std::size_t i = 0; i < patterns_.size(); ++i) {
      if (done_[i]) continue;
      const Pattern& p = patterns_[i];
      for (std::size_t n = 0; n < p.nodes.size(); ++n) {
        if (p.kind != PathKind::kPlain && n > 0) break;
        const std::size_t cost = candidates(p, n).cost;
        if (best == patterns_.size() || cost < best_cost) {
          best = i;
          best_node = n;
          best_cost = cost;
        }
      }
    }
    if (best == patterns_.size()) {
      if (!where_ || holds(*where_, row_, ctx_)) {
        if (!emit_(row_, weight_)) stop_ = true;
      }
      return;
    }
    done_[best] = true;
    const Pattern& p = patterns_[best];
    if (p.kind != PathKind::kPlain) {
      shortest(p);
    } else {
      std::vector<Step> steps;
      for (std::size_t r = best_node; r < p.rels.size(); ++r) steps.push_back({r, true});
      for (std::size_t r = best_node; r-- > 0;) steps.push_back({r, false});
      const Candidates c = candidates(p, best_node);
      for_each_candidate(c, p.nodes[best_node].at, [&](std::uint32_t v) {
        try_node(p, best_node, v, [&] { walk(p, steps, 0); });
      });
    }
    done_[best] = false;
  }

  void walk(const Pattern& p, const std::vector<Step>& steps, std::size_t k) {
    if (stop_) return;
    if (k == steps.size()) {
      finish(p);
      return;
    }
    const Step s = steps[k];
    const RelPattern& r = p.rels[s.rel];
    const std::size_t from_node = s.forward ? s.rel : s.rel + 1;
    const std::size_t to_node = s.forward ? s.rel + 1 : s.rel;
    const std::uint32_t u = row_[p.nodes[from_node].slot].as<NodeRef>().vertex;
    bool out = true, in = true;
    directions(r.direction, s.forward, out, in);
    const TypeFilter& filter = filters_[rel_index(p, s.rel)];
    if (countable(p, steps, k)) {
      count_last_hop(p, steps, k, r, out, in, u);
      return;
    }
    if (!r.variable_length) {
      for_each_neighbor(g_, filter, u, out, in, [&](std::uint32_t w, std::uint32_t e, bool) {
        if (stop_) return;
        ctx_.step(r.at);
        if (!edge_fits(r, e)) return;
        try_node(p, to_node, w, [&] {
          row_[r.slot] = RelRef{e};
          used_.push_back(e);
          walk(p, steps, k + 1);
          used_.pop_back();
        });
      });
      return;
    }
    if (ends_only_) {
      reach(p, steps, k, r, filter, out, in, to_node, u);
      return;
    }
    std::vector<std::uint32_t> trail;
    extend(p, steps, k, r, filter, out, in, to_node, s.forward, u, trail);
  }

  // The clause's last hop, when nothing can tell its matches apart: a relationship of any type
  // to a node of any type, neither named anywhere else in the query (the binder counts the
  // uses), in no path, the last step of the last pattern.
  // Its matches are then counted from the row's length (a weight on the row) instead of walked
  // one by one: `MATCH (a:Person)-->(b)-->(c) RETURN count(*)` reads each b's row length once.
  bool countable(const Pattern& p, const std::vector<Step>& steps, std::size_t k) const {
    if (k + 1 != steps.size() || p.path_slot != kNoSlot) return false;
    for (std::size_t i = 0; i < patterns_.size(); ++i) {
      if (!done_[i]) return false;
    }
    const RelPattern& r = p.rels[steps[k].rel];
    const NodePattern& n = p.nodes[steps[k].forward ? steps[k].rel + 1 : steps[k].rel];
    return !r.variable_length && r.uses == 0 && r.types.empty() && r.prop_keys.empty() &&
           n.uses == 0 && !bound_[n.slot] && n.labels.empty() && n.prop_keys.empty();
  }

  // The entries of u's rows the hop would walk (a self-loop is in the both-ways row twice),
  // less those whose edge this clause has used already.
  void count_last_hop(const Pattern& p, const std::vector<Step>& steps, std::size_t k,
                      const RelPattern& r, bool out, bool in, std::uint32_t u) {
    ctx_.step(r.at);
    std::uint64_t n = (out ? g_.out_degree(u) : 0) + (in ? g_.in_degree(u) : 0);
    for (std::uint32_t e : used_) {
      n -= (out && g_.source(e) == u ? 1 : 0) + (in && g_.target(e) == u ? 1 : 0);
    }
    if (n == 0) return;
    const std::uint64_t before = weight_;
    weight_ *= n;
    walk(p, steps, k + 1);
    weight_ = before;
  }

  // Variable length when only the distinct ends matter (match_patterns' `ends_only`): each
  // vertex a trail of min..max edges (min at most 1) reaches, once (trail_ends.hpp).
  void reach(const Pattern& p, const std::vector<Step>& steps, std::size_t k, const RelPattern& r,
             const TypeFilter& filter, bool out, bool in, std::size_t to_node, std::uint32_t u) {
    const TrailEnds ends = trail_ends(g_, filter, u, out, in, r.max, [&](std::uint32_t e) {
      ctx_.step(r.at);
      return r.prop_keys.empty() || props_match(r.prop_keys, r.prop_values, false, e);
    });
    for (std::uint32_t w : ends.reached) {
      if (stop_) return;
      try_node(p, to_node, w, [&] { walk(p, steps, k + 1); });
    }
    if (!stop_ && (r.min == 0 || ends.back_to_start)) {
      try_node(p, to_node, u, [&] { walk(p, steps, k + 1); });
    }
  }

  // Variable length: every trail of min..max edges from u, each ending in a vertex that fits
  // the next node pattern.
  void extend(const Pattern& p, const std::vector<Step>& steps, std::size_t k, const RelPattern& r,
              const TypeFilter& filter, bool out, bool in, std::size_t to_node, bool forward,
              std::uint32_t u, std::vector<std::uint32_t>& trail) {
    if (stop_) return;
    if (trail.size() >= r.min) {
      try_node(p, to_node, u, [&] {
        // The list value is built only for a named variable; a path reads the trail itself.
        if (!r.variable.empty()) {
          List rels;
          if (forward) {
            for (std::uint32_t e : trail) rels.emplace_back(RelRef{e});
          } else {
            for (auto it = trail.rbegin(); it != trail.rend(); ++it) rels.emplace_back(RelRef{*it});
          }
          row_[r.slot] = std::move(rels);
        }
        Trail& t = trails_[rel_index(p, static_cast<std::size_t>(&r - p.rels.data()))];
        t = {&trail, !forward};
        walk(p, steps, k + 1);
        t = {};
      });
    }
    if (trail.size() >= r.max) return;
    for_each_neighbor(g_, filter, u, out, in, [&](std::uint32_t w, std::uint32_t e, bool) {
      if (stop_) return;
      ctx_.step(r.at);
      if (!edge_fits(r, e)) return;
      trail.push_back(e);
      used_.push_back(e);
      extend(p, steps, k, r, filter, out, in, to_node, forward, w, trail);
      used_.pop_back();
      trail.pop_back();
    });
  }

  // The edges a relationship element matched, left to right.
  std::vector<std::uint32_t> edges_of(const Pattern& p, std::size_t i) const {
    const RelPattern& r = p.rels[i];
    std::vector<std::uint32_t> out;
    if (const Trail& t = trails_[rel_index(p, i)]; t.edges) {
      out = *t.edges;
      if (t.reversed) std::reverse(out.begin(), out.end());
      return out;
    }
    const Value& v = row_[r.slot];
    if (v.is<RelRef>()) {
      out.push_back(v.as<RelRef>().edge);
    } else {
      for (const Value& x : v.as<List>()) out.push_back(x.as<RelRef>().edge);
    }
    return out;
  }

  void finish(const Pattern& p) {
    if (p.path_slot != kNoSlot) {
      PathRef path;
      std::uint32_t at = row_[p.nodes[0].slot].as<NodeRef>().vertex;
      path.nodes.push_back(at);
      for (std::size_t i = 0; i < p.rels.size(); ++i) {
        for (std::uint32_t e : edges_of(p, i)) {
          const SnapshotEdge se = ctx_.graph().edge(EdgeId(e));
          at = index_of(se.from) == at ? index_of(se.to) : index_of(se.from);
          path.nodes.push_back(at);
          path.edges.push_back(e);
        }
      }
      row_[p.path_slot] = std::move(path);
    }
    next_pattern();
  }

  // shortestPath / allShortestPaths: each pair of endpoints the node patterns allow, searched
  // by the bidirectional BFS with the relationship's types, direction and longest length.
  void shortest(const Pattern& p) {
    const RelPattern& r = p.rels[0];
    TraversalFilter filter;
    filter.directed = r.direction != Direction::kBoth;
    filter.edge_types = r.types;
    filter.max_hops =
        static_cast<int>(std::min<std::size_t>(r.max, std::numeric_limits<int>::max()));
    const Candidates from = candidates(p, 0);
    for_each_candidate(from, p.at, [&](std::uint32_t a) {
      try_node(p, 0, a, [&] {
        const Candidates to = candidates(p, 1);
        for_each_candidate(to, p.at, [&](std::uint32_t b) {
          try_node(p, 1, b, [&] { shortest_between(p, filter, a, b); });
        });
      });
    });
  }

  void shortest_between(const Pattern& p, const TraversalFilter& filter, std::uint32_t a,
                        std::uint32_t b) {
    const RelPattern& r = p.rels[0];
    ctx_.step(p.at);
    std::vector<PathRef> found;
    if (a == b) {
      if (r.min == 0) found.push_back(PathRef{{a}, {}});
    } else {
      // A pattern pointing left is searched from its right end.
      const bool left = r.direction == Direction::kLeft;
      const VertexId s = VertexId(left ? b : a), t = VertexId(left ? a : b);
      std::vector<Path> paths;
      if (p.kind == PathKind::kShortest) {
        if (auto one = ctx_.path_finder().shortest(s, t, filter)) paths.push_back(std::move(*one));
      } else {
        paths = ctx_.path_finder().all_shortest(s, t, filter, ctx_.limits().max_rows);
      }
      for (const Path& path : paths)
        expand_parallel(path, left, p.kind == PathKind::kAllShortest, r, found);
    }
    for (PathRef& path : found) {
      if (stop_) return;
      List rels;
      for (std::uint32_t e : path.edges) rels.emplace_back(RelRef{e});
      row_[r.slot] = std::move(rels);
      if (p.path_slot != kNoSlot) row_[p.path_slot] = std::move(path);
      next_pattern();
    }
  }

  // A found path as PathRefs, left to right: itself, or (all shortest) once for every choice
  // among parallel edges between its vertices.
  void expand_parallel(const Path& path, bool reversed, bool every_edge, const RelPattern& r,
                       std::vector<PathRef>& out) {
    std::vector<std::uint32_t> nodes;
    for (VertexId v : path.nodes) nodes.push_back(index_of(v));
    std::vector<std::vector<std::uint32_t>> choices;
    for (std::size_t i = 0; i < path.hops.size(); ++i) {
      std::vector<std::uint32_t> edges;
      if (!every_edge) {
        edges.push_back(index_of(path.hops[i].edge));
      } else {
        const std::uint32_t u = nodes[i], w = nodes[i + 1];
        const TypeFilter f = type_filter(r);
        for_each_neighbor(g_, f, u, true, r.direction == Direction::kBoth,
                          [&](std::uint32_t x, std::uint32_t e, bool) {
                            if (x == w) edges.push_back(e);
                          });
      }
      choices.push_back(std::move(edges));
    }
    std::vector<std::uint32_t> pick;
    auto combine = [&](auto&& self, std::size_t i) -> void {
      if (out.size() >= ctx_.limits().max_rows)
        ctx_.too_much(r.at, "paths", ctx_.limits().max_rows);
      if (i == choices.size()) {
        PathRef pr{nodes, pick};
        if (reversed) {
          std::reverse(pr.nodes.begin(), pr.nodes.end());
          std::reverse(pr.edges.begin(), pr.edges.end());
        }
        out.push_back(std::move(pr));
        return;
      }
      for (std::uint32_t e : choices[i]) {
        pick.push_back(e);
        self(self, i + 1);
        pick.pop_back();
      }
    };
    combine(combine, 0);
  }
};

}  // namespace

bool ends_only_applies(const std::vector<Pattern>& patterns) {
  if (patterns.size() != 1 || patterns[0].rels.size() != 1) return false;
  const Pattern& p = patterns[0];
  const RelPattern& r = p.rels[0];
  return p.kind == PathKind::kPlain && p.path_slot == kNoSlot && r.variable_length && r.uses == 0 &&
         r.min <= 1;
}

void match_patterns(const std::vector<Pattern>& patterns, const Expr* where, Row& row,
                    std::size_t bound_slots, Context& ctx, const Emit& emit, bool ends_only) {
  Matcher m(patterns, where, row, ctx, emit, ends_only && ends_only_applies(patterns));
  m.bind_below(bound_slots);
  m.run();
}

bool pattern_exists(const Pattern& pattern, Row& row, Context& ctx) {
  // A node the predicate names that is null (an OPTIONAL MATCH found nothing): no match.
  for (const NodePattern& n : pattern.nodes) {
    if (!n.variable.empty() && !row[n.slot].is<NodeRef>()) return false;
  }
  bool found = false;
  const Emit emit = [&](Row&, std::uint64_t) {
    found = true;
    return false;
  };
  Matcher m(std::span<const Pattern>(&pattern, 1), nullptr, row, ctx, emit);
  m.bind_all_except_anonymous();
  m.run();
  return found;
}

}  // namespace ergraph::cypher
