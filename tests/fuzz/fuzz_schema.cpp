// libFuzzer: schema YAML, on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ergraph/error.hpp"
#include "ergraph/schema.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    ergraph::Schema::parse(std::string_view(reinterpret_cast<const char*>(data), size),
                           "fuzz.yaml");
  } catch (const ergraph::Error&) {
  }
  return 0;
}
