#include "value.hpp"

#include <cmath>
#include <cstdio>
#include <string_view>

#include "ergraph/error.hpp"
#include "ergraph/graph.hpp"

namespace ergraph::cypher {

const char* Value::type_name() const {
  static const char* const kNames[] = {"null",   "boolean",      "integer", "float",
                                       "string", "date",         "list",    "map",
                                       "node",   "relationship", "path"};
  return kNames[data.index()];
}

bool is_number(const Value& v) { return v.is<std::int64_t>() || v.is<double>(); }
double number(const Value& v) {
  return v.is<double>() ? v.as<double>() : static_cast<double>(v.as<std::int64_t>());
}
bool is_text(const Value& v) { return v.is<std::string>() || v.is<DateValue>(); }
const std::string& text_of(const Value& v) {
  return v.is<DateValue>() ? v.as<DateValue>().text : v.as<std::string>();
}

std::string Value::a_type_name() const {
  const std::string name = type_name();
  return (name[0] == 'i' ? "an " : "a ") + name;
}

namespace {

// The days a date value or date string covers; nullopt for a string that is not a date.
std::optional<DateRange> days_of(const Value& v) {
  if (v.is<DateValue>()) return DateRange{v.as<DateValue>().first, v.as<DateValue>().last};
  if (v.is<std::string>()) return date_range(v.as<std::string>());
  return std::nullopt;
}

// Numbers of either kind compared by value; ints exactly when both are ints.
int compare_numbers(const Value& a, const Value& b) {
  if (a.is<std::int64_t>() && b.is<std::int64_t>()) {
    const auto x = a.as<std::int64_t>(), y = b.as<std::int64_t>();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const double x = number(a), y = number(b);
  if (std::isnan(x) || std::isnan(y))
    return std::isnan(x) == std::isnan(y) ? 0 : std::isnan(x) ? 1 : -1;
  return x < y ? -1 : x > y ? 1 : 0;
}

int compare_text(const std::string& a, const std::string& b) {
  const int c = a.compare(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace

Truth equals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (is_number(a) && is_number(b)) return compare_numbers(a, b) == 0;
  if (a.is<DateValue>() || b.is<DateValue>()) {
    if (!(a.is<DateValue>() || a.is<std::string>()) ||
        !(b.is<DateValue>() || b.is<std::string>())) {
      return false;
    }
    const auto x = days_of(a), y = days_of(b);
    if (!x || !y) return false;
    return x->first == y->first && x->last == y->last;
  }
  if (a.data.index() != b.data.index()) return false;
  if (a.is<bool>()) return a.as<bool>() == b.as<bool>();
  if (a.is<std::string>()) return a.as<std::string>() == b.as<std::string>();
  if (a.is<NodeRef>()) return a.as<NodeRef>().vertex == b.as<NodeRef>().vertex;
  if (a.is<RelRef>()) return a.as<RelRef>().edge == b.as<RelRef>().edge;
  if (a.is<PathRef>()) {
    return a.as<PathRef>().nodes == b.as<PathRef>().nodes &&
           a.as<PathRef>().edges == b.as<PathRef>().edges;
  }
  if (a.is<List>()) {
    const List &x = a.as<List>(), &y = b.as<List>();
    if (x.size() != y.size()) return false;
    bool unknown = false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const Truth t = equals(x[i], y[i]);
      if (t && !*t) return false;
      if (!t) unknown = true;
    }
    return unknown ? Truth{} : Truth{true};
  }
  // Maps: the same keys, each value equal.
  const Map &x = a.as<Map>(), &y = b.as<Map>();
  if (x.size() != y.size()) return false;
  bool unknown = false;
  for (const auto& [key, value] : x) {
    const Value* other = nullptr;
    for (const auto& [k, v] : y) {
      if (k == key) other = &v;
    }
    if (!other) return false;
    const Truth t = equals(value, *other);
    if (t && !*t) return false;
    if (!t) unknown = true;
  }
  return unknown ? Truth{} : Truth{true};
}

Truth compare(const Value& a, const Value& b, Comparison op) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  int c = 0;
  if (is_number(a) && is_number(b)) {
    if ((a.is<double>() && std::isnan(a.as<double>())) ||
        (b.is<double>() && std::isnan(b.as<double>()))) {
      return false;
    }
    c = compare_numbers(a, b);
  } else if (a.is<DateValue>() || b.is<DateValue>()) {
    if (!(a.is<DateValue>() || a.is<std::string>()) ||
        !(b.is<DateValue>() || b.is<std::string>())) {
      return std::nullopt;
    }
    const auto x = days_of(a), y = days_of(b);
    if (!x || !y) {
      const std::string& bad = text_of(x ? b : a);
      throw Error(
          ErrorCode::kInvalidInput,
          "'" + bad + "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD) to compare a date with");
    }
    switch (op) {
      case Comparison::kLess:
        return x->first < y->first;
      case Comparison::kLessEqual:
        return x->first <= y->last;
      case Comparison::kGreater:
        return x->last > y->last;
      case Comparison::kGreaterEqual:
        return x->last >= y->first;
    }
  } else if (a.is<std::string>() && b.is<std::string>()) {
    c = compare_text(a.as<std::string>(), b.as<std::string>());
  } else if (a.is<bool>() && b.is<bool>()) {
    c = static_cast<int>(a.as<bool>()) - static_cast<int>(b.as<bool>());
  } else if (a.is<List>() && b.is<List>()) {
    const List &x = a.as<List>(), &y = b.as<List>();
    std::size_t i = 0;
    for (; i < x.size() && i < y.size(); ++i) {
      const Truth eq = equals(x[i], y[i]);
      if (!eq) return std::nullopt;
      if (!*eq) return compare(x[i], y[i], op);
    }
    c = x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
  } else {
    return std::nullopt;
  }
  switch (op) {
    case Comparison::kLess:
      return c < 0;
    case Comparison::kLessEqual:
      return c <= 0;
    case Comparison::kGreater:
      return c > 0;
    case Comparison::kGreaterEqual:
      return c >= 0;
  }
  return std::nullopt;
}

namespace {

// The rank of a value's kind in ORDER BY's ascending order.
int kind_rank(const Value& v) {
  if (v.is<Map>()) return 0;
  if (v.is<NodeRef>()) return 1;
  if (v.is<RelRef>()) return 2;
  if (v.is<List>()) return 3;
  if (v.is<PathRef>()) return 4;
  if (v.is<std::string>() || v.is<DateValue>()) return 5;
  if (v.is<bool>()) return 6;
  if (is_number(v)) return 7;
  return 8;  // null
}

template <typename T>
int compare_sequences(const std::vector<T>& a, const std::vector<T>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

}  // namespace

int order(const Value& a, const Value& b) {
  const int ra = kind_rank(a), rb = kind_rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0: {
      const Map &x = a.as<Map>(), &y = b.as<Map>();
      for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
        if (const int c = compare_text(x[i].first, y[i].first)) return c;
        if (const int c = order(x[i].second, y[i].second)) return c;
      }
      return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    }
    case 1: {
      const auto x = a.as<NodeRef>().vertex, y = b.as<NodeRef>().vertex;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 2: {
      const auto x = a.as<RelRef>().edge, y = b.as<RelRef>().edge;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 3: {
      const List &x = a.as<List>(), &y = b.as<List>();
      for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
        if (const int c = order(x[i], y[i])) return c;
      }
      return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    }
    case 4: {
      if (const int c = compare_sequences(a.as<PathRef>().nodes, b.as<PathRef>().nodes)) return c;
      return compare_sequences(a.as<PathRef>().edges, b.as<PathRef>().edges);
    }
    case 5:
      return compare_text(text_of(a), text_of(b));
    case 6:
      return static_cast<int>(a.as<bool>()) - static_cast<int>(b.as<bool>());
    case 7:
      return compare_numbers(a, b);
    default:
      return 0;
  }
}

bool ValuesLess::operator()(const std::vector<Value>& a, const std::vector<Value>& b) const {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (const int c = order(a[i], b[i])) return c < 0;
  }
  return a.size() < b.size();
}

}  // namespace ergraph::cypher
