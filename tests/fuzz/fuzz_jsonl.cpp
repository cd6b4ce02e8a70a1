// libFuzzer: the JSON Lines reader and import's validation against a database, on any bytes.
// Every outcome but a finished check or an ergraph::Error is a finding (a crash, a sanitizer
// report, another exception escaping).
#include <cstddef>
#include <cstdint>

#include "ergraph/import.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ergraph::Store store = ergraph::fuzz::sample_store();
  const std::string path = ergraph::fuzz::write_input(data, size, ".jsonl");
  try {
    ergraph::read_and_validate(store, {path}, ergraph::DataFormat::kJsonl);
  } catch (const ergraph::Error&) {
  }
  return 0;
}
