// libFuzzer: batch scripts (shell-like words, quotes, continuations, comments), on any bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "../../cli/script.hpp"
#include "ergraph/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    ergraph::cli::parse_script(std::string(reinterpret_cast<const char*>(data), size),
                               "fuzz.ergraph");
  } catch (const ergraph::Error&) {
  }
  return 0;
}
