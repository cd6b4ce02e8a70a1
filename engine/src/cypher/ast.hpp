// Private to cypher/: the syntax tree the parser builds and the binder annotates (variable
// slots, aggregate indices) for the executor.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "value.hpp"

namespace ergraph::cypher {

inline constexpr std::size_t kNoSlot = ~std::size_t{0};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;
struct Pattern;

enum class ExprKind {
  kLiteral,    // value
  kParameter,  // name
  kVariable,   // name -> slot
  kProperty,   // args[0].name
  kList,       // args
  kMap,        // keys, args
  kBinary,     // op, args[0], args[1]
  kUnary,      // op (NOT, -), args[0]
  kIsNull,     // args[0]; negated: IS NOT NULL
  kFunction,   // name, distinct, args; aggregate >= 0 for an aggregate
  kCountStar,  // count(*): aggregate
  kLabelTest,  // args[0]:labels
  kPattern,    // pattern: exists
  kIndex,      // args[0][args[1]]
  kSlice,      // args[0][args[1]..args[2]] (either may be null)
};

enum class Op {
  kOr,
  kXor,
  kAnd,
  kNot,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kRegex,
  kStartsWith,
  kEndsWith,
  kContains,
  kIn,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kPow,
  kNeg,
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  std::size_t at = 0;  // byte offset in the query text, for messages
  Value value;         // kLiteral
  std::string name;    // variable, parameter, property key or function name (lower-case)
  Op op = Op::kAnd;
  bool negated = false;   // kIsNull: IS NOT NULL
  bool distinct = false;  // kFunction: f(DISTINCT x)
  std::vector<ExprPtr> args;
  std::vector<std::string> keys;    // kMap
  std::vector<std::string> labels;  // kLabelTest
  bool any_label = false;           // kLabelTest: v:A|B (either), not v:A:B (both)
  std::shared_ptr<Pattern> pattern;
  // Filled by the binder.
  std::size_t slot = kNoSlot;  // kVariable
  int aggregate = -1;          // kFunction/kCountStar: index of the aggregate in its projection
};

enum class Direction { kRight, kLeft, kBoth };  // -> , <- , -

struct NodePattern {
  std::size_t at = 0;
  std::string variable;             // "" when anonymous (the binder names a hidden slot)
  std::vector<std::string> labels;  // any of these
  std::vector<std::string> prop_keys;
  std::vector<ExprPtr> prop_values;
  std::size_t slot = kNoSlot;
  std::size_t uses = 0;  // filled by the binder: references to its variable elsewhere
};

struct RelPattern {
  std::size_t at = 0;
  std::string variable;
  std::vector<std::string> types;  // any of these
  Direction direction = Direction::kBoth;
  bool variable_length = false;
  std::optional<std::size_t> min_hops, max_hops;  // as written (variable_length)
  std::vector<std::string> prop_keys;
  std::vector<ExprPtr> prop_values;
  std::size_t slot = kNoSlot;
  std::size_t uses = 0;  // filled by the binder: references to its variable elsewhere
  // Filled by the binder: the bounds to use.
  std::size_t min = 1, max = 1;
};

enum class PathKind { kPlain, kShortest, kAllShortest };

struct Pattern {
  std::size_t at = 0;
  std::string path_variable;
  std::size_t path_slot = kNoSlot;
  PathKind kind = PathKind::kPlain;
  std::vector<NodePattern> nodes;  // rels.size() + 1
  std::vector<RelPattern> rels;
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

struct ProjectionItem {
  ExprPtr expr;
  std::string alias;     // the column name: AS, else the expression as written
  bool aliased = false;  // written with AS
  bool has_aggregate = false;
};

struct Projection {
  bool distinct = false;
  bool star = false;
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order_by;
  ExprPtr skip, limit;
  // Filled by the binder.
  std::size_t aggregate_count = 0;
  std::vector<const Expr*> aggregates;  // each aggregate call, by index
  std::vector<std::size_t> star_slots;  // RETURN *: the input slots, in column order
};

enum class ClauseKind { kMatch, kWith, kUnwind, kReturn };

struct Clause {
  ClauseKind kind = ClauseKind::kMatch;
  std::size_t at = 0;
  bool optional = false;          // OPTIONAL MATCH
  std::vector<Pattern> patterns;  // kMatch
  ExprPtr where;                  // kMatch, kWith
  Projection projection;          // kWith, kReturn
  ExprPtr unwind;                 // kUnwind
  std::string alias;              // kUnwind
  std::size_t alias_slot = kNoSlot;
  // Filled by the binder: how many slots a row has before and after this clause.
  std::size_t slots_in = 0, slots_out = 0;
};

struct Query {
  std::vector<Clause> clauses;
  std::size_t row_size = 0;  // filled by the binder: the slots every row has room for
};

// A deep copy of an expression (a chained comparison a < b < c uses b twice); patterns are
// shared.
inline ExprPtr clone(const Expr& e) {
  auto c = std::make_unique<Expr>();
  c->kind = e.kind;
  c->at = e.at;
  c->value = e.value;
  c->name = e.name;
  c->op = e.op;
  c->negated = e.negated;
  c->distinct = e.distinct;
  c->keys = e.keys;
  c->labels = e.labels;
  c->any_label = e.any_label;
  c->pattern = e.pattern;
  for (const ExprPtr& a : e.args) c->args.push_back(a ? clone(*a) : nullptr);
  return c;
}

}  // namespace ergraph::cypher
