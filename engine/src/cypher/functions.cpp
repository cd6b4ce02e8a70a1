// The scalar functions: graph (type, labels, id, nodes, ...), evidence (citations, sources),
// strings, numbers and lists.
#include "functions.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>

#include "ergraph/text.hpp"
#include "eval.hpp"

namespace ergraph::cypher {

namespace {

// The relationships a value holds: one, a list of them, or a path's.
std::vector<std::uint32_t> relationships_in(const Value& v, Context& ctx, const Expr& e) {
  std::vector<std::uint32_t> edges;
  if (v.is<RelRef>()) {
    edges.push_back(v.as<RelRef>().edge);
  } else if (v.is<PathRef>()) {
    edges = v.as<PathRef>().edges;
  } else if (v.is<List>()) {
    for (const Value& x : v.as<List>()) {
      if (!x.is<RelRef>())
        type_error(ctx, e,
                   std::string("expected relationships, found a list holding a ") + x.type_name());
      edges.push_back(x.as<RelRef>().edge);
    }
  } else {
    type_error(ctx, e,
               std::string(e.name) + "() takes a relationship, a list of them or a path, not " +
                   v.a_type_name());
  }
  return edges;
}

Value to_integer(const Value& v) {
  if (v.is<std::int64_t>()) return v;
  if (v.is<double>()) {
    const double d = std::trunc(v.as<double>());
    if (!(d >= -9.2e18 && d <= 9.2e18)) return {};
    return static_cast<std::int64_t>(d);
  }
  if (v.is<bool>()) return static_cast<std::int64_t>(v.as<bool>());
  if (is_text(v)) {
    const std::string& s = text_of(v);
    char* end = nullptr;
    errno = 0;
    const long long n = std::strtoll(s.c_str(), &end, 10);
    if (!s.empty() && *end == '\0' && errno == 0) return static_cast<std::int64_t>(n);
    const double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && *end == '\0' && std::isfinite(d) && std::abs(d) < 9.2e18)
      return static_cast<std::int64_t>(d);
  }
  return {};
}

Value to_float(const Value& v) {
  if (is_number(v)) return number(v);
  if (is_text(v)) {
    const std::string& s = text_of(v);
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && *end == '\0') return d;
  }
  return {};
}

std::string to_text(const Value& v) {
  if (is_text(v)) return text_of(v);
  if (v.is<std::int64_t>()) return std::to_string(v.as<std::int64_t>());
  if (v.is<double>()) return float_text(v.as<double>());
  return v.as<bool>() ? "true" : "false";
}

