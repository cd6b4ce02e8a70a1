// ergraph/graph.hpp — an immutable in-memory snapshot of the store's graph for queries.
//
// Built in one pass over the nodes and one over the edges. Vertices are numbered 0..n-1 in node
// id order and edges 0..m-1 in (from, to, type, date) order, so everything computed on a
// snapshot is deterministic. String ids appear only at this boundary; inside, the snapshot is
// compressed-sparse-row arrays with out-, in- and both-ways rows (ergraph/adjacency.hpp), which
// the engine's searches read through adjacency().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ergraph/adjacency.hpp"
#include "ergraph/store.hpp"

namespace ergraph {

enum class VertexId : std::uint32_t {};
enum class EdgeId : std::uint32_t {};

inline std::uint32_t index_of(VertexId v) { return static_cast<std::uint32_t>(v); }
inline std::uint32_t index_of(EdgeId e) { return static_cast<std::uint32_t>(e); }

// A date as the inclusive range of days it covers, as YYYYMMDD integers: "2025" is
// [20250101, 20251231], "2025-05" is [20250501, 20250531].
struct DateRange {
  std::int32_t first = 0;
  std::int32_t last = 0;
};

// The range a YYYY[-MM[-DD]] date covers; nullopt for "" or an invalid date.
std::optional<DateRange> date_range(std::string_view date);
// The date a range was read from: date_range()'s inverse on its three forms.
std::string date_text(const DateRange& range);

struct SnapshotEdge {
  VertexId from;
  VertexId to;
  std::uint16_t type;             // index into GraphSnapshot::edge_types()
  std::optional<DateRange> date;  // nullopt when undated
  std::int64_t store_id;          // the edge's key in the store, for its citations
  // The store's row holds more than this (EdgeAttributes::more_in_store): read it for the date
  // and props; otherwise the date is date_text(*date) (or "") and the props "{}".
  bool more_in_store;
};

class GraphSnapshot {
 public:
  // The store's graph: from its saved image when that matches the data (a file beside the
  // database, mapped: its arrays are read where they lie, after one pass that checks them),
  // else built from the tables in one pass over the nodes and one over the edges.
  // Error(kStorage) if the store fails.
  static GraphSnapshot load(const Store& store);
  // Builds from the tables, ignoring any image.
  static GraphSnapshot build(const Store& store);
  // Saves this snapshot's image beside `store` for the data version it was built from
  // (Store::write_cache_file), so the next load maps compact arrays instead of rebuilding.
  // Error(kStorage) if it cannot be written.
  void save_image(Store& store) const;

  GraphSnapshot(GraphSnapshot&&) noexcept;
  GraphSnapshot& operator=(GraphSnapshot&&) noexcept;
  ~GraphSnapshot();

  std::size_t vertex_count() const;
  std::size_t edge_count() const;

  // The vertex of a node id; nullopt when the id is not in the snapshot.
  std::optional<VertexId> vertex(std::string_view node_id) const;
  const std::string& node_id(VertexId v) const;
  const std::string& node_name(VertexId v) const;
  const std::string& node_type(VertexId v) const;

  // The vertex of the node with this store key (as a citation names its document); nullopt
  // when no node has it.
  std::optional<VertexId> vertex_of_key(std::int64_t key) const;
  // A Document's `publisher` prop as evidence counting reads it (NodeRow::publisher: "" when it
  // has none); nullopt for a node of another type.
  std::optional<std::string_view> publisher(VertexId v) const;

  SnapshotEdge edge(EdgeId e) const;
  const std::string& edge_type_name(EdgeId e) const;

  // Type names in the order of their indices (schema order).
  const std::vector<std::string>& node_types() const;
  const std::vector<std::string>& edge_types() const;

  // Bytes held by the adjacency structure and edge attributes (not the id strings).
  std::size_t graph_bytes() const;
  // Bytes held by the node id and name strings (their objects and any heap storage), and by the
  // few Documents' publishers.
  std::size_t string_bytes() const;

  // The adjacency arrays, for the engine's searches. The reference lives in this object (a move
  // of the snapshot leaves it behind); spans taken from it point into the arrays and stay valid
  // as long as the snapshot's data, moved or not.
  const Adjacency& adjacency() const { return adjacency_; }

 private:
  struct Impl;  // the strings and store keys beside the arrays
  GraphSnapshot(std::unique_ptr<Impl> impl, Adjacency adjacency);
  std::unique_ptr<Impl> impl_;
  Adjacency adjacency_;
};

}  // namespace ergraph
