// Private to query/: the breadth-first search that neighbors(), select_ego() and select_paths()
// share.
#pragma once

#include <vector>

#include "ergraph/query.hpp"
#include "filter.hpp"

namespace ergraph {

// Breadth-first from `start` up to `depth` hops along what `filter` lets through (both ways
// unless filter.directed) and, when `allowed` is given, only into vertices it marks (by vertex
// index). Returns the start first, then by hop count, each level in order of discovery, each
// vertex with the hop that first reached it.
std::vector<Reached> reach(const GraphSnapshot& graph, const CompiledFilter& filter, VertexId start,
                           int depth, const std::vector<char>* allowed);

}  // namespace ergraph
