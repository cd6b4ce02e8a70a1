// Progress of long work (bulk export, large import), on stderr only, never on stdout. Nothing
// shows for work done within a second. On a terminal it is one bar redrawn in place; otherwise
// (a log, a pipe) a plain line with the counts every few seconds.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>

namespace ergraph::cli {

class Progress {
 public:
  Progress(std::ostream* out, bool terminal, std::string what, std::size_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // `done` of the total are finished.
  void update(std::size_t done);

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream* out_;
  bool terminal_;
  std::string what_;
  std::size_t total_;
  std::size_t done_ = 0;
  std::size_t printed_ = ~std::size_t{0};  // the count last shown
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_{};
  bool shown_ = false;
};

}  // namespace ergraph::cli
