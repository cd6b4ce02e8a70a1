#include "parser.hpp"

#include <algorithm>
#include <initializer_list>
#include <limits>
#include <utility>

#include "ergraph/error.hpp"

namespace ergraph::cypher {

namespace {

class Parser : TokenCursor {
 public:
  explicit Parser(std::string_view text) : TokenCursor(text) {}

  Query query() {
    Query q;
    while (!at_end() && !symbol(";")) {
      q.clauses.push_back(clause(q));
      at_most(q.clauses.size(), "clauses");
    }
    if (symbol(";")) ++pos_;
    if (!at_end()) fail("unexpected '" + peek().text + "' after the end of the query");
    if (q.clauses.empty()) fail("the query is empty: expected MATCH, UNWIND or RETURN");
    return q;
  }

  Value literal_only() {
    ExprPtr e = expression();
    if (!at_end()) fail("unexpected text after the value");
    return constant(*e);
  }

 private:
  Clause clause(Query& q) {
    const Token& t = peek();
    Clause c;
    c.at = t.at;
    if (accept_keyword("optional")) {
      expect_keyword("match", " after OPTIONAL");
      c.kind = ClauseKind::kMatch;
      c.optional = true;
      match_body(c);
    } else if (accept_keyword("match")) {
      c.kind = ClauseKind::kMatch;
      match_body(c);
    } else if (accept_keyword("with")) {
      c.kind = ClauseKind::kWith;
      projection(c.projection);
      if (accept_keyword("where")) c.where = expression();
    } else if (accept_keyword("unwind")) {
      c.kind = ClauseKind::kUnwind;
      c.unwind = expression();
      expect_keyword("as", " after UNWIND's list");
      c.alias = name("a variable name after AS");
    } else if (accept_keyword("return")) {
      c.kind = ClauseKind::kReturn;
      projection(c.projection);
      if (!at_end() && !symbol(";")) {
        if (keyword("union")) fail("UNION is not supported: run the queries separately");
        fail("RETURN must be the last clause; found " + describe(peek()) + " after it");
      }
    } else {
      for (const char* w : {"create", "merge", "set", "delete", "detach", "remove"}) {
        if (keyword(w)) {
          fail((keyword("detach") ? std::string("DETACH DELETE") : upper(w)) +
               " is not supported: queries are read-only, and ergraph writes through "
               "'ergraph import'");
        }
      }
      for (const char* w : {"call", "foreach", "load", "union", "use", "show"}) {
        if (keyword(w)) fail(upper(w) + " is not supported (README \"Queries\" lists what is)");
      }
      if (q.clauses.empty()) expected("MATCH, OPTIONAL MATCH, UNWIND, WITH or RETURN");
      expected("a clause (MATCH, OPTIONAL MATCH, WITH, UNWIND or RETURN)");
    }
    return c;
  }

  void match_body(Clause& c) {
    c.patterns.push_back(pattern(true));
    while (accept_symbol(",")) {
      c.patterns.push_back(pattern(true));
      at_most(c.patterns.size(), "patterns in one MATCH");
    }
    if (accept_keyword("where")) c.where = expression();
  }

  Pattern pattern(bool allow_path_variable) {
    Nest nest(*this);
    Pattern p;
    p.at = peek().at;
    if (allow_path_variable && (peek().kind == Tok::kIdent || peek().kind == Tok::kQuotedIdent) &&
        symbol("=", 1)) {
      p.path_variable = name("a path variable");
      ++pos_;  // '='
    }
    if (keyword("shortestpath") || keyword("allshortestpaths")) {
      p.kind = keyword("shortestpath") ? PathKind::kShortest : PathKind::kAllShortest;
      const std::string fn = peek().text;
      ++pos_;
      expect_symbol("(", " after " + fn);
      chain(p);
      expect_symbol(")", " after " + fn + "'s pattern");
      return p;
    }
    if (!symbol("(")) expected("a pattern starting with '('");
    chain(p);
    return p;
  }

