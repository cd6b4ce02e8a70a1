#include "file_parts.hpp"

#include <algorithm>

namespace ergraph::io {
namespace {

void count_line_feeds(const std::string& path, FilePart& part) {
  try {
    std::ifstream in = open_at(path, part.begin);
    std::vector<char> block(1 << 20);
    for (std::uint64_t left = part.end - part.begin; left > 0;) {
      const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(left, block.size()));
      if (!in.read(block.data(), want)) throw Error(ErrorCode::kIo, "read error", Location{path});
      part.line_feeds +=
          static_cast<std::size_t>(std::count(block.data(), block.data() + want, '\n'));
      left -= static_cast<std::uint64_t>(want);
    }
  } catch (...) {
    part.failed = std::current_exception();
  }
}

// Where each part starts: at about every size/parts bytes, moved on to the next line's start.
std::vector<std::uint64_t> part_starts(const std::string& path, std::uint64_t size,
                                       unsigned parts) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::uint64_t> starts{0};
  std::string skipped;
  for (unsigned k = 1; k < parts; ++k) {
    const std::uint64_t guess = std::max(starts.back(), size / parts * k);
    if (guess == 0 || guess >= size) break;
    in.clear();
    in.seekg(static_cast<std::streamoff>(guess - 1));
    if (!std::getline(in, skipped)) break;  // a line starts right after a line feed
    const std::uint64_t next = guess - 1 + skipped.size() + 1;
    if (next >= size) break;
    if (next > starts.back()) starts.push_back(next);
  }
  return starts;
}

}  // namespace

std::ifstream open_at(const std::string& path, std::uint64_t offset) {
  std::ifstream in(path, std::ios::binary);
  if (!in || !in.seekg(static_cast<std::streamoff>(offset))) {
    throw Error(ErrorCode::kIo, "cannot read file", Location{path});
  }
  return in;
}

// The file cut at line starts into parts of about `part_bytes` (and at least two per core),
// their line feeds counted: `first_line` numbers each part's first line as a single pass would.
std::vector<FilePart> cut_into_parts(const std::string& path, std::uint64_t size, unsigned cores,
                                     std::uint64_t part_bytes,
                                     std::vector<std::size_t>& first_line) {
  const auto wanted = static_cast<unsigned>(
      std::min<std::uint64_t>(std::max<std::uint64_t>(2 * cores, size / part_bytes + 1),
                              std::numeric_limits<unsigned>::max()));
  const std::vector<std::uint64_t> starts = part_starts(path, size, wanted);
  std::vector<FilePart> parts(starts.size());
  for (std::size_t k = 0; k < parts.size(); ++k) {
    parts[k].begin = starts[k];
    parts[k].end = k + 1 < starts.size() ? starts[k + 1] : size;
  }
  each_part(parts, cores, [&](std::size_t k) { count_line_feeds(path, parts[k]); });
  first_line.assign(1, 1);
  for (const FilePart& part : parts) first_line.push_back(first_line.back() + part.line_feeds);
  return parts;
}

}  // namespace ergraph::io
