// libFuzzer: `ergraph query` on any bytes, parsed, bound and run against the Istanbul sample
// with small limits. A refusal (ergraph::Error, with its place) is fine; a crash, a sanitizer
// report, a hang past libFuzzer's timeout or any other exception is not.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "ergraph/database.hpp"
#include "ergraph/error.hpp"
#include "fuzz_input.hpp"

namespace {

ergraph::Database& sample() {
  static ergraph::Database* db = [] {
    const std::string dir = "/tmp/ergraph-fuzz-query-" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    ergraph::fuzz::remove_at_exit(dir);
    const std::string path = dir + "/sample.db";
    std::filesystem::remove(path);
    ergraph::Database::create(path, ergraph::Schema::builtin());
    auto* d = new ergraph::Database(path);
    d->import_files({std::string(ERGRAPH_SOURCE_DIR) + "/samples/istanbul-2025/graph.jsonl"},
                    ergraph::DataFormat::kJsonl);
    return d;
  }();
  return *db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ergraph::Database& db = sample();
  const std::string text(reinterpret_cast<const char*>(data), size);
  ergraph::QueryOptions options;
  options.max_rows = 2000;  // and so 20000 pattern expansions: every input ends quickly
  options.max_length = 4;
  options.parameters = {{"name", "Hakan Fidan"}, {"n", "2"}};
  try {
    const ergraph::QueryResult r = db.query(text, options);
    for (const auto& row : r.rows) {
      if (row.size() != r.columns.size()) std::abort();
    }
  } catch (const ergraph::Error&) {
  }
  return 0;
}
