#include "binder.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "ergraph/spelling.hpp"
#include "ergraph/text.hpp"
#include "parser.hpp"

namespace ergraph::cypher {

namespace {

enum class VarKind { kNode, kRelationship, kRelationships, kPath, kValue };

struct Variable {
  std::string name;  // " n" (leading space) for a hidden slot: an anonymous pattern element
  VarKind kind = VarKind::kValue;
  std::vector<std::string> labels;  // kNode: the types it may have (empty: any)
  std::vector<std::string> types;   // kRelationship(s): the types it may have (empty: any)
  std::size_t* uses = nullptr;      // a pattern variable: its declaration's count of uses
};

struct FunctionInfo {
  const char* name;
  std::size_t min_args, max_args;
  bool aggregate;
};

constexpr FunctionInfo kFunctions[] = {
    {"count", 1, 1, true},        {"collect", 1, 1, true},     {"min", 1, 1, true},
    {"max", 1, 1, true},          {"sum", 1, 1, true},         {"avg", 1, 1, true},
    {"type", 1, 1, false},        {"labels", 1, 1, false},     {"id", 1, 1, false},
    {"length", 1, 1, false},      {"nodes", 1, 1, false},      {"relationships", 1, 1, false},
    {"size", 1, 1, false},        {"tolower", 1, 1, false},    {"toupper", 1, 1, false},
    {"coalesce", 1, 64, false},   {"citations", 1, 1, false},  {"sources", 1, 1, false},
    {"independent", 1, 1, false}, {"tostring", 1, 1, false},   {"tointeger", 1, 1, false},
    {"tofloat", 1, 1, false},     {"head", 1, 1, false},       {"last", 1, 1, false},
    {"tail", 1, 1, false},        {"startnode", 1, 1, false},  {"endnode", 1, 1, false},
    {"abs", 1, 1, false},         {"trim", 1, 1, false},       {"range", 2, 3, false},
    {"reverse", 1, 1, false},     {"substring", 2, 3, false},  {"replace", 3, 3, false},
    {"split", 2, 2, false},       {"properties", 1, 1, false}, {"keys", 1, 1, false},
};

const FunctionInfo* function_info(std::string_view name) {
  for (const FunctionInfo& f : kFunctions) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

class Binder {
 public:
  Binder(std::string_view text, const Schema& schema, const BindOptions& options)
      : text_(text), schema_(schema), options_(options) {}

  void bind(Query& q) {
    bind_clauses(q);
    q.row_size = max_size_;
  }

 private:
  std::size_t max_size_ = 0;

  // Where an expression begins in the text (an operator's `at` is the operator's place).
  static std::size_t start_of(const Expr& e) {
    switch (e.kind) {
      case ExprKind::kProperty:
      case ExprKind::kBinary:
      case ExprKind::kIndex:
      case ExprKind::kSlice:
      case ExprKind::kIsNull:
      case ExprKind::kLabelTest:
        return std::min(e.at, start_of(*e.args[0]));
      default:
        return e.at;
    }
  }

  // Written the same way (variables by name): an ORDER BY item naming a column's expression.
  static bool same_expression(const Expr& a, const Expr& b) {
    if (a.kind != b.kind || a.name != b.name || a.op != b.op || a.negated != b.negated ||
        a.distinct != b.distinct || a.keys != b.keys || a.labels != b.labels ||
        a.args.size() != b.args.size() || a.pattern || b.pattern) {
      return false;
    }
    if (a.kind == ExprKind::kLiteral && order(a.value, b.value) != 0) return false;
    for (std::size_t i = 0; i < a.args.size(); ++i) {
      if (!a.args[i] != !b.args[i]) return false;
      if (a.args[i] && !same_expression(*a.args[i], *b.args[i])) return false;
    }
    return true;
  }

  void bind_clauses(Query& q) {
    for (std::size_t i = 0; i < q.clauses.size(); ++i) {
      Clause& c = q.clauses[i];
      c.slots_in = scope_.size();
      switch (c.kind) {
        case ClauseKind::kMatch:
          bind_match(c);
          break;
        case ClauseKind::kUnwind:
          expression(*c.unwind, false);
          c.alias_slot = declare(c.alias, VarKind::kValue, c.at);
          break;
        case ClauseKind::kWith:
        case ClauseKind::kReturn:
          bind_projection(c);
          break;
      }
      c.slots_out = scope_.size();
    }
    max_size_ = std::max(max_size_, scope_.size());
    if (q.clauses.back().kind != ClauseKind::kReturn) {
      query_error(text_, text_.size(), "a query must end with RETURN");
    }
  }

 private:
  std::string_view text_;
  const Schema& schema_;
  const BindOptions& options_;
  std::vector<Variable> scope_;  // slot -> variable
  std::size_t hidden_ = 0;

  [[noreturn]] void fail(std::size_t at, const std::string& message) const {
    query_error(text_, at, message);
  }

  std::size_t find(std::string_view name) const {
    for (std::size_t i = 0; i < scope_.size(); ++i) {
      if (scope_[i].name == name) return i;
    }
    return kNoSlot;
  }

  std::vector<std::string> visible_names() const {
    std::vector<std::string> names;
    for (const Variable& v : scope_) {
      if (!v.name.empty() && v.name[0] != ' ') names.push_back(v.name);
    }
    return names;
  }

  std::size_t declare(const std::string& name, VarKind kind, std::size_t at) {
    if (find(name) != kNoSlot) fail(at, "variable '" + name + "' is already defined");
    scope_.push_back({name, kind, {}, {}});
    max_size_ = std::max(max_size_, scope_.size());
    return scope_.size() - 1;
  }

  std::size_t hidden_slot(VarKind kind) {
    scope_.push_back({" " + std::to_string(hidden_++), kind, {}, {}});
    max_size_ = std::max(max_size_, scope_.size());
    return scope_.size() - 1;
  }

  const char* kind_name(VarKind k) const {
    switch (k) {
      case VarKind::kNode:
        return "a node";
      case VarKind::kRelationship:
        return "a relationship";
      case VarKind::kRelationships:
        return "a list of relationships";
      case VarKind::kPath:
        return "a path";
      default:
        return "a value";
    }
  }

  void check_labels(const std::vector<std::string>& labels, std::size_t at) {
    const auto names = schema_.node_type_names();
    for (const std::string& l : labels) {
      if (!schema_.node_type(l)) fail(at, unknown_name("label", l, names));
    }
  }
  void check_types(const std::vector<std::string>& types, std::size_t at) {
    const auto names = schema_.edge_type_names();
    for (const std::string& t : types) {
      if (!schema_.edge_type(t)) fail(at, unknown_name("relationship type", t, names));
    }
  }

  // The property keys a node of `labels` (empty: any type) or a relationship of `types` has.
  std::vector<std::string> node_keys(const std::vector<std::string>& labels) const {
    std::set<std::string> keys = {"id", "name", "aliases"};
    for (const NodeType& t : schema_.node_types()) {
      if (!labels.empty() && std::find(labels.begin(), labels.end(), t.name) == labels.end())
        continue;
      for (const auto& [k, type] : t.props) keys.insert(k);
    }
    return {keys.begin(), keys.end()};
  }
  std::vector<std::string> rel_keys(const std::vector<std::string>& types) const {
    std::set<std::string> keys = {"date"};
    for (const EdgeType& t : schema_.edge_types()) {
      if (!types.empty() && std::find(types.begin(), types.end(), t.name) == types.end()) continue;
      for (const auto& [k, type] : t.props) keys.insert(k);
    }
    return {keys.begin(), keys.end()};
  }
  static std::string joined(const std::vector<std::string>& names) {
    std::string s;
    for (const std::string& n : names) s += (s.empty() ? "" : "|") + n;
    return s;
  }
  void check_key(const Variable& v, const std::string& key, std::size_t at) {
    if (v.kind == VarKind::kNode) {
      const auto keys = node_keys(v.labels);
      if (!std::binary_search(keys.begin(), keys.end(), key)) {
        std::string owner = v.labels.empty() ? "any node type" : joined(v.labels);
        std::string hint = key == "type" || key == "label"
                               ? " (labels(" + v.name + ") gives a node's type)"
                               : did_you_mean(key, keys);
        fail(at, "unknown property '" + key + "' of " + owner + hint);
      }
    } else if (v.kind == VarKind::kRelationship) {
      const auto keys = rel_keys(v.types);
      if (!std::binary_search(keys.begin(), keys.end(), key)) {
        std::string owner = v.types.empty() ? "any relationship type" : joined(v.types);
        std::string hint = key == "type" ? " (type(" + v.name + ") gives a relationship's type)"
                                         : did_you_mean(key, keys);
        fail(at, "unknown property '" + key + "' of " + owner + hint);
      }
    } else if (v.kind == VarKind::kPath || v.kind == VarKind::kRelationships) {
      fail(at, "'" + v.name + "' is " + kind_name(v.kind) + ", which has no properties");
    }
  }

  void properties(std::vector<std::string>& keys, std::vector<ExprPtr>& values, const Variable& v,
                  std::size_t at) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      check_key(v, keys[i], values[i]->at);
      expression(*values[i], false);
    }
    (void)at;
  }