  void chain(Pattern& p) {
    p.nodes.push_back(node_pattern());
    while (symbol("-") || (symbol("<") && symbol("-", 1))) {
      p.rels.push_back(rel_pattern());
      at_most(p.rels.size(), "relationships in one pattern");
      if (!symbol("(")) expected("'(' to start the node after a relationship");
      p.nodes.push_back(node_pattern());
    }
  }

  void properties(std::vector<std::string>& keys, std::vector<ExprPtr>& values) {
    if (peek().kind == Tok::kParam)
      fail("a parameter as a property map is not supported: write {key: $param}");
    if (!accept_symbol("{")) return;
    if (accept_symbol("}")) return;
    do {
      keys.push_back(name("a property name", true));
      expect_symbol(":", " after the property name");
      values.push_back(expression());
    } while (accept_symbol(","));
    expect_symbol("}", " to close the property map");
  }

  NodePattern node_pattern() {
    NodePattern n;
    n.at = peek().at;
    expect_symbol("(", " to start a node pattern");
    if (peek().kind == Tok::kIdent || peek().kind == Tok::kQuotedIdent) {
      n.variable = name("a variable name");
    }
    if (accept_symbol(":")) {
      n.labels.push_back(name("a label after ':'", true));
      while (symbol("|") || symbol(":")) {
        if (symbol(":")) {
          fail("a node has exactly one type, so (v:A:B) never matches: write (v:A|B) for either");
        }
        ++pos_;
        accept_symbol(":");
        n.labels.push_back(name("a label after '|'", true));
      }
    }
    properties(n.prop_keys, n.prop_values);
    if (!symbol(")")) {
      if (keyword("where"))
        fail("WHERE inside a node pattern is not supported: put it after the MATCH");
      expected("')' after node pattern");
    }
    ++pos_;
    return n;
  }

  RelPattern rel_pattern() {
    RelPattern r;
    r.at = peek().at;
    bool left = false;
    if (accept_symbol("<")) left = true;
    expect_symbol("-", " in a relationship pattern");
    if (accept_symbol("[")) {
      if (peek().kind == Tok::kIdent || peek().kind == Tok::kQuotedIdent) {
        r.variable = name("a variable name");
      }
      if (accept_symbol(":")) {
        r.types.push_back(name("a relationship type after ':'", true));
        while (accept_symbol("|")) {
          accept_symbol(":");
          r.types.push_back(name("a relationship type after '|'", true));
        }
      }
      if (accept_symbol("*")) {
        r.variable_length = true;
        if (peek().kind == Tok::kInteger) r.min_hops = hop_count();
        if (accept_symbol("..")) {
          if (peek().kind == Tok::kInteger) r.max_hops = hop_count();
        } else if (r.min_hops) {
          r.max_hops = r.min_hops;  // *2: exactly two
        }
      }
      properties(r.prop_keys, r.prop_values);
      expect_symbol("]", " to close the relationship pattern");
    }
    expect_symbol("-", " to end the relationship pattern");
    const bool right = accept_symbol(">");
    if (left && right)
      query_error(text_, r.at, "a relationship points one way: '<-...-' or '-...->', not both");
    r.direction = left ? Direction::kLeft : right ? Direction::kRight : Direction::kBoth;
    return r;
  }

  std::size_t hop_count() {
    const Token& t = peek();
    if (t.integer > 1'000'000) fail("a path length must be at most 1000000");
    ++pos_;
    return static_cast<std::size_t>(t.integer);
  }

  void projection(Projection& p) {
    p.distinct = accept_keyword("distinct");
    if (accept_symbol("*")) {
      p.star = true;
      if (!accept_symbol(",")) goto after_items;
    }
    do {
      ProjectionItem item;
      const std::size_t start = peek().at;
      item.expr = expression();
      const std::size_t end = tokens_[pos_ - 1].at + token_length(tokens_[pos_ - 1]);
      if (accept_keyword("as")) {
        item.aliased = true;
        item.alias = name("a column name after AS");
      } else {
        item.alias = std::string(text_.substr(start, end - start));
      }
      p.items.push_back(std::move(item));
    } while (accept_symbol(","));
  after_items:
    if (accept_keyword("order")) {
      expect_keyword("by", " after ORDER");
      do {
        SortItem s;
        s.expr = expression();
        if (accept_keyword("desc") || accept_keyword("descending")) {
          s.descending = true;
        } else if (!accept_keyword("asc")) {
          accept_keyword("ascending");
        }
        p.order_by.push_back(std::move(s));
      } while (accept_symbol(","));
    }
    if (accept_keyword("skip")) p.skip = expression();
    if (accept_keyword("limit")) p.limit = expression();
  }

