#include "execute.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "eval.hpp"
#include "match.hpp"
#include "parser.hpp"

namespace ergraph::cypher {

namespace {

class Stage {
 public:
  virtual ~Stage() = default;
  // `row` stands for `weight` identical rows (a pattern's last hop counted, not walked).
  virtual void push(Row& row, std::uint64_t weight) = 0;
  virtual void finish() = 0;
};

// A stage that passes its rows on to the next one: MATCH and UNWIND.
class PassingStage : public Stage {
 public:
  PassingStage(const Clause& c, Context& ctx, Stage& next) : c_(c), ctx_(ctx), next_(next) {}
  void finish() override { next_.finish(); }

 protected:
  const Clause& c_;
  Context& ctx_;
  Stage& next_;
};

class MatchStage : public PassingStage {
 public:
  MatchStage(const Clause& c, Context& ctx, Stage& next, bool ends_only)
      : PassingStage(c, ctx, next), ends_only_(ends_only) {}
  void push(Row& row, std::uint64_t weight) override {
    bool any = false;
    const Emit emit = [&](Row& r, std::uint64_t w) {
      any = true;
      next_.push(r, w * weight);
      return true;
    };
    match_patterns(c_.patterns, c_.where.get(), row, c_.slots_in, ctx_, emit, ends_only_);
    if (!any && c_.optional) {
      for (std::size_t s = c_.slots_in; s < c_.slots_out && s < row.size(); ++s) row[s] = Value{};
      next_.push(row, weight);
    }
  }

 private:
  bool ends_only_;
};

class UnwindStage : public PassingStage {
 public:
  using PassingStage::PassingStage;
  void push(Row& row, std::uint64_t weight) override {
    const Value v = evaluate(*c_.unwind, row, ctx_);
    if (v.is_null()) return;
    if (!v.is<List>()) {
      row[c_.alias_slot] = v;
      next_.push(row, weight);
      return;
    }
    for (const Value& x : v.as<List>()) {
      row[c_.alias_slot] = x;
      next_.push(row, weight);
    }
  }
};

// What an aggregate has seen of its group so far.
struct Accumulator {
  std::int64_t count = 0;
  List values;                                    // collect
  std::set<std::vector<Value>, ValuesLess> seen;  // DISTINCT
  Value best;                                     // min, max
  bool any_float = false;                         // sum, avg
  std::int64_t int_sum = 0;
  double float_sum = 0;
  bool overflowed = false;
};

struct Group {
  std::vector<Value> keys;
  std::vector<Accumulator> accumulators;
  Row first;  // a row of the group, for expressions around the aggregates
};

// WITH and RETURN: projection, aggregation, DISTINCT, ORDER BY, SKIP, LIMIT, and WITH's WHERE.
class ProjectStage : public Stage {
 public:
  ProjectStage(const Clause& c, std::size_t row_size, Context& ctx, Stage* next, Rows* result)
      : c_(c), p_(c.projection), row_size_(row_size), ctx_(ctx), next_(next), result_(result) {
    aggregating_ = p_.aggregate_count > 0;
    for (const ProjectionItem& item : p_.items) keys_ += item.has_aggregate ? 0 : 1;
    sort_all_ = result_ && p_.order_by.empty();
    buffered_ =
        aggregating_ || p_.distinct || !p_.order_by.empty() || p_.skip || p_.limit || sort_all_;
  }

  void push(Row& row, std::uint64_t weight) override {
    if (aggregating_) {
      accumulate(row, weight);
      return;
    }
    Row out = project(row, nullptr);
    if (!buffered_) {
      emit(out, weight);
      return;
    }
    // Held rows are held one by one (DISTINCT needs only one of them).
    for (std::uint64_t i = 1; i < weight && !p_.distinct; ++i) keep(out, row);
    keep(std::move(out), row);
  }

  void finish() override {
    if (aggregating_) {
      if (groups_.empty() && keys_count() == 0) groups_.push_back(new_group(Row(row_size_)));
      for (Group& g : groups_) {
        std::vector<Value> finals;
        for (std::size_t a = 0; a < p_.aggregates.size(); ++a)
          finals.push_back(final_value(*p_.aggregates[a], g.accumulators[a]));
        Row out = project(g.first, &finals);
        keep(std::move(out), g.first);
      }
    }
    if (buffered_) flush();
    if (next_) next_->finish();
  }

 private:
  const Clause& c_;
  const Projection& p_;
  std::size_t row_size_;
  Context& ctx_;
  Stage* next_;
  Rows* result_;
  bool aggregating_ = false, sort_all_ = false, buffered_ = false;
  std::size_t keys_ = 0;  // the items that are not aggregates: the grouping key
  std::vector<std::pair<std::vector<Value>, Row>> kept_;  // sort keys, row
  std::set<std::vector<Value>, ValuesLess> distinct_;
  std::vector<Group> groups_;
  std::map<std::vector<Value>, std::size_t, ValuesLess> group_index_;

