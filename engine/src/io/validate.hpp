// Private to the io layer: import's check of the records read against a store's schema and
// contents, and the merge of duplicates within the input.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "ergraph/error.hpp"
#include "ergraph/import.hpp"
#include "ergraph/model.hpp"
#include "ergraph/store.hpp"

namespace ergraph {
class Validator;
}

namespace ergraph::io {

// An accepted edge record as its check found it: `position` numbers the accepted keys (from,
// type, to, date) in input order, `duplicate` says an earlier accepted record had this one's
// key, and `from_node`, `to_node` are its ends' places in Validation::nodes() (kStored: not
// there, a stored node).
struct AcceptedEdge {
  static constexpr std::uint32_t kStored = 0xffffffff;
  std::uint32_t position = 0;
  bool duplicate = false;
  std::uint32_t from_node = kStored, to_node = kStored;
};
using EdgeSink = std::function<void(EdgeRecord& record, const AcceptedEdge& accepted)>;

// The checks of ergraph/import.hpp in phases, for an import that does not hold its edges:
// nodes (with the judgements, which rename), then the edges part by part, then the rest. Each
// problem goes to `diags`.
class Validation {
 public:
  Validation(const Store& store, Diagnostics& diags, const ReadOptions& options);
  ~Validation();
  Validation(const Validation&) = delete;
  Validation& operator=(const Validation&) = delete;

  // Checks the judgement and node records; the accepted nodes are moved out of `records` (their
  // locations copied), which may then be freed but for the judgements, read by finish().
  void check_nodes(RecordSet& records);
  // The accepted nodes, duplicates within the input merged.
  const std::vector<Node>& nodes() const;
  // Once the nodes' texts are written: keeps each in quote normal form instead (the form quotes
  // are looked up in), so that an import holds one copy of every text, not two.
  void keep_texts_normalized();
  // About how many edge records will come (sizes the duplicate index once).
  void expect_edges(std::size_t records);
  // Finds ahead, on any thread, what checking `part` needs of the nodes alone (each end's node,
  // whether each quote is in its document's text): check_edges on the same part then uses it.
  // May run beside check_edges on an earlier part; the part must not move in between.
  void precheck_edges(std::span<const EdgeRecord> part);
  // One part of the edge records, in input order.
  void check_edges(std::span<EdgeRecord> part, const EdgeSink& sink);
  // After the last part: stored quotes a replaced document text would lose, and the judgements.
  void finish(const RecordSet& records);
  // Frees the accepted nodes and their texts once nothing reads them again (a bulk write, which
  // wrote the texts after the nodes): the write's index builds then have the memory.
  void release_nodes();
  std::vector<Judgement> take_judgements();
  // Warnings and notes (WriteSet::notes).
  std::vector<std::string> take_notes();
  // The accepted nodes, moved out (after finish).
  std::vector<Node> take_nodes();

 private:
  std::unique_ptr<Validator> validator_;
};

}  // namespace ergraph::io
