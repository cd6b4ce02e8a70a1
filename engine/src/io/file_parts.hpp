// Private to the io layer: a large file cut at line starts into parts that the cores read in
// turn, each numbering its lines as a single pass would.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ergraph/error.hpp"
#include "ergraph/model.hpp"

namespace ergraph::io {

// The lines of a file that start in bytes [begin, end) (both at line starts), and what reading
// them found.
struct FilePart {
  std::uint64_t begin = 0, end = 0;
  std::size_t line_feeds = 0;  // in [begin, end)
  RecordSet records;
  Diagnostics diags;
  std::exception_ptr failed;
};

// The file opened at `offset`; Error(kIo) naming it when it cannot be.
std::ifstream open_at(const std::string& path, std::uint64_t offset);

// The file cut at line starts into parts of about `part_bytes` (and at least two per core),
// their line feeds counted: `first_line` numbers each part's first line as a single pass would.
std::vector<FilePart> cut_into_parts(const std::string& path, std::uint64_t size, unsigned cores,
                                     std::uint64_t part_bytes,
                                     std::vector<std::size_t>& first_line);

// Runs task(k) for every part on `threads` threads (this one among them), each taking the next
// part not yet taken, and rethrows the first part's failure in file order.
template <typename Task>
void each_part(std::vector<FilePart>& parts, unsigned threads, const Task& task) {
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t k = next++; k < parts.size(); k = next++) task(k);
  };
  {
    std::vector<std::jthread> helpers;
    for (std::size_t t = 1; t < std::min<std::size_t>(threads, parts.size()); ++t) {
      helpers.emplace_back(work);
    }
    work();
  }  // joined
  for (const FilePart& part : parts) {
    if (part.failed) std::rethrow_exception(part.failed);
  }
}

// The edge pass's parts, handed over in file order: the other cores read ahead (at most two
// parts each) while this thread runs `on_part` on the next part in order.
class PartPipeline {
 public:
  PartPipeline(std::vector<FilePart>& parts, unsigned readers) : parts_(parts), readers_(readers) {}

  template <typename Read, typename Take>
  void run(const Read& read, const Take& take) {
    ready_.assign(parts_.size(), false);
    std::vector<std::jthread> helpers;
    const auto stop_helpers = [&] {
      {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
      }
      changed_.notify_all();
      helpers.clear();  // joined
    };
    for (unsigned t = 0; t < readers_; ++t) helpers.emplace_back([&] { read_ahead(read); });
    try {
      for (std::size_t k = 0; k < parts_.size(); ++k) {
        {
          std::unique_lock lock(mutex_);
          changed_.wait(lock, [&] { return bool(ready_[k]); });
        }
        if (parts_[k].failed) std::rethrow_exception(parts_[k].failed);
        take(parts_[k]);
        {
          const std::lock_guard lock(mutex_);
          taken_ = k + 1;
        }
        changed_.notify_all();
      }
    } catch (...) {
      stop_helpers();
      throw;
    }
    stop_helpers();
  }

 private:
  template <typename Read>
  void read_ahead(const Read& read) {
    for (;;) {
      std::size_t k = 0;
      std::size_t free_from = 0, free_to = 0;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] {
          return stopping_ || next_ >= parts_.size() || next_ < taken_ + 2 * readers_;
        });
        if (stopping_ || next_ >= parts_.size()) return;
        k = next_++;
        free_from = freed_;
        free_to = freed_ = taken_;
      }
      // The parts handed over are freed here, by a reader: their records were made on a
      // reader's heap, and freeing them on the thread that writes cost it a lock per block.
      for (std::size_t j = free_from; j < free_to; ++j) parts_[j].records = RecordSet{};
      read(parts_[k]);
      {
        const std::lock_guard lock(mutex_);
        ready_[k] = true;
      }
      changed_.notify_all();
    }
  }

  std::vector<FilePart>& parts_;
  const unsigned readers_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<bool> ready_;
  std::size_t next_ = 0;   // the next part to read
  std::size_t taken_ = 0;  // parts handed over
  std::size_t freed_ = 0;  // parts a reader has taken to free
  bool stopping_ = false;
};

}  // namespace ergraph::io
