#include "progress.hpp"

#include <ostream>

namespace ergraph::cli {

Progress::Progress(std::ostream* out, bool terminal, std::string what, std::size_t total)
    : out_(out), terminal_(terminal), what_(std::move(what)), total_(total) {}

Progress::~Progress() {
  if (shown_) {
    update(total_ == 0 ? done_ : total_);
    if (terminal_) *out_ << '\n';
    out_->flush();
  }
}

void Progress::update(std::size_t done) {
  done_ = done;
  if (done == printed_) return;
  const auto now = Clock::now();
  if (out_ == nullptr || now - start_ < std::chrono::seconds(1)) return;
  const auto every = terminal_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(2000);
  if (shown_ && now - last_ < every && done != total_) return;
  last_ = now;
  shown_ = true;
  printed_ = done;
  const std::string counts = std::to_string(done) + "/" + std::to_string(total_);
  if (terminal_) {
    constexpr std::size_t kWidth = 30;
    const std::size_t filled = total_ == 0 ? kWidth : kWidth * done / total_;
    *out_ << '\r' << what_ << " [" << std::string(filled, '#') << std::string(kWidth - filled, '.')
          << "] " << counts << std::flush;
  } else {
    *out_ << what_ << ": " << counts << '\n' << std::flush;
  }
}

}  // namespace ergraph::cli
