#include "ergraph/checksum.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace ergraph {
namespace {

std::uint64_t mix(std::uint64_t h) {
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 31);
}

}  // namespace

void Checksum::add(const void* data, std::size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  total_ += n;
  if (buffered_ > 0) {
    const std::size_t take = std::min(n, sizeof buffer_ - buffered_);
    std::memcpy(buffer_ + buffered_, p, take);
    buffered_ += take;
    p += take;
    n -= take;
    if (buffered_ < sizeof buffer_) return;
    block(buffer_);
    buffered_ = 0;
  }
  for (; n >= sizeof buffer_; p += sizeof buffer_, n -= sizeof buffer_) block(p);
  if (n > 0) std::memcpy(buffer_, p, n);
  buffered_ = n;
}

std::uint64_t Checksum::value() const {
  std::uint64_t h = total_ * 0x9E3779B97F4A7C15ull;
  for (std::uint64_t lane : lanes_) h = mix(h ^ lane);
  for (std::size_t i = 0; i < buffered_; ++i) h = mix(h ^ buffer_[i]);
  return h;
}

std::string Checksum::hex() const {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value()));
  return text;
}

void Checksum::block(const unsigned char* p) {
  for (int i = 0; i < 4; ++i) {
    std::uint64_t w;
    std::memcpy(&w, p + 8 * i, 8);
    lanes_[i] = mix(lanes_[i] ^ w) + 0x94D049BB133111EBull;
  }
}

}  // namespace ergraph
