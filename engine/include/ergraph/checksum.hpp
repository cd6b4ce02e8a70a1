// ergraph/checksum.hpp — a fast 64-bit checksum of a byte stream, for data ergraph keeps
// beside the tables (the saved graph image): a changed byte in a damaged file is caught before
// the data is used. Not cryptographic: it finds damage, not forgery (bounds checks do that).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace ergraph {

// The same value however the stream is cut into pieces: four lanes of multiply-xorshift over
// 32-byte blocks, several GB/s, so it can run over a whole image as it is read.
class Checksum {
 public:
  void add(const void* data, std::size_t n);
  std::uint64_t value() const;
  // value() as 16 lowercase hex digits (the saved image's stamp in the database).
  std::string hex() const;

 private:
  void block(const unsigned char* p);

  std::uint64_t lanes_[4] = {1, 2, 3, 4};
  unsigned char buffer_[32] = {};
  std::size_t buffered_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace ergraph