  std::size_t keys_count() const { return keys_; }

  Row project(Row& in, const std::vector<Value>* finals) {
    Row out(row_size_);
    for (std::size_t i = 0; i < p_.items.size(); ++i)
      out[i] = evaluate(*p_.items[i].expr, in, ctx_, finals);
    return out;
  }

  void keep(Row out, const Row& in) {
    if (p_.distinct) {
      std::vector<Value> key(out.begin(),
                             out.begin() + static_cast<std::ptrdiff_t>(p_.items.size()));
      if (!distinct_.insert(std::move(key)).second) return;
    }
    std::vector<Value> sort_keys;
    if (!p_.order_by.empty()) {
      // ORDER BY sees the new columns, then (without aggregation or DISTINCT) the input row.
      Row combined(row_size_);
      const std::size_t k = p_.items.size();
      for (std::size_t i = 0; i < k; ++i) combined[i] = out[i];
      if (!aggregating_ && !p_.distinct) {
        for (std::size_t i = 0; i < in.size() && k + i < row_size_; ++i) combined[k + i] = in[i];
      }
      for (const SortItem& s : p_.order_by) sort_keys.push_back(evaluate(*s.expr, combined, ctx_));
    }
    kept_.emplace_back(std::move(sort_keys), std::move(out));
    if (kept_.size() > ctx_.limits().max_rows) ctx_.too_much(c_.at, "rows", ctx_.limits().max_rows);
  }

  std::size_t count_of(const ExprPtr& e, const char* what) {
    if (!e) return 0;
    Row empty(row_size_);
    const Value v = evaluate(*e, empty, ctx_);
    if (!v.is<std::int64_t>() || v.as<std::int64_t>() < 0) {
      query_error(ctx_.text(), e->at, std::string(what) + " takes a whole number of at least 0");
    }
    return static_cast<std::size_t>(v.as<std::int64_t>());
  }

  void flush() {
    const std::size_t k = p_.items.size();
    if (!p_.order_by.empty()) {
      std::stable_sort(kept_.begin(), kept_.end(), [&](const auto& a, const auto& b) {
        for (std::size_t i = 0; i < p_.order_by.size(); ++i) {
          const int c = order(a.first[i], b.first[i]);
          if (c != 0) return p_.order_by[i].descending ? c > 0 : c < 0;
        }
        return false;
      });
    } else if (sort_all_) {
      std::stable_sort(kept_.begin(), kept_.end(), [&](const auto& a, const auto& b) {
        for (std::size_t i = 0; i < k; ++i) {
          if (const int c = order(a.second[i], b.second[i])) return c < 0;
        }
        return false;
      });
    }
    const std::size_t skip = count_of(p_.skip, "SKIP");
    const std::size_t limit = p_.limit ? count_of(p_.limit, "LIMIT") : kept_.size();
    for (std::size_t i = skip; i < kept_.size() && i - skip < limit; ++i) emit(kept_[i].second, 1);
    kept_.clear();
  }

  void emit(Row& out, std::uint64_t weight) {
    if (c_.where && !holds(*c_.where, out, ctx_)) return;
    if (result_) {
      for (std::uint64_t i = 0; i < weight; ++i) {
        result_->rows.emplace_back(out.begin(),
                                   out.begin() + static_cast<std::ptrdiff_t>(p_.items.size()));
        if (result_->rows.size() > ctx_.limits().max_rows)
          ctx_.too_much(c_.at, "rows", ctx_.limits().max_rows);
      }
      return;
    }
    next_->push(out, weight);
  }

  Group new_group(Row first) {
    Group g;
    g.accumulators.resize(p_.aggregates.size());
    g.first = std::move(first);
    return g;
  }

  void accumulate(Row& row, std::uint64_t weight) {
    std::size_t group = 0;
    if (keys_count() == 0) {
      // One group for all rows (RETURN count(*)): no key to build or look up per row.
      if (groups_.empty()) groups_.push_back(new_group(row));
    } else {
      std::vector<Value> keys;
      for (const ProjectionItem& item : p_.items) {
        if (!item.has_aggregate) keys.push_back(evaluate(*item.expr, row, ctx_));
      }
      auto [it, added] = group_index_.try_emplace(keys, groups_.size());
      if (added) {
        groups_.push_back(new_group(row));
        groups_.back().keys = std::move(keys);
        if (groups_.size() > ctx_.limits().max_rows)
          ctx_.too_much(c_.at, "groups", ctx_.limits().max_rows);
      }
      group = it->second;
    }
    Group& g = groups_[group];
    for (std::size_t a = 0; a < p_.aggregates.size(); ++a)
      add(*p_.aggregates[a], g.accumulators[a], row, weight);
  }