  ExprPtr make(ExprKind kind, std::size_t at) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->at = at;
    return e;
  }
  ExprPtr binary(Op op, std::size_t at, ExprPtr a, ExprPtr b) {
    ExprPtr e = make(ExprKind::kBinary, at);
    e->op = op;
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return e;
  }

  // One level of left-associative binary operators: `next` operands joined by any of `ops`
  // (keywords when `words`, else symbols).
  ExprPtr left_assoc(ExprPtr (Parser::*next)(),
                     std::initializer_list<std::pair<const char*, Op>> ops, bool words) {
    ExprPtr e = (this->*next)();
    Nest nest(*this, false);
    while (true) {
      const Op* op = nullptr;
      for (const auto& entry : ops) {
        if (words ? keyword(entry.first) : symbol(entry.first)) {
          op = &entry.second;
          break;
        }
      }
      if (!op) return e;
      const std::size_t at = peek().at;
      ++pos_;
      nest.deeper();
      e = binary(*op, at, std::move(e), (this->*next)());
    }
  }
  ExprPtr expression() {
    Nest nest(*this);
    return left_assoc(&Parser::xor_expression, {{"or", Op::kOr}}, true);
  }
  ExprPtr xor_expression() {
    return left_assoc(&Parser::and_expression, {{"xor", Op::kXor}}, true);
  }
  ExprPtr and_expression() {
    return left_assoc(&Parser::not_expression, {{"and", Op::kAnd}}, true);
  }
  ExprPtr not_expression() {
    if (keyword("not")) {
      Nest nest(*this);
      const std::size_t at = peek().at;
      ++pos_;
      ExprPtr e = make(ExprKind::kUnary, at);
      e->op = Op::kNot;
      e->args.push_back(not_expression());
      return e;
    }
    return comparison();
  }
  // a < b <= c means a < b AND b <= c, each operand evaluated once in meaning.
  ExprPtr comparison() {
    ExprPtr first = predicate();
    ExprPtr result;
    const Expr* left = nullptr;
    static const std::pair<const char*, Op> kOps[] = {
        {"=", Op::kEq}, {"<>", Op::kNe}, {"<", Op::kLt},    {"<=", Op::kLe},
        {">", Op::kGt}, {">=", Op::kGe}, {"=~", Op::kRegex}};
    Nest nest(*this, false);
    for (;; nest.deeper()) {
      const auto* found = std::find_if(std::begin(kOps), std::end(kOps),
                                       [&](const auto& o) { return symbol(o.first); });
      if (found == std::end(kOps)) break;
      const Op op = found->second;
      const std::size_t at = peek().at;
      ++pos_;
      ExprPtr right = predicate();
      ExprPtr lhs = first ? std::move(first) : clone(*left);
      left = right.get();
      ExprPtr cmp = binary(op, at, std::move(lhs), std::move(right));
      result = result ? binary(Op::kAnd, at, std::move(result), std::move(cmp)) : std::move(cmp);
      // `left` points into the tree just built; the next comparison copies it.
    }
    return result ? std::move(result) : std::move(first);
  }
  // STARTS WITH, ENDS WITH, CONTAINS, IN, IS [NOT] NULL.
  ExprPtr predicate() {
    ExprPtr e = additive();
    Nest nest(*this, false);
    for (;; nest.deeper()) {
      const std::size_t at = peek().at;
      if (keyword("starts") || keyword("ends")) {
        const Op op = keyword("starts") ? Op::kStartsWith : Op::kEndsWith;
        ++pos_;
        expect_keyword("with", op == Op::kStartsWith ? " after STARTS" : " after ENDS");
        e = binary(op, at, std::move(e), additive());
      } else if (accept_keyword("contains")) {
        e = binary(Op::kContains, at, std::move(e), additive());
      } else if (accept_keyword("in")) {
        e = binary(Op::kIn, at, std::move(e), additive());
      } else if (accept_keyword("is")) {
        ExprPtr t = make(ExprKind::kIsNull, at);
        t->negated = accept_keyword("not");
        expect_keyword("null", t->negated ? " after IS NOT" : " after IS");
        t->args.push_back(std::move(e));
        e = std::move(t);
      } else {
        return e;
      }
    }
  }
  ExprPtr additive() {
    return left_assoc(&Parser::multiplicative, {{"+", Op::kAdd}, {"-", Op::kSub}}, false);
  }
  ExprPtr multiplicative() {
    return left_assoc(&Parser::power, {{"*", Op::kMul}, {"/", Op::kDiv}, {"%", Op::kMod}}, false);
  }
  ExprPtr power() { return left_assoc(&Parser::unary, {{"^", Op::kPow}}, false); }
  ExprPtr unary() {
    if (symbol("-") || symbol("+")) {
      Nest nest(*this);
      const bool minus = symbol("-");
      const std::size_t at = peek().at;
      ++pos_;
      ExprPtr operand = unary();
      if (!minus) return operand;
      ExprPtr e = make(ExprKind::kUnary, at);
      e->op = Op::kNeg;
      e->args.push_back(std::move(operand));
      return e;
    }
    return postfix(atom());
  }
  ExprPtr postfix(ExprPtr e) {
    Nest nest(*this, false);
    for (;; nest.deeper()) {
      const std::size_t at = peek().at;
      if (accept_symbol(".")) {
        ExprPtr p = make(ExprKind::kProperty, peek().at);  // messages point at the key
        p->name = name("a property name after '.'", true);
        p->args.push_back(std::move(e));
        e = std::move(p);
      } else if (symbol("[")) {
        Nest inner(*this);
        ++pos_;
        ExprPtr from, to;
        bool slice = false;
        if (!symbol("..")) from = expression();
        if (accept_symbol("..")) {
          slice = true;
          if (!symbol("]")) to = expression();
        }
        expect_symbol("]", slice ? " to close the slice" : " to close the index");
        ExprPtr x = make(slice ? ExprKind::kSlice : ExprKind::kIndex, at);
        x->args.push_back(std::move(e));
        x->args.push_back(std::move(from));
        if (slice) x->args.push_back(std::move(to));
        e = std::move(x);
      } else if (symbol(":") && e->kind == ExprKind::kVariable) {
        ++pos_;
        ExprPtr t = make(ExprKind::kLabelTest, at);
        t->labels.push_back(name("a label after ':'", true));
        while (symbol("|") || symbol(":")) {
          const bool either = symbol("|");
          if (t->labels.size() > 1 && either != t->any_label)
            fail("mixing ':' and '|' in one label test is not supported");
          t->any_label = either;
          ++pos_;
          t->labels.push_back(name("a label", true));
        }
        t->args.push_back(std::move(e));
        e = std::move(t);
      } else {
        return e;
      }
    }
  }

