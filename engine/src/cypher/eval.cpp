#include "eval.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "ergraph/text.hpp"
#include "functions.hpp"
#include "match.hpp"
#include "parser.hpp"

namespace ergraph::cypher {

namespace {

// A boolean operand: true, false or null; anything else is an error.
Truth truth(const Value& v, Context& ctx, const Expr& e) {
  if (v.is_null()) return std::nullopt;
  if (v.is<bool>()) return v.as<bool>();
  type_error(ctx, e, std::string("expected a boolean, found ") + v.type_name());
}
Value from_truth(Truth t) { return t ? Value(*t) : Value{}; }

Value arithmetic(Op op, const Value& a, const Value& b, Context& ctx, const Expr& e) {
  if (a.is_null() || b.is_null()) return {};
  if (op == Op::kAdd) {
    if (a.is<List>() || b.is<List>()) {
      List out;
      auto add = [&](const Value& v) {
        if (v.is<List>()) {
          out.insert(out.end(), v.as<List>().begin(), v.as<List>().end());
        } else {
          out.push_back(v);
        }
      };
      add(a);
      add(b);
      return out;
    }
    if (is_text(a) || is_text(b)) {
      auto show = [&](const Value& v) -> std::string {
        if (is_text(v)) return text_of(v);
        if (v.is<std::int64_t>()) return std::to_string(v.as<std::int64_t>());
        if (v.is<double>()) return float_text(v.as<double>());
        type_error(ctx, e, std::string("cannot add ") + v.a_type_name() + " to a string");
      };
      return show(a) + show(b);
    }
  }
  if (!is_number(a) || !is_number(b)) {
    static const char* const kNames[] = {"+", "-", "*", "/", "%", "^"};
    const int index = op == Op::kAdd   ? 0
                      : op == Op::kSub ? 1
                      : op == Op::kMul ? 2
                      : op == Op::kDiv ? 3
                      : op == Op::kMod ? 4
                                       : 5;
    type_error(ctx, e,
               std::string("cannot apply '") + kNames[index] + "' to " + a.type_name() + " and " +
                   b.type_name());
  }
  if (op != Op::kPow && a.is<std::int64_t>() && b.is<std::int64_t>()) {
    const std::int64_t x = a.as<std::int64_t>(), y = b.as<std::int64_t>();
    std::int64_t r = 0;
    bool overflow = false;
    switch (op) {
      case Op::kAdd:
        overflow = __builtin_add_overflow(x, y, &r);
        break;
      case Op::kSub:
        overflow = __builtin_sub_overflow(x, y, &r);
        break;
      case Op::kMul:
        overflow = __builtin_mul_overflow(x, y, &r);
        break;
      case Op::kDiv:
      case Op::kMod:
        if (y == 0) type_error(ctx, e, "division by zero");
        if (x == std::numeric_limits<std::int64_t>::min() && y == -1) {
          overflow = op == Op::kDiv;
          r = 0;
        } else {
          r = op == Op::kDiv ? x / y : x % y;
        }
        break;
      default:
        break;
    }
    if (overflow) type_error(ctx, e, "integer overflow");
    return r;
  }
  const double x = number(a), y = number(b);
  switch (op) {
    case Op::kAdd:
      return x + y;
    case Op::kSub:
      return x - y;
    case Op::kMul:
      return x * y;
    case Op::kDiv:
      return x / y;
    case Op::kMod:
      return std::fmod(x, y);
    default:
      return std::pow(x, y);
  }
}

Value index(const Value& x, const Value& i, Context& ctx, const Expr& e) {
  if (x.is_null() || i.is_null()) return {};
  if (x.is<List>()) {
    if (!i.is<std::int64_t>())
      type_error(ctx, e, std::string("a list index must be an integer, not ") + i.a_type_name());
    const List& l = x.as<List>();
    std::int64_t k = i.as<std::int64_t>();
    if (k < 0) k += static_cast<std::int64_t>(l.size());
    if (k < 0 || k >= static_cast<std::int64_t>(l.size())) return {};
    return l[static_cast<std::size_t>(k)];
  }
  if (!i.is<std::string>())
    type_error(ctx, e, std::string("expected a string key, found ") + i.a_type_name());
  const std::string& key = i.as<std::string>();
  if (x.is<Map>()) {
    for (const auto& [k, v] : x.as<Map>()) {
      if (k == key) return v;
    }
    return {};
  }
  if (x.is<NodeRef>()) return ctx.node_property(x.as<NodeRef>().vertex, key);
  if (x.is<RelRef>()) return ctx.edge_property(x.as<RelRef>().edge, key);
  type_error(ctx, e, std::string("cannot index ") + x.a_type_name());
}

Value slice(const Value& x, const Value& from, const Value& to, bool has_from, bool has_to,
            Context& ctx, const Expr& e) {
  if (x.is_null() || (has_from && from.is_null()) || (has_to && to.is_null())) return {};
  if (!x.is<List>()) type_error(ctx, e, std::string("cannot slice ") + x.a_type_name());
  const List& l = x.as<List>();
  const auto n = static_cast<std::int64_t>(l.size());
  auto bound = [&](const Value& v, std::int64_t fallback, bool has) {
    if (!has) return fallback;
    std::int64_t k = integer_arg(v, ctx, e, "a slice bound");
    if (k < 0) k += n;
    return std::clamp<std::int64_t>(k, 0, n);
  };
  const std::int64_t a = bound(from, 0, has_from), b = bound(to, n, has_to);
  if (a >= b) return List{};
  return List(l.begin() + a, l.begin() + b);
}

}  // namespace

Value evaluate(const Expr& e, Row& row, Context& ctx, const std::vector<Value>* aggregates) {
  switch (e.kind) {
    case ExprKind::kLiteral:
      return e.value;
    case ExprKind::kParameter:
      return ctx.parameter(e.name, e.at);
    case ExprKind::kVariable:
      return row[e.slot];
    case ExprKind::kProperty: {
      const Value owner = evaluate(*e.args[0], row, ctx, aggregates);
      if (owner.is_null()) return {};
      if (owner.is<NodeRef>()) return ctx.node_property(owner.as<NodeRef>().vertex, e.name);
      if (owner.is<RelRef>()) return ctx.edge_property(owner.as<RelRef>().edge, e.name);
      if (owner.is<Map>()) {
        for (const auto& [k, v] : owner.as<Map>()) {
          if (k == e.name) return v;
        }
        return {};
      }
      type_error(ctx, e, owner.a_type_name() + " has no property '" + e.name + "'");
    }
    case ExprKind::kList: {
      List out;
      for (const ExprPtr& a : e.args) out.push_back(evaluate(*a, row, ctx, aggregates));
      return out;
    }
    case ExprKind::kMap: {
      Map out;
      for (std::size_t i = 0; i < e.keys.size(); ++i)
        out.emplace_back(e.keys[i], evaluate(*e.args[i], row, ctx, aggregates));
      return out;
    }
    case ExprKind::kUnary: {
      const Value v = evaluate(*e.args[0], row, ctx, aggregates);
      if (e.op == Op::kNot) {
        const Truth t = truth(v, ctx, *e.args[0]);
        return t ? Value(!*t) : Value{};
      }
      if (v.is_null()) return {};
      if (v.is<std::int64_t>()) {
        if (v.as<std::int64_t>() == std::numeric_limits<std::int64_t>::min())
          type_error(ctx, e, "integer overflow");
        return -v.as<std::int64_t>();
      }
      if (v.is<double>()) return -v.as<double>();
      type_error(ctx, e, std::string("cannot negate ") + v.a_type_name());
    }
    case ExprKind::kIsNull: {
      const bool null = evaluate(*e.args[0], row, ctx, aggregates).is_null();
      return e.negated ? !null : null;
    }
    case ExprKind::kCountStar:
    case ExprKind::kFunction:
      if (e.aggregate >= 0) {
        if (!aggregates) type_error(ctx, e, "an aggregate is not allowed here");
        return (*aggregates)[static_cast<std::size_t>(e.aggregate)];
      }
      return call_function(e, row, ctx);
    case ExprKind::kLabelTest: {
      const Value v = evaluate(*e.args[0], row, ctx, aggregates);
      if (v.is_null()) return {};
      if (!v.is<NodeRef>())
        type_error(ctx, e, std::string("a label test needs a node, not ") + v.a_type_name());
      const std::string& type = ctx.graph().node_type(VertexId(v.as<NodeRef>().vertex));
      // v:A|B asks for either; v:A:B for both, and a node has one type.
      const auto has = [&](const std::string& l) { return l == type; };
      return e.any_label ? std::any_of(e.labels.begin(), e.labels.end(), has)
                         : std::all_of(e.labels.begin(), e.labels.end(), has);
    }
    case ExprKind::kPattern:
      return pattern_exists(*e.pattern, row, ctx);
    case ExprKind::kIndex:
      return index(evaluate(*e.args[0], row, ctx, aggregates),
                   evaluate(*e.args[1], row, ctx, aggregates), ctx, e);
    case ExprKind::kSlice: {
      const Value x = evaluate(*e.args[0], row, ctx, aggregates);
      const Value a = e.args[1] ? evaluate(*e.args[1], row, ctx, aggregates) : Value{};
      const Value b = e.args[2] ? evaluate(*e.args[2], row, ctx, aggregates) : Value{};
      return slice(x, a, b, e.args[1] != nullptr, e.args[2] != nullptr, ctx, e);
    }
    case ExprKind::kBinary:
      break;
  }
  // Binary operators. AND and OR look at the right side only when the left does not decide.
  const Value a = evaluate(*e.args[0], row, ctx, aggregates);
  switch (e.op) {
    case Op::kAnd: {
      const Truth x = truth(a, ctx, *e.args[0]);
      if (x && !*x) return false;
      const Truth y = truth(evaluate(*e.args[1], row, ctx, aggregates), ctx, *e.args[1]);
      if (y && !*y) return false;
      return x && y ? Value(true) : Value{};
    }
    case Op::kOr: {
      const Truth x = truth(a, ctx, *e.args[0]);
      if (x && *x) return true;
      const Truth y = truth(evaluate(*e.args[1], row, ctx, aggregates), ctx, *e.args[1]);
      if (y && *y) return true;
      return x && y ? Value(false) : Value{};
    }
    default:
      break;
  }
  const Value b = evaluate(*e.args[1], row, ctx, aggregates);
  switch (e.op) {
    case Op::kXor: {
      const Truth x = truth(a, ctx, *e.args[0]), y = truth(b, ctx, *e.args[1]);
      return x && y ? Value(*x != *y) : Value{};
    }
    case Op::kEq:
      return from_truth(equals(a, b));
    case Op::kNe: {
      const Truth t = equals(a, b);
      return t ? Value(!*t) : Value{};
    }
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe: {
      const Comparison c = e.op == Op::kLt   ? Comparison::kLess
                           : e.op == Op::kLe ? Comparison::kLessEqual
                           : e.op == Op::kGt ? Comparison::kGreater
                                             : Comparison::kGreaterEqual;
      try {
        return from_truth(compare(a, b, c));
      } catch (const Error& err) {
        type_error(ctx, e, err.message());
      }
    }
    case Op::kRegex:
      if (a.is_null() || b.is_null()) return {};
      if (!is_text(a) || !is_text(b)) return {};
      {
        const Regex& re = ctx.regex(text_of(b), e.args[1]->at);
        try {
          return re.full_match(text_of(a));
        } catch (const Error& err) {
          type_error(ctx, e, err.message());
        }
      }
    case Op::kStartsWith:
    case Op::kEndsWith:
    case Op::kContains: {
      if (!is_text(a) || !is_text(b)) return {};
      const std::string &s = text_of(a), &t = text_of(b);
      if (e.op == Op::kStartsWith) return s.compare(0, t.size(), t) == 0 && s.size() >= t.size();
      if (e.op == Op::kEndsWith)
        return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
      return s.find(t) != std::string::npos;
    }
    case Op::kIn: {
      if (b.is_null()) return {};
      if (!b.is<List>())
        type_error(ctx, e, std::string("IN needs a list on its right, not ") + b.a_type_name());
      bool unknown = false;
      for (const Value& x : b.as<List>()) {
        const Truth t = equals(a, x);
        if (t && *t) return true;
        if (!t) unknown = true;
      }
      return unknown ? Value{} : Value(false);
    }
    default:
      return arithmetic(e.op, a, b, ctx, e);
  }
}

bool holds(const Expr& e, Row& row, Context& ctx) {
  const Value v = evaluate(e, row, ctx);
  if (v.is_null()) return false;
  if (!v.is<bool>())
    type_error(ctx, e, std::string("WHERE needs a boolean, found ") + v.a_type_name());
  return v.as<bool>();
}

}  // namespace ergraph::cypher
