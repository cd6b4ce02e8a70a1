#include "traversal_options.hpp"

#include <CLI/CLI.hpp>

#include "ergraph/error.hpp"

namespace ergraph::cli {

void add_traversal_options(CLI::App& sub, TraversalOptions& o, bool with_max_hops) {
  sub.add_flag("--directed", o.directed, "follow edges from -> to only (default: either way)");
  sub.add_option("--edge-types", o.edge_types, "use only these edge types (comma-separated)")
      ->delimiter(',');
  sub.add_option("--skip-edge-types", o.skip_edge_types, "never use these edge types")
      ->delimiter(',');
  sub.add_option("--node-types", o.node_types, "nodes passed through must be of these types")
      ->delimiter(',');
  sub.add_option("--avoid", o.avoid, "never pass through this node (repeatable)");
  sub.add_option("--at", o.at, "use only edges dated within DATE (YYYY[-MM[-DD]]; undated kept)");
  sub.add_option("--from", o.from, "use only edges dated on or after DATE (undated kept)");
  sub.add_option("--to", o.to, "use only edges dated on or before DATE (undated kept)");
  sub.add_flag("--dated-only", o.dated_only, "drop undated edges");
  add_evidence_options(sub, o.evidence);
  if (with_max_hops) {
    sub.add_option("--max-hops", o.max_hops, "longest path to accept")
        ->check(CLI::Range(0, 100000000));
  }
}

void add_evidence_options(CLI::App& sub, EvidenceFilter& e) {
  sub.add_option("--min-sources", e.min_sources, "use only edges cited by at least N documents")
      ->check(CLI::Range(1, 100000000));
  sub.add_option("--min-independent", e.min_independent,
                 "use only edges cited by at least N independent sources (one per publisher)")
      ->check(CLI::Range(1, 100000000));
  sub.add_option("--source", e.only_sources,
                 "use only edges this document or publisher supports (repeatable)");
  sub.add_option("--exclude-source", e.exclude_sources,
                 "drop this document's or publisher's citations as evidence (repeatable)");
}

bool TraversalOptions::narrows_anything() const {
  return directed || !edge_types.empty() || !skip_edge_types.empty() || !node_types.empty() ||
         !avoid.empty() || !at.empty() || !from.empty() || !to.empty() || dated_only ||
         max_hops >= 0 || evidence.active();
}

TraversalSpec TraversalOptions::to_spec() const {
  TraversalSpec f;
  f.directed = directed;
  f.edge_types = edge_types;
  f.skip_edge_types = skip_edge_types;
  f.node_types = node_types;
  f.dated_only = dated_only;
  f.max_hops = max_hops;
  f.avoid = avoid;
  f.evidence = evidence;
  auto parse = [](const std::string& option, const std::string& value) {
    const auto range = date_range(value);
    if (!range) {
      throw Error(ErrorCode::kUsage,
                  option + ": '" + value + "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    }
    return *range;
  };
  if (!at.empty() && (!from.empty() || !to.empty())) {
    throw Error(ErrorCode::kUsage, "--at cannot be combined with --from/--to");
  }
  if (!at.empty()) f.window = parse("--at", at);
  if (!from.empty() || !to.empty()) {
    DateRange window{0, 99991231};
    if (!from.empty()) window.first = parse("--from", from).first;
    if (!to.empty()) window.last = parse("--to", to).last;
    if (window.first > window.last) {
      throw Error(ErrorCode::kUsage, "--from " + from + " is after --to " + to);
    }
    f.window = window;
  }
  return f;
}

}  // namespace ergraph::cli