  ExprPtr atom() {
    const Token& t = peek();
    const std::size_t at = t.at;
    const auto literal = [&](Value v) {
      ExprPtr e = make(ExprKind::kLiteral, at);
      e->value = std::move(v);
      ++pos_;
      return e;
    };
    switch (t.kind) {
      case Tok::kString:
        return literal(t.text);
      case Tok::kInteger:
        return literal(t.integer);
      case Tok::kFloat:
        return literal(t.real);
      case Tok::kParam: {
        ExprPtr e = make(ExprKind::kParameter, at);
        e->name = t.text;
        ++pos_;
        return e;
      }
      case Tok::kEnd:
        expected("an expression");
      default:
        break;
    }
    if (symbol("(")) return parenthesised();
    if (symbol("[")) {
      Nest nest(*this);
      ++pos_;
      ExprPtr e = make(ExprKind::kList, at);
      if (!accept_symbol("]")) {
        do {
          e->args.push_back(expression());
        } while (accept_symbol(","));
        if (keyword("where") || symbol("|")) {
          fail("list comprehensions are not supported");
        }
        expect_symbol("]", " to close the list");
      }
      return e;
    }
    if (symbol("{")) {
      Nest nest(*this);
      ExprPtr e = make(ExprKind::kMap, at);
      properties(e->keys, e->args);
      return e;
    }
    if (t.kind == Tok::kIdent) {
      if (keyword("true") || keyword("false")) {
        ExprPtr e = make(ExprKind::kLiteral, at);
        e->value = keyword("true");
        ++pos_;
        return e;
      }
      if (keyword("null")) {
        ++pos_;
        return make(ExprKind::kLiteral, at);
      }
      if (keyword("case")) fail("CASE expressions are not supported");
      if (symbol("(", 1)) return function_call();
      if (keyword("exists") && symbol("{", 1))
        fail(
            "EXISTS { ... } is not supported: write the pattern itself, e.g. WHERE (a)-[:led]->()");
    }
    if (t.kind == Tok::kIdent || t.kind == Tok::kQuotedIdent) {
      if (t.kind == Tok::kIdent && reserved(t.text)) expected("an expression");
      ExprPtr e = make(ExprKind::kVariable, at);
      e->name = t.text;
      ++pos_;
      return e;
    }
    expected("an expression");
  }