// Code points of a string, for size() and substring().
std::vector<std::string_view> code_points(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i + 1;
    while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

std::int64_t integer_arg(const Value& v, Context& ctx, const Expr& e, const char* what) {
  if (!v.is<std::int64_t>())
    type_error(ctx, e, std::string(what) + " must be an integer, not " + v.a_type_name());
  return v.as<std::int64_t>();
}

Value call_function(const Expr& e, Row& row, Context& ctx) {
  const std::string& f = e.name;
  if (f == "coalesce") {
    for (const ExprPtr& a : e.args) {
      Value v = evaluate(*a, row, ctx);
      if (!v.is_null()) return v;
    }
    return {};
  }
  std::vector<Value> args;
  for (const ExprPtr& a : e.args) args.push_back(evaluate(*a, row, ctx));
  const Value& x = args[0];
  if (x.is_null() && f != "range") return {};
  auto wrong = [&](const char* expected) -> Value {
    type_error(ctx, e, f + "() takes " + expected + ", not " + x.a_type_name());
  };
  if (f == "type") {
    if (!x.is<RelRef>()) return wrong("a relationship");
    return ctx.graph().edge_type_name(EdgeId(x.as<RelRef>().edge));
  }
  if (f == "labels") {
    if (!x.is<NodeRef>()) return wrong("a node");
    return List{Value(ctx.graph().node_type(VertexId(x.as<NodeRef>().vertex)))};
  }
  if (f == "id") {
    if (!x.is<NodeRef>())
      return wrong("a node (a relationship has no id of its own: use its type, ends and date)");
    return ctx.graph().node_id(VertexId(x.as<NodeRef>().vertex));
  }
  if (f == "length") {
    if (x.is<PathRef>()) return static_cast<std::int64_t>(x.as<PathRef>().edges.size());
    if (x.is<List>()) return static_cast<std::int64_t>(x.as<List>().size());
    return wrong("a path");
  }
  if (f == "nodes" || f == "relationships") {
    if (!x.is<PathRef>()) return wrong("a path");
    List out;
    if (f == "nodes") {
      for (std::uint32_t v : x.as<PathRef>().nodes) out.emplace_back(NodeRef{v});
    } else {
      for (std::uint32_t r : x.as<PathRef>().edges) out.emplace_back(RelRef{r});
    }
    return out;
  }
  if (f == "size") {
    if (x.is<List>()) return static_cast<std::int64_t>(x.as<List>().size());
    if (is_text(x)) return static_cast<std::int64_t>(count_code_points(text_of(x)));
    return wrong("a list or a string");
  }
  if (f == "tolower" || f == "toupper") {
    if (!is_text(x)) return wrong("a string");
    return change_case(text_of(x), f == "toupper");
  }
  if (f == "trim") {
    if (!is_text(x)) return wrong("a string");
    const std::string& s = text_of(x);
    const auto b = s.find_first_not_of(" \t\n\r");
    if (b == std::string::npos) return std::string();
    return s.substr(b, s.find_last_not_of(" \t\n\r") - b + 1);
  }
  if (f == "citations") {
    List out;
    for (std::uint32_t r : relationships_in(x, ctx, e)) {
      for (const Citation& c : ctx.edge(r).sources) {
        out.emplace_back(
            Map{{"doc", c.doc}, {"doc_name", ctx.document_name(c.doc)}, {"quote", c.quote}});
      }
    }
    return out;
  }
  if (f == "sources") {
    std::set<std::string> docs;
    for (std::uint32_t r : relationships_in(x, ctx, e)) {
      for (const Citation& c : ctx.edge(r).sources) docs.insert(c.doc);
    }
    return static_cast<std::int64_t>(docs.size());
  }
  if (f == "independent") {
    std::vector<Citation> all;
    for (std::uint32_t r : relationships_in(x, ctx, e)) {
      const std::vector<Citation>& c = ctx.edge(r).sources;
      all.insert(all.end(), c.begin(), c.end());
    }
    return static_cast<std::int64_t>(ctx.sources().count(all).independent);
  }
  if (f == "tostring") {
    if (is_text(x) || is_number(x) || x.is<bool>()) return to_text(x);
    return wrong("a string, number or boolean");
  }
  if (f == "tointeger") return to_integer(x);
  if (f == "tofloat") return to_float(x);
  if (f == "head" || f == "last") {
    if (!x.is<List>()) return wrong("a list");
    const List& l = x.as<List>();
    if (l.empty()) return {};
    return f == "head" ? l.front() : l.back();
  }
  if (f == "tail") {
    if (!x.is<List>()) return wrong("a list");
    const List& l = x.as<List>();
    return l.empty() ? List{} : List(l.begin() + 1, l.end());
  }
  if (f == "reverse") {
    if (x.is<List>()) return List(x.as<List>().rbegin(), x.as<List>().rend());
    if (is_text(x)) {
      auto cps = code_points(text_of(x));
      std::string out;
      for (auto it = cps.rbegin(); it != cps.rend(); ++it) out += *it;
      return out;
    }
    return wrong("a list or a string");
  }
  if (f == "startnode" || f == "endnode") {
    if (!x.is<RelRef>()) return wrong("a relationship");
    const SnapshotEdge se = ctx.graph().edge(EdgeId(x.as<RelRef>().edge));
    return NodeRef{index_of(f == "startnode" ? se.from : se.to)};
  }
  if (f == "abs") {
    if (x.is<std::int64_t>()) {
      if (x.as<std::int64_t>() == std::numeric_limits<std::int64_t>::min())
        type_error(ctx, e, "integer overflow");
      return std::abs(x.as<std::int64_t>());
    }
    if (x.is<double>()) return std::abs(x.as<double>());
    return wrong("a number");
  }
  if (f == "properties" || f == "keys") {
    Map m;
    if (x.is<NodeRef>()) {
      m = ctx.node_properties(x.as<NodeRef>().vertex);
    } else if (x.is<RelRef>()) {
      m = ctx.edge_properties(x.as<RelRef>().edge);
    } else if (x.is<Map>()) {
      m = x.as<Map>();
    } else {
      return wrong("a node, relationship or map");
    }
    if (f == "properties") return m;
    List keys;
    for (const auto& kv : m) keys.emplace_back(kv.first);
    return keys;
  }
  if (f == "range") {
    for (const Value& a : args) {
      if (a.is_null()) return {};
    }
    const std::int64_t from = integer_arg(args[0], ctx, e, "range()'s start");
    const std::int64_t to = integer_arg(args[1], ctx, e, "range()'s end");
    const std::int64_t step = args.size() > 2 ? integer_arg(args[2], ctx, e, "range()'s step") : 1;
    if (step == 0) type_error(ctx, e, "range()'s step must not be 0");
    List out;
    const long double count = (static_cast<long double>(to) - from) / step + 1;
    if (count > static_cast<long double>(ctx.limits().max_rows))
      ctx.too_much(e.at, "list elements", ctx.limits().max_rows);
    for (long double i = 0; i < count; ++i)
      out.emplace_back(static_cast<std::int64_t>(from + static_cast<std::int64_t>(i) * step));
    return out;
  }
  if (f == "substring") {
    if (!is_text(x)) return wrong("a string");
    const auto cps = code_points(text_of(x));
    const std::int64_t start = integer_arg(args[1], ctx, e, "substring()'s start");
    if (start < 0) type_error(ctx, e, "substring()'s start must be at least 0");
    std::int64_t length = static_cast<std::int64_t>(cps.size());
    if (args.size() > 2) {
      if (args[2].is_null()) return {};
      length = integer_arg(args[2], ctx, e, "substring()'s length");
      if (length < 0) type_error(ctx, e, "substring()'s length must be at least 0");
    }
    std::string out;
    for (std::int64_t i = start; i < static_cast<std::int64_t>(cps.size()) && i - start < length;
         ++i)
      out += cps[static_cast<std::size_t>(i)];
    return out;
  }
  if (f == "replace" || f == "split") {
    for (const Value& a : args) {
      if (a.is_null()) return {};
      if (!is_text(a)) type_error(ctx, e, f + "() takes strings, not " + a.a_type_name());
    }
    const std::string& s = text_of(args[0]);
    const std::string& what = text_of(args[1]);
    if (f == "split") {
      List out;
      if (what.empty()) {
        for (std::string_view cp : code_points(s)) out.emplace_back(std::string(cp));
        return out;
      }
      std::size_t pos = 0;
      while (true) {
        const std::size_t next = s.find(what, pos);
        out.emplace_back(s.substr(pos, next == std::string::npos ? std::string::npos : next - pos));
        if (next == std::string::npos) break;
        pos = next + what.size();
      }
      return out;
    }
    if (what.empty()) return s;
    const std::string& with = text_of(args[2]);
    std::string out;
    std::size_t pos = 0;
    while (true) {
      const std::size_t next = s.find(what, pos);
      out.append(s, pos, next == std::string::npos ? std::string::npos : next - pos);
      if (next == std::string::npos) break;
      out += with;
      pos = next + what.size();
    }
    return out;
  }
  type_error(ctx, e, "function " + f + "() cannot be used here");
}

}  // namespace ergraph::cypher