  // A node element: a new variable, a bound one, or a hidden slot.
  void bind_node(NodePattern& n) {
    check_labels(n.labels, n.at);
    if (n.variable.empty()) {
      n.slot = hidden_slot(VarKind::kNode);
    } else if (const std::size_t s = find(n.variable); s != kNoSlot) {
      if (scope_[s].kind != VarKind::kNode) {
        fail(n.at, "'" + n.variable + "' is " + kind_name(scope_[s].kind) + ", not a node");
      }
      n.slot = s;
      if (scope_[s].uses) ++*scope_[s].uses;
      if (!n.labels.empty()) {
        if (scope_[s].labels.empty()) {
          scope_[s].labels = n.labels;
        } else {
          std::vector<std::string> both;
          for (const std::string& l : n.labels) {
            if (std::find(scope_[s].labels.begin(), scope_[s].labels.end(), l) !=
                scope_[s].labels.end())
              both.push_back(l);
          }
          scope_[s].labels = both.empty() ? n.labels : both;
        }
      }
    } else {
      n.slot = declare(n.variable, VarKind::kNode, n.at);
      scope_[n.slot].labels = n.labels;
      scope_[n.slot].uses = &n.uses;
    }
    properties(n.prop_keys, n.prop_values, scope_[n.slot], n.at);
  }

