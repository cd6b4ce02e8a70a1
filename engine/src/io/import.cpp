#include "ergraph/import.hpp"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "ergraph/csv.hpp"
#include "ergraph/jsonl.hpp"
#include "validate.hpp"

namespace ergraph {
namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void read_into(const std::vector<std::string>& paths, DataFormat format, RecordSet& records,
               Diagnostics& diags, const ReadOptions& options) {
  for (const std::string& path : paths) {
    const bool csv = format == DataFormat::kCsv ||
                     (format == DataFormat::kAuto && path != "-" && ends_with(path, ".csv"));
    if (csv) {
      read_csv(path, records, diags, options);
    } else {
      read_jsonl(path, records, diags, options);
    }
  }
}

// A JSON Lines file this large is read twice: everything but its edges first, then its edges a
// part at a time, checked and written as they come, so that an import never holds them all.
// (Smaller files, CSV files and standard input are read once, whole.)
constexpr std::uintmax_t kTwoPassBytes = std::uintmax_t{4} << 20;

// One input file, and where its edges are: in the records read (held) or still in the file.
struct Input {
  std::string path;
  bool streamed = false;
  std::size_t held_begin = 0, held_end = 0;  // its edges among the records read
};

std::vector<Input> read_all_but_large_edges(const std::vector<std::string>& paths,
                                            DataFormat format, RecordSet& records,
                                            Diagnostics& diags, const ReadOptions& options) {
  std::vector<Input> inputs;
  for (const std::string& path : paths) {
    Input input{path, false, records.edges.size(), 0};
    const bool csv = format == DataFormat::kCsv ||
                     (format == DataFormat::kAuto && path != "-" && ends_with(path, ".csv"));
    std::error_code ec;
    input.streamed = !csv && path != "-" && std::filesystem::is_regular_file(path, ec) &&
                     std::filesystem::file_size(path, ec) >= kTwoPassBytes && !ec;
    if (csv) {
      read_csv(path, records, diags, options);
    } else {
      read_jsonl(path, records, diags, options,
                 input.streamed ? RecordKinds::kAllButEdges : RecordKinds::kAll);
    }
    input.held_end = records.edges.size();
    inputs.push_back(std::move(input));
  }
  return inputs;
}

// Validation of records held whole (the validate command): a duplicate's citations (and props,
// when the first had none) join its first record, the one the result points at.
WriteSet validate_records(const Store& store, RecordSet& records, Diagnostics& diags,
                          const ReadOptions& options) {
  io::Validation validator(store, diags, options);
  validator.check_nodes(records);
  std::vector<EdgeRecord*> accepted;
  validator.expect_edges(records.edges.size());
  validator.check_edges(records.edges, [&](EdgeRecord& r, const io::AcceptedEdge& a) {
    if (!a.duplicate) {
      accepted.push_back(&r);
      return;
    }
    Edge& merged = accepted[a.position]->edge;
    if (r.edge.props != "{}") merged.props = r.edge.props;
    for (Citation& c : r.edge.sources) {
      if (std::find(merged.sources.begin(), merged.sources.end(), c) == merged.sources.end()) {
        merged.sources.push_back(std::move(c));
      }
    }
  });
  validator.finish(records);
  WriteSet out;
  out.nodes = validator.take_nodes();
  out.edges.reserve(accepted.size());
  for (const EdgeRecord* r : accepted) out.edges.push_back(&r->edge);
  out.judgements = validator.take_judgements();
  out.notes = validator.take_notes();
  return out;
}

void count_read(const RecordSet& records, ImportSummary& counts) {
  counts.nodes_read = records.nodes.size();
  counts.edges_read = records.edges.size();
  for (const EdgeRecord& r : records.edges) counts.citations_read += r.edge.sources.size();
}

}  // namespace

CheckedInput read_and_validate(const Store& store, const std::vector<std::string>& paths,
                               DataFormat format, ImportSummary* read_counts,
                               const ReadOptions& options) {
  // One report for both stages: a reader problem does not hide the validation problems of the
  // records that did read.
  Diagnostics diags;
  CheckedInput input;
  read_into(paths, format, input.records, diags, options);
  if (read_counts != nullptr) count_read(input.records, *read_counts);
  {
    // One read transaction for the whole validation: it checks against one committed state,
    // and its lookups (one per node) do not each take and drop the file's shared lock — that
    // was half of `validate`'s time on M (12.7 s of validation, now about 6 s).
    const Store::ReadScope reading(store);
    input.set = validate_records(store, input.records, diags, options);
  }
  diags.throw_if_any();
  return input;
}

