// libFuzzer: the saved graph image, the one binary format ergraph reads beside a database file.
// The input is stored as the image file of a small database, with its checksum recorded as the
// stamp (else every mutation would stop at the checksum and the bounds checks behind it would
// never be reached), then the graph is loaded from it and searched: whatever the bytes, a load
// either rebuilds from the tables or yields a graph every query can walk.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include <unistd.h>

#include "ergraph/checksum.hpp"
#include "ergraph/query.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ergraph::Store store =
      ergraph::fuzz::sample_store("/tmp/ergraph-fuzz-image-" + std::to_string(::getpid()) + ".db");
  ergraph::Checksum sum;
  sum.add(data, size);
  store.write_cache_file("graph-snapshot", store.data_version(),
                         [&](const ergraph::Store::Append& append) {
                           if (size > 0) append(data, size);
                           return sum.hex();  // the stamp the image's writer records
                         });
  try {
    const ergraph::GraphSnapshot graph = ergraph::GraphSnapshot::load(store);
    // Reads past an array's end inside the mapped file are invisible to ASan: check that the
    // counts the accessors trust agree, as the loader must have.
    if (graph.vertex_count() != graph.adjacency().vertex_count() ||
        graph.edge_count() != graph.adjacency().edge_count()) {
      __builtin_trap();
    }
    const auto n = static_cast<std::uint32_t>(graph.vertex_count());
    if (n == 0) return 0;
    const ergraph::VertexId first{0}, last{n - 1};
    ergraph::PathFinder finder(graph);
    finder.shortest(first, last, {});
    finder.k_shortest(first, last, {}, 3);
    ergraph::neighbors(graph, last, 2, {});
    ergraph::components(graph);
    ergraph::rank(graph, {});
    ergraph::select_ego(graph, first, 1, {}, {});
    for (std::uint32_t e = 0; e < graph.edge_count() && e < 64; ++e) {
      graph.edge(ergraph::EdgeId(e));
    }
    // The lookups by store key and the publishers: every vertex they give is within bounds.
    for (std::int64_t key = -1; key < static_cast<std::int64_t>(n) * 2 + 4; ++key) {
      const std::optional<ergraph::VertexId> v = graph.vertex_of_key(key);
      if (v && ergraph::index_of(*v) >= n) __builtin_trap();
    }
    for (std::uint32_t v = 0; v < n && v < 64; ++v) graph.publisher(ergraph::VertexId(v));
  } catch (const ergraph::Error&) {
  }
  return 0;
}