  void bind_rel(RelPattern& r, PathKind path_kind) {
    check_types(r.types, r.at);
    if (r.variable_length) {
      r.min = r.min_hops.value_or(1);
      r.max = r.max_hops.value_or(std::max(options_.max_length, r.min));
      if (r.min > r.max)
        fail(r.at, "the shortest length " + std::to_string(r.min) + " is above the longest " +
                       std::to_string(r.max));
    }
    if (path_kind != PathKind::kPlain && r.min > 1) {
      fail(r.at, "a shortest path's lower bound must be 0 or 1");
    }
    const VarKind kind = r.variable_length ? VarKind::kRelationships : VarKind::kRelationship;
    if (r.variable.empty()) {
      r.slot = hidden_slot(kind);
    } else {
      if (find(r.variable) != kNoSlot) {
        fail(r.at,
             "'" + r.variable + "' is already defined: a relationship variable cannot be reused");
      }
      r.slot = declare(r.variable, kind, r.at);
      scope_[r.slot].types = r.types;
      scope_[r.slot].uses = &r.uses;
    }
    Variable props_owner = {r.variable, VarKind::kRelationship, {}, r.types};
    properties(r.prop_keys, r.prop_values, props_owner, r.at);
  }

  void bind_pattern(Pattern& p, bool predicate) {
    if (p.kind != PathKind::kPlain && (p.rels.size() != 1)) {
      fail(p.at,
           "shortestPath and allShortestPaths take one relationship, e.g. "
           "shortestPath((a)-[*..6]-(b))");
    }
    if (p.kind != PathKind::kPlain && !p.rels[0].variable_length) {
      // shortestPath((a)-[:led]-(b)) is one hop: read it as *1..1.
      p.rels[0].variable_length = true;
      p.rels[0].min_hops = 1;
      p.rels[0].max_hops = 1;
    }
    for (std::size_t i = 0; i < p.nodes.size(); ++i) {
      if (predicate && !p.nodes[i].variable.empty() && find(p.nodes[i].variable) == kNoSlot) {
        fail(
            p.nodes[i].at,
            "variable '" + p.nodes[i].variable +
                "' not defined: a pattern in an expression may use only variables bound before it");
      }
      bind_node(p.nodes[i]);
      if (i < p.rels.size()) {
        if (predicate && !p.rels[i].variable.empty()) {
          fail(p.rels[i].at, "a pattern in an expression cannot name a new relationship variable");
        }
        bind_rel(p.rels[i], p.kind);
      }
    }
    if (!p.path_variable.empty()) p.path_slot = declare(p.path_variable, VarKind::kPath, p.at);
  }