namespace {

// import_files' work, in a function of its own so that what it holds is freed when it returns.
void read_check_and_write(Store& store, const std::vector<std::string>& paths, DataFormat format,
                          const std::function<void(std::size_t, std::size_t)>& progress,
                          const ReadOptions& options, ImportSummary& summary) {
  StepClock clock(summary.steps);
  Diagnostics diags;
  RecordSet records;
  const std::vector<Input> inputs =
      read_all_but_large_edges(paths, format, records, diags, options);
  summary.nodes_read = records.nodes.size();
  const bool two_pass =
      std::any_of(inputs.begin(), inputs.end(), [](const Input& input) { return input.streamed; });
  clock.lap(two_pass ? "read all but the edges" : "read the files");
  const std::size_t total = records.nodes.size() + records.edges.size() + records.edge_lines_left;
  // The files are read without the lock; validation against the stored data runs holding the
  // write lock, in the write's transaction, so that an import checked against yesterday's
  // database cannot commit on top of another import's today (two files, each valid alone,
  // that together break the schema). The edges are checked and written a part at a time, as
  // they are read: on a problem the write goes on (later duplicates are still found and every
  // problem reported), and the transaction is rolled back at the end.
  // Outside the write: the write reads the nodes' texts at its end.
  io::Validation validation(store, diags, options);
  summary.written = store.write_streamed(
      [&](Store::WriteSession& session) {
        validation.check_nodes(records);
        std::vector<NodeRecord>().swap(records.nodes);  // moved out, and their places copied
        session.lap("validate the nodes");
        for (const Node& node : validation.nodes()) session.write_node(node);
        session.end_nodes();
        if (session.bulk()) validation.keep_texts_normalized();
        validation.expect_edges(records.edges.size() + records.edge_lines_left);
        session.lap("write nodes");
        // Nodes are written in nodes()' order: a place there is the write_node call's number.
        static_assert(io::AcceptedEdge::kStored == Store::WriteSession::kNotWritten);
        const io::EdgeSink write = [&](EdgeRecord& r, const io::AcceptedEdge& a) {
          session.write_edge(r.edge, a.duplicate, a.from_node, a.to_node);
        };
        const auto check_and_write = [&](std::span<EdgeRecord> part) {
          summary.edges_read += part.size();
          for (const EdgeRecord& r : part) summary.citations_read += r.edge.sources.size();
          validation.check_edges(part, write);
        };
        for (const Input& input : inputs) {
          if (input.streamed) {
            read_jsonl_edges(
                input.path, diags, options,
                [&](std::vector<EdgeRecord>& part) { check_and_write(part); },
                [&](std::vector<EdgeRecord>& part) { validation.precheck_edges(part); });
          } else {
            check_and_write(std::span(records.edges)
                                .subspan(input.held_begin, input.held_end - input.held_begin));
          }
        }
        session.lap("check and write edges and citations");
        validation.finish(records);
        if (session.bulk()) validation.release_nodes();
        diags.throw_if_any();
        summary.notes = validation.take_notes();
        const std::vector<Judgement> judgements = validation.take_judgements();
        for (const Judgement& j : judgements) session.write_judgement(j);
        if (!judgements.empty()) session.lap("write judgements");
      },
      total, progress);
  for (StepTime& step : summary.written.steps) summary.steps.push_back(std::move(step));
  summary.written.steps.clear();
}

}  // namespace

ImportSummary import_files(Store& store, const std::vector<std::string>& paths, DataFormat format,
                           const std::function<void(std::size_t, std::size_t)>& progress,
                           const ReadOptions& options) {
  ImportSummary summary;
  read_check_and_write(store, paths, format, progress, options, summary);
#ifdef __GLIBC__
  // The records and checks just freed were millions of small blocks, which the allocator keeps
  // for the process: handed back, they leave room for the graph built next (on L the graph
  // build then ran at 1.0 GB resident, not 2.5 GB: RSS sampled every 2 s).
  malloc_trim(0);
#endif
  return summary;
}

}  // namespace ergraph
