#include "ergraph/import.hpp"

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
    input.set = io::validate_records(store, input.records, diags, options);
  }
  diags.throw_if_any();
  return input;
}

ImportSummary import_files(Store& store, const std::vector<std::string>& paths, DataFormat format,
                           const std::function<void(std::size_t, std::size_t)>& progress,
                           const ReadOptions& options) {
  ImportSummary summary;
  StepClock clock(summary.steps);
  Diagnostics diags;
  RecordSet records;
  read_into(paths, format, records, diags, options);
  count_read(records, summary);
  clock.lap("read the files");
  // The files are read without the lock; validation against the stored data runs holding the
  // write lock, in the write's transaction, so that an import checked against yesterday's
  // database cannot commit on top of another import's today (two files, each valid alone,
  // that together break the schema).
  summary.written = store.write_checked(
      [&](std::vector<Node>& nodes, std::vector<const Edge*>& edges,
          std::vector<Judgement>& judgements) {
        WriteSet set = io::validate_records(store, records, diags, options);
        diags.throw_if_any();
        nodes = std::move(set.nodes);
        edges = std::move(set.edges);
        judgements = std::move(set.judgements);
        summary.notes = std::move(set.notes);
      },
      progress);
  for (StepTime& step : summary.written.steps) summary.steps.push_back(std::move(step));
  summary.written.steps.clear();
  return summary;
}

}  // namespace ergraph