  void bind_match(Clause& c) {
    for (Pattern& p : c.patterns) bind_pattern(p, false);
    if (c.where) expression(*c.where, false);
  }

  // Checks an expression in the current scope. `aggregates`: the projection whose aggregate
  // calls it may hold (null: none allowed here).
  void expression(Expr& e, bool in_aggregate, Projection* aggregates = nullptr) {
    switch (e.kind) {
      case ExprKind::kLiteral:
        return;
      case ExprKind::kParameter:
        if (options_.parameters && !options_.parameters->count(e.name)) {
          fail(e.at, "parameter $" + e.name + " not given (pass --param " + e.name + "=VALUE)");
        }
        return;
      case ExprKind::kVariable: {
        e.slot = find(e.name);
        if (e.slot == kNoSlot) {
          fail(e.at,
               "variable '" + e.name + "' not defined" + did_you_mean(e.name, visible_names()));
        }
        if (scope_[e.slot].uses) ++*scope_[e.slot].uses;
        return;
      }
      case ExprKind::kProperty:
        expression(*e.args[0], in_aggregate, aggregates);
        if (e.args[0]->kind == ExprKind::kVariable)
          check_key(scope_[e.args[0]->slot], e.name, e.at);
        return;
      case ExprKind::kLabelTest:
        check_labels(e.labels, e.at);
        expression(*e.args[0], in_aggregate, aggregates);
        return;
      case ExprKind::kPattern:
        if (in_aggregate) fail(e.at, "a pattern inside an aggregate is not supported");
        bind_pattern(*e.pattern, true);
        return;
      case ExprKind::kCountStar:
      case ExprKind::kFunction: {
        const std::string shown = e.kind == ExprKind::kCountStar ? "count" : e.name;
        const FunctionInfo* f =
            e.kind == ExprKind::kCountStar ? function_info("count") : function_info(e.name);
        if (!f) {
          std::vector<std::string> names;
          for (const FunctionInfo& fi : kFunctions) names.push_back(fi.name);
          fail(e.at, "unknown function '" + e.name + "'" + did_you_mean(e.name, names));
        }
        if (e.kind == ExprKind::kFunction &&
            (e.args.size() < f->min_args || e.args.size() > f->max_args)) {
          fail(e.at,
               shown + "() takes " + std::to_string(f->min_args) +
                   (f->max_args != f->min_args
                        ? (f->max_args > 3 ? " or more" : " to " + std::to_string(f->max_args))
                        : "") +
                   (f->max_args == 1 ? " argument" : " arguments") + ", not " +
                   std::to_string(e.args.size()));
        }
        if (e.distinct && !f->aggregate)
          fail(e.at, "DISTINCT applies only to an aggregate function");
        if (f->aggregate) {
          if (!aggregates)
            fail(e.at, "aggregate " + shown + "() is allowed only in RETURN or WITH");
          if (in_aggregate) fail(e.at, "an aggregate cannot contain another aggregate");
          e.aggregate = static_cast<int>(aggregates->aggregate_count++);
          aggregates->aggregates.push_back(&e);
        }
        for (ExprPtr& a : e.args) expression(*a, in_aggregate || f->aggregate, aggregates);
        return;
      }
      default:
        for (ExprPtr& a : e.args) {
          if (a) expression(*a, in_aggregate, aggregates);
        }
        if (e.kind == ExprKind::kMap) {
          std::set<std::string> seen;
          for (const std::string& k : e.keys) {
            if (!seen.insert(k).second) fail(e.at, "key '" + k + "' appears twice in the map");
          }
        }
        return;
    }
  }

