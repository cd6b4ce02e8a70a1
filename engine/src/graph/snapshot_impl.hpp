// Private to the engine: the snapshot's representation, shared by graph/ and query/.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "ergraph/graph.hpp"

namespace ergraph {

// What every edge carries inside the CSR graph (bundled property): 12 bytes.
struct EdgeAttributes {
  std::uint16_t type = 0;
  std::int32_t date_first = 0;  // 0 when undated
  std::int32_t date_last = 0;
};

// Out- and in-edges, 32-bit vertex and edge indices. Edge indices follow the order the edges
// were given in (sorted by source, target, type, date), so edge index == EdgeId.
using CsrGraph =
    boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, EdgeAttributes,
                                       boost::no_property, std::uint32_t, std::uint32_t>;

struct GraphSnapshot::Impl {
  CsrGraph graph;
  // Every vertex's neighbours either way in one sorted row: the out- and in-edges of `graph`
  // merged in for_each_neighbor's order (ascending neighbour, out-edges first). An undirected
  // search without filters scans this row alone: one array, no merge per edge.
  std::vector<std::uint32_t> both_start;   // by vertex, size n + 1
  std::vector<std::uint32_t> both_vertex;  // the neighbour, size 2m
  std::vector<std::uint32_t> both_edge;    // edge index, kIncoming set when the edge runs in
  static constexpr std::uint32_t kIncoming = 1u << 31;
  std::vector<std::int64_t> store_ids;  // by EdgeId
  std::vector<std::string> ids;         // by VertexId, sorted
  std::vector<std::string> names;       // by VertexId
  std::vector<std::uint16_t> types;     // by VertexId, index into node_types
  std::vector<std::string> node_types;
  std::vector<std::string> edge_types;
  std::string data_version;  // of the store it was built from (Store::data_version)
};

}  // namespace ergraph
