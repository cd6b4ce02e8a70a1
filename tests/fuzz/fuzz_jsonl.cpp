// libFuzzer: the JSON Lines reader and import's validation against a database, on any bytes.
// Every outcome but a finished check or an ergraph::Error is a finding (a crash, a sanitizer
// report, another exception escaping). Also: reading the file in the large-file import's two
// passes (all but the edges, then the edges part by part) must find the records and problems
// one pass finds, each line read by exactly one of the passes (the first pass's count of edge
// lines is at least the edges: a line it took for an edge may not parse). And: the shortcut for
// plain edge lines must read every file as the full JSON parser reads it (the same records and
// the same report).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "ergraph/import.hpp"
#include "ergraph/jsonl.hpp"
#include "fuzz_input.hpp"

namespace {

void check_two_passes_read_as_one(const std::string& path) {
  ergraph::RecordSet once;
  ergraph::Diagnostics once_found(1u << 30);
  ergraph::read_jsonl(path, once, once_found);
  ergraph::RecordSet first;
  ergraph::Diagnostics found(1u << 30);
  ergraph::read_jsonl(path, first, found, {}, ergraph::RecordKinds::kAllButEdges);
  std::vector<std::size_t> edge_lines;
  ergraph::read_jsonl_edges(path, found, {}, [&](std::vector<ergraph::EdgeRecord>& edges) {
    for (const ergraph::EdgeRecord& r : edges) edge_lines.push_back(r.where.line);
  });
  std::vector<std::size_t> once_edge_lines;
  for (const ergraph::EdgeRecord& r : once.edges) once_edge_lines.push_back(r.where.line);
  if (first.nodes.size() != once.nodes.size() || !first.edges.empty() ||
      first.judgements.size() != once.judgements.size() || edge_lines != once_edge_lines ||
      first.edge_lines_left < once.edges.size() || found.count() != once_found.count()) {
    std::abort();
  }
}

std::string report_of(const ergraph::Diagnostics& diags) {
  try {
    diags.throw_if_any();
  } catch (const ergraph::Error& e) {
    return e.what();
  }
  return "";
}

void check_shortcut_reads_as_parser(const std::string& path) {
  ergraph::RecordSet read[2];
  std::string report[2];
  for (const bool full : {false, true}) {
    ergraph::ReadOptions options;
    options.full_json_parse = full;
    ergraph::Diagnostics found;
    ergraph::read_jsonl(path, read[full], found, options);
    report[full] = report_of(found);
  }
  const auto same = [](const ergraph::EdgeRecord& a, const ergraph::EdgeRecord& b) {
    return a.where.line == b.where.line && a.edge.type == b.edge.type &&
           a.edge.from == b.edge.from && a.edge.to == b.edge.to && a.edge.date == b.edge.date &&
           a.edge.props == b.edge.props && a.edge.sources == b.edge.sources;
  };
  if (report[0] != report[1] || read[0].nodes.size() != read[1].nodes.size() ||
      read[0].judgements.size() != read[1].judgements.size() ||
      !std::equal(read[0].edges.begin(), read[0].edges.end(), read[1].edges.begin(),
                  read[1].edges.end(), same)) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ergraph::Store store = ergraph::fuzz::sample_store();
  const std::string path = ergraph::fuzz::write_input(data, size, ".jsonl");
  try {
    check_two_passes_read_as_one(path);
    check_shortcut_reads_as_parser(path);
  } catch (const ergraph::Error&) {
  }
  try {
    ergraph::read_and_validate(store, {path}, ergraph::DataFormat::kJsonl);
  } catch (const ergraph::Error&) {
  }
  return 0;
}