  // A constant integer expression (SKIP, LIMIT): literals and parameters only.
  void count_expression(Expr& e, const char* what) {
    if (e.kind == ExprKind::kUnary && e.op == Op::kNeg && e.args[0]->kind == ExprKind::kLiteral) {
      fail(e.at, std::string(what) + " takes a whole number of at least 0");
    }
    if (e.kind != ExprKind::kLiteral && e.kind != ExprKind::kParameter) {
      fail(e.at, std::string(what) + " takes a number or a parameter");
    }
    if (e.kind == ExprKind::kLiteral &&
        (!e.value.is<std::int64_t>() || e.value.as<std::int64_t>() < 0)) {
      fail(e.at, std::string(what) + " takes a whole number of at least 0");
    }
    expression(e, false);
  }

  void bind_projection(Clause& c) {
    Projection& p = c.projection;
    const bool is_return = c.kind == ClauseKind::kReturn;
    if (p.star) {
      std::vector<std::pair<std::string, std::size_t>> names;
      for (std::size_t i = 0; i < scope_.size(); ++i) {
        if (scope_[i].name[0] != ' ') names.emplace_back(scope_[i].name, i);
      }
      std::sort(names.begin(), names.end());
      if (names.empty() && p.items.empty()) {
        fail(c.at, std::string(is_return ? "RETURN" : "WITH") +
                       " * needs at least one variable in scope");
      }
      // '*' becomes one item per variable, before the items written after it.
      std::vector<ProjectionItem> items;
      for (const auto& [name, slot] : names) {
        ProjectionItem item;
        item.expr = std::make_unique<Expr>();
        item.expr->kind = ExprKind::kVariable;
        item.expr->name = name;
        item.expr->at = c.at;
        item.alias = name;
        items.push_back(std::move(item));
      }
      for (ProjectionItem& it : p.items) items.push_back(std::move(it));
      p.items = std::move(items);
      p.star = false;
    }
    std::vector<Variable> out;
    for (ProjectionItem& item : p.items) {
      const std::size_t before = p.aggregate_count;
      expression(*item.expr, false, &p);
      item.has_aggregate = p.aggregate_count > before;
      Variable v{item.alias, VarKind::kValue, {}, {}};
      if (item.expr->kind == ExprKind::kVariable) {
        const Variable& in = scope_[item.expr->slot];
        v.kind = in.kind;
        v.labels = in.labels;
        v.types = in.types;
        v.uses = in.uses;
      }
      if (!is_return && !item.aliased && item.expr->kind != ExprKind::kVariable) {
        // openCypher requires a name for an expression WITH passes on.
        fail(start_of(*item.expr), "an expression in WITH needs a name: add AS name");
      }
      for (const Variable& o : out) {
        if (o.name == v.name)
          fail(item.expr->at,
               "column '" + v.name + "' appears twice: give one of them another name with AS");
      }
      out.push_back(std::move(v));
    }
    const bool aggregating = p.aggregate_count > 0;
    // ORDER BY sees the new columns first, then (without aggregation or DISTINCT) the input.
    std::vector<Variable> input = std::move(scope_);
    scope_ = out;
    if (!aggregating && !p.distinct) {
      for (const Variable& v : input) {
        scope_.push_back(v);
        if (std::count_if(out.begin(), out.end(),
                          [&](const Variable& o) { return o.name == v.name; })) {
          scope_.back().name = " shadowed";  // the column of the same name wins
        }
      }
    }
    max_size_ = std::max(max_size_, scope_.size());
    for (SortItem& s : p.order_by) {
      // ORDER BY count(*) after RETURN ..., count(*): the column, not a new aggregate.
      for (std::size_t i = 0; i < p.items.size(); ++i) {
        if (same_expression(*s.expr, *p.items[i].expr)) {
          const std::size_t at = s.expr->at;
          s.expr = std::make_unique<Expr>();
          s.expr->kind = ExprKind::kVariable;
          s.expr->name = p.items[i].alias;
          s.expr->at = at;
          break;
        }
      }
      expression(*s.expr, false);
    }
    scope_ = std::move(out);
    if (p.skip) count_expression(*p.skip, "SKIP");
    if (p.limit) count_expression(*p.limit, "LIMIT");
    if (c.where) expression(*c.where, false);
  }
};

}  // namespace

void bind_query(Query& query, std::string_view text, const Schema& schema,
                const BindOptions& options) {
  Binder(text, schema, options).bind(query);
}

}  // namespace ergraph::cypher
