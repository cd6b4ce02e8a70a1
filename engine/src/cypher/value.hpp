// Private to cypher/: the values a query computes with, and openCypher's rules for comparing
// them (three-valued equality and order, the total order of ORDER BY and DISTINCT).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ergraph::cypher {

struct Value;
using List = std::vector<Value>;
using Map = std::vector<std::pair<std::string, Value>>;  // in the order written

struct NodeRef {
  std::uint32_t vertex = 0;
};
struct RelRef {
  std::uint32_t edge = 0;
};
// A path as vertices and the edges between them (edges.size() + 1 vertices).
struct PathRef {
  std::vector<std::uint32_t> nodes;
  std::vector<std::uint32_t> edges;
};
// A date property: its text, and the days it covers (YYYYMMDD, inclusive).
struct DateValue {
  std::string text;
  std::int32_t first = 0;
  std::int32_t last = 0;
};

struct Value {
  using Data = std::variant<std::monostate, bool, std::int64_t, double, std::string, DateValue,
                            List, Map, NodeRef, RelRef, PathRef>;
  Data data;

  Value() = default;
  template <typename T>
  requires(!std::same_as<std::decay_t<T>, Value>) Value(T&& v)
      : data(std::forward<T>(v)) {}  // NOLINT: values convert implicitly

  bool is_null() const { return std::holds_alternative<std::monostate>(data); }
  template <typename T>
  bool is() const {
    return std::holds_alternative<T>(data);
  }
  template <typename T>
  const T& as() const {
    return std::get<T>(data);
  }
  // "null", "boolean", "integer", "float", "string", "date", "list", "map", "node",
  // "relationship" or "path", for messages.
  const char* type_name() const;
  // The same with its article: "an integer", "a string".
  std::string a_type_name() const;
};

bool is_number(const Value& v);              // an integer or a float
double number(const Value& v);               // precondition: is_number(v)
bool is_text(const Value& v);                // a string or a date
const std::string& text_of(const Value& v);  // precondition: is_text(v)

using Truth = std::optional<bool>;  // nullopt: null (unknown)

// openCypher's `=`: null when either side is null (or a list holds a null that decides it);
// numbers compare by value (1 = 1.0); a date equals a date string covering the same days.
Truth equals(const Value& a, const Value& b);

enum class Comparison { kLess, kLessEqual, kGreater, kGreaterEqual };
// `<`, `<=`, `>`, `>=`: numbers, strings, booleans, lists (element by element) and dates; null
// for anything else. Dates follow ergraph's rule for partial dates: a date is the range of days
// it covers, and `a >= b` holds when a can fall on or after b's first day (as --since), `a <= b`
// when it can fall on or before b's last (as --until), `a > b` when it ends after b ends, `a < b`
// when it starts before b starts. A date against a string that is not a date is an error.
Truth compare(const Value& a, const Value& b, Comparison op);

// The total order of ORDER BY, DISTINCT and grouping: maps, nodes, relationships, lists, paths,
// strings (and dates, by their text), booleans, numbers, then null; within a kind by value
// (nodes by id order). 0 exactly when the two are the same for DISTINCT (null equals null).
int order(const Value& a, const Value& b);

struct ValuesLess {
  bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const;
};

}  // namespace ergraph::cypher