  // Adds `weight` copies of the row's value (one, for DISTINCT, min and max).
  void add(const Expr& agg, Accumulator& acc, Row& row, std::uint64_t weight) {
    const auto w = static_cast<std::int64_t>(weight);
    if (agg.kind == ExprKind::kCountStar) {
      acc.count += w;
      return;
    }
    Value v = evaluate(*agg.args[0], row, ctx_);
    if (v.is_null()) return;
    if (agg.distinct) {
      if (!acc.seen.insert({v}).second) return;
      weight = 1;
    }
    const std::string& f = agg.name;
    if (f == "count") {
      acc.count += static_cast<std::int64_t>(weight);
    } else if (f == "collect") {
      for (std::uint64_t i = 0; i < weight; ++i) {
        acc.values.push_back(v);
        if (acc.values.size() > ctx_.limits().max_rows)
          ctx_.too_much(agg.at, "collected values", ctx_.limits().max_rows);
      }
    } else if (f == "min" || f == "max") {
      if (acc.best.is_null() || (f == "min" ? order(v, acc.best) < 0 : order(v, acc.best) > 0))
        acc.best = std::move(v);
    } else {  // sum, avg
      const auto times = static_cast<std::int64_t>(weight);
      if (v.is<std::int64_t>()) {
        std::int64_t part = 0;
        if (__builtin_mul_overflow(v.as<std::int64_t>(), times, &part) ||
            __builtin_add_overflow(acc.int_sum, part, &acc.int_sum))
          acc.overflowed = true;
        acc.float_sum += static_cast<double>(v.as<std::int64_t>()) * static_cast<double>(times);
      } else if (v.is<double>()) {
        acc.any_float = true;
        acc.float_sum += v.as<double>() * static_cast<double>(times);
      } else {
        query_error(ctx_.text(), agg.at, f + "() takes numbers, not " + v.a_type_name());
      }
      acc.count += times;
    }
  }

  Value final_value(const Expr& agg, Accumulator& acc) {
    if (agg.kind == ExprKind::kCountStar || agg.name == "count") return acc.count;
    if (agg.name == "collect") return std::move(acc.values);
    if (agg.name == "min" || agg.name == "max") return acc.best;
    if (agg.name == "sum") {
      if (acc.any_float) return acc.float_sum;
      if (acc.overflowed) query_error(ctx_.text(), agg.at, "integer overflow in sum()");
      return acc.int_sum;
    }
    if (acc.count == 0) return {};
    return acc.float_sum / static_cast<double>(acc.count);  // avg
  }
};

// Whether a WITH or RETURN gives the same rows however many times each input row comes:
// DISTINCT without aggregates, or aggregates that are all DISTINCT, min or max.
bool ignores_duplicates(const Clause& c) {
  if (c.kind != ClauseKind::kWith && c.kind != ClauseKind::kReturn) return false;
  const Projection& p = c.projection;
  if (p.aggregates.empty()) return p.distinct;
  return std::all_of(p.aggregates.begin(), p.aggregates.end(), [](const Expr* a) {
    return a->kind == ExprKind::kFunction && (a->distinct || a->name == "min" || a->name == "max");
  });
}

}  // namespace

Rows execute(const Query& query, Context& ctx) {
  Rows result;
  const Clause& last = query.clauses.back();
  for (const ProjectionItem& item : last.projection.items) result.columns.push_back(item.alias);
  // Stages from the last clause back, each pushing into the one after it.
  std::vector<std::unique_ptr<Stage>> stages;
  Stage* next = nullptr;
  for (std::size_t i = query.clauses.size(); i-- > 0;) {
    const Clause& c = query.clauses[i];
    std::unique_ptr<Stage> stage;
    switch (c.kind) {
      case ClauseKind::kMatch:
        stage = std::make_unique<MatchStage>(
            c, ctx, *next,
            i + 1 < query.clauses.size() && ignores_duplicates(query.clauses[i + 1]));
        break;
      case ClauseKind::kUnwind:
        stage = std::make_unique<UnwindStage>(c, ctx, *next);
        break;
      case ClauseKind::kWith:
        stage = std::make_unique<ProjectStage>(c, query.row_size, ctx, next, nullptr);
        break;
      case ClauseKind::kReturn:
        stage = std::make_unique<ProjectStage>(c, query.row_size, ctx, nullptr, &result);
        break;
    }
    next = stage.get();
    stages.push_back(std::move(stage));
  }
  Row start(query.row_size);
  next->push(start, 1);
  next->finish();
  return result;
}

}  // namespace ergraph::cypher
