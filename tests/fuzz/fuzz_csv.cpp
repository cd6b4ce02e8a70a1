// libFuzzer: the CSV reader (nodes or edges file, told apart by the header) and import's
// validation against a database, on any bytes.
#include <cstddef>
#include <cstdint>

#include "ergraph/import.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ergraph::Store store = ergraph::fuzz::sample_store();
  const std::string path = ergraph::fuzz::write_input(data, size, ".csv");
  try {
    ergraph::read_and_validate(store, {path}, ergraph::DataFormat::kCsv);
  } catch (const ergraph::Error&) {
  }
  return 0;
}
