#include "ergraph/checksum.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ergraph;

namespace {

std::uint64_t sum_in_pieces(const std::string& s, std::size_t piece) {
  Checksum c;
  for (std::size_t i = 0; i < s.size(); i += piece)
    c.add(s.data() + i, std::min(piece, s.size() - i));
  return c.value();
}

}  // namespace

TEST_CASE("a checksum does not depend on how the stream is cut") {
  std::string data;
  for (int i = 0; i < 1000; ++i) data += static_cast<char>(i * 7 + 3);
  const std::uint64_t whole = sum_in_pieces(data, data.size());
  for (std::size_t piece : {1u, 3u, 8u, 31u, 32u, 33u, 100u}) {
    CHECK(sum_in_pieces(data, piece) == whole);
  }
}

TEST_CASE("a checksum changes with any changed, added or removed byte") {
  std::string data(200, 'a');
  const std::uint64_t base = sum_in_pieces(data, 7);
  for (std::size_t at : {0u, 31u, 32u, 100u, 199u}) {
    std::string changed = data;
    changed[at] = 'b';
    CHECK(sum_in_pieces(changed, 7) != base);
  }
  CHECK(sum_in_pieces(data + "a", 7) != base);
  CHECK(sum_in_pieces(data.substr(1), 7) != base);
  CHECK(sum_in_pieces("", 1) != sum_in_pieces(std::string(1, '\0'), 1));
}

TEST_CASE("a checksum's hex spelling is its value in 16 lowercase digits") {
  Checksum c;
  c.add("abc", 3);
  const std::string hex = c.hex();
  REQUIRE(hex.size() == 16);
  CHECK(hex.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(std::stoull(hex, nullptr, 16) == c.value());
}
