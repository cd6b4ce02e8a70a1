// libFuzzer: `ergraph extract` on any bytes, as a report read against the built-in schema and a
// few known nodes. Refusals (not UTF-8, NUL bytes, empty) are fine; a crash, a sanitizer report
// or proposals that are not one JSON object per line are not.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "ergraph/error.hpp"
#include "ergraph/extract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<ergraph::KnownNode> known = {
      {"person:hakan-fidan", "Person", "Hakan Fidan", {"Fidan"}, ""},
      {"country:turkey", "Country", "Turkey", {"Türkiye"}, ""},
      {"event:istanbul-talks",
       "Event",
       "Istanbul talks, 16 May 2025",
       {"Istanbul talks"},
       "2025-05-16"},
      {"topic:ceasefire", "Topic", "Ceasefire", {"truce"}, ""},
  };
  ergraph::ReportInput report;
  report.source = "fuzz.txt";
  report.text.assign(reinterpret_cast<const char*>(data), size);
  report.published = "2025-05-17";
  try {
    const ergraph::Extraction x =
        ergraph::extract_reports(ergraph::Schema::builtin(), known, {report}, {0.0, true});
    // Every line an object: the first byte '{', the last '}'.
    std::size_t begin = 0;
    while (begin < x.jsonl.size()) {
      const std::size_t end = x.jsonl.find('\n', begin);
      if (end == std::string::npos || x.jsonl[begin] != '{' || x.jsonl[end - 1] != '}') {
        std::abort();
      }
      begin = end + 1;
    }
  } catch (const ergraph::Error&) {
  }
  return 0;
}