  // '(' starts a parenthesised expression or a pattern predicate: (a)-[:led]->(). Try the
  // pattern first; if it is not one, read an expression.
  ExprPtr parenthesised() {
    Nest nest(*this);
    const std::size_t at = peek().at;
    const std::size_t saved = pos_;
    if (at_pattern()) {
      auto p = std::make_shared<Pattern>(pattern(false));
      if (p->rels.empty())
        query_error(text_, at, "a pattern predicate needs a relationship, e.g. (a)-[:led]->()");
      ExprPtr e = make(ExprKind::kPattern, at);
      e->pattern = std::move(p);
      return e;
    }
    pos_ = saved;
    ++pos_;  // '('
    ExprPtr e = expression();
    expect_symbol(")", " to close the parenthesis");
    return e;
  }
  ExprPtr function_call() {
    Nest nest(*this);
    const Token& t = peek();
    ExprPtr e = make(ExprKind::kFunction, t.at);
    e->name = lower(t.text);
    pos_ += 2;  // name '('
    if (e->name == "count" && symbol("*") && symbol(")", 1)) {
      pos_ += 2;
      e->kind = ExprKind::kCountStar;
      return e;
    }
    e->distinct = accept_keyword("distinct");
    if (!accept_symbol(")")) {
      do {
        e->args.push_back(expression());
      } while (accept_symbol(","));
      expect_symbol(")", " to close the arguments of " + t.text + "()");
    }
    return e;
  }

  // A literal expression's value (for --param); anything else is not a literal.
  Value constant(const Expr& e) {
    switch (e.kind) {
      case ExprKind::kLiteral:
        return e.value;
      case ExprKind::kUnary:
        if (e.op == Op::kNeg && e.args[0]->kind == ExprKind::kLiteral) {
          const Value& v = e.args[0]->value;
          if (v.is<std::int64_t>() &&
              v.as<std::int64_t>() != std::numeric_limits<std::int64_t>::min()) {
            return -v.as<std::int64_t>();
          }
          if (v.is<double>()) return -v.as<double>();
        }
        break;
      case ExprKind::kList: {
        List list;
        for (const ExprPtr& a : e.args) list.push_back(constant(*a));
        return list;
      }
      case ExprKind::kMap: {
        Map map;
        for (std::size_t i = 0; i < e.keys.size(); ++i)
          map.emplace_back(e.keys[i], constant(*e.args[i]));
        return map;
      }
      default:
        break;
    }
    query_error(text_, e.at, "not a literal value");
  }
};

}  // namespace

Query parse_query(std::string_view text) { return Parser(text).query(); }

Value parse_parameter(std::string_view text) {
  try {
    return Parser(text).literal_only();
  } catch (const Error&) {
    return std::string(text);
  }
}

}  // namespace ergraph::cypher
