// ergraph/import.hpp — reading data files into a database, all or nothing.
//
// Import reads every file, checks every record against the database's schema and contents, and
// writes in one transaction only when nothing is wrong: on any problem it throws a
// ValidationError listing each one with file:line, and the database is exactly as it was.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "ergraph/model.hpp"
#include "ergraph/store.hpp"

namespace ergraph {

enum class DataFormat { kAuto, kJsonl, kCsv };

// What import would write, after validation: nodes and edges, duplicates within the input merged.
// The edges are where they were read (CheckedInput::records), not copied.
struct WriteSet {
  std::vector<Node> nodes;
  std::vector<const Edge*> edges;
  std::vector<Judgement> judgements;
  // Warnings and notes that do not stop the import, each "file:line: warning: ..." or
  // "file:line: note: ...": a new node named like another of its type (README "Same actor,
  // two names"), an id merged away read as the node it was merged into.
  std::vector<std::string> notes;
};

struct ImportSummary {
  std::size_t nodes_read = 0;
  std::size_t edges_read = 0;
  std::size_t citations_read = 0;
  WriteCounts written;
  std::vector<std::string> notes;  // as WriteSet::notes
  // Every step of the import in order, with how long it took: reading, then the write's own
  // (written.steps, moved here), then the facade's (building and saving the graph).
  std::vector<StepTime> steps;
};

// Records as read (their accepted nodes moved into `set`, locations kept for messages), and what
// they validate to. Moving it keeps `set.edges` pointing into `records`.
struct CheckedInput {
  RecordSet records;
  WriteSet set;
};

// Reads each file in the format its name says (.csv is CSV, anything else — and "-" — JSON
// Lines) unless `format` says otherwise, then checks the records against the store's schema and
// contents — types (with suggestions), endpoints and their types, properties, node ids reused
// with another type, citations and their quotes, stored quotes a replaced document text would
// orphan — and merges duplicates. Throws ValidationError listing every problem of both stages
// (up to a cap): a reader problem does not hide the validation problems of the records that did
// read. When `read_counts` is given, its *_read counts are set from the records as read.
CheckedInput read_and_validate(const Store& store, const std::vector<std::string>& paths,
                               DataFormat format = DataFormat::kAuto,
                               ImportSummary* read_counts = nullptr,
                               const ReadOptions& options = {});

// Reads the files, then validates and writes them in one transaction holding the write lock
// (Store::write_streamed), so that the validation and the write see the same stored data. A JSON
// Lines file of 4 MiB or more is read in two passes: everything but its edges, then its edges a
// part at a time, each checked and written as it comes (the transaction is rolled back at the
// end if anything was wrong), so that the import does not hold them all. `progress` as for
// Store::write.
ImportSummary import_files(Store& store, const std::vector<std::string>& paths,
                           DataFormat format = DataFormat::kAuto,
                           const std::function<void(std::size_t, std::size_t)>& progress = {},
                           const ReadOptions& options = {});

}  // namespace ergraph
