#include "ergraph/error.hpp"

#include <algorithm>
#include <utility>

namespace ergraph {
namespace {

std::string with_location(const Location& where, const std::string& message) {
  const std::string place = where.str();
  return place.empty() ? message : place + ": " + message;
}

std::string join_diagnostics(const std::vector<Error>& diagnostics, std::size_t more) {
  std::string text;
  for (const Error& e : diagnostics) {
    if (!text.empty()) text += '\n';
    text += e.what();
  }
  if (more > 0) text += "\n... and " + std::to_string(more) + " more";
  return text;
}

}  // namespace

const std::string& FileName::name() const {
  static const std::string none;
  return name_ ? *name_ : none;
}

std::string Location::str() const {
  if (file.empty()) return "";
  std::string s = file.name();
  if (line > 0) {
    s += ':' + std::to_string(line);
    if (column > 0) s += ':' + std::to_string(column);
  }
  return s;
}

Error::Error(ErrorCode code, std::string message, Location where)
    : std::runtime_error(with_location(where, message)),
      code_(code),
      message_(std::move(message)),
      where_(std::move(where)) {}

ValidationError::ValidationError(std::vector<Error> diagnostics, std::size_t more)
    : Error(ErrorCode::kInvalidInput, join_diagnostics(diagnostics, more)),
      diagnostics_(std::move(diagnostics)),
      more_(more) {}

void Diagnostics::add(Location where, std::string message) {
  if (errors_.size() < cap_) {
    errors_.emplace_back(ErrorCode::kInvalidInput, std::move(message), std::move(where));
  } else {
    ++more_;
  }
}

void Diagnostics::add(Location where, std::string message, std::string topic) {
  if (errors_.size() < cap_) {
    errors_.emplace_back(ErrorCode::kInvalidInput, std::move(message), std::move(where));
    errors_.back().about(std::move(topic));
  } else {
    ++more_;
  }
}

void Diagnostics::append(const Diagnostics& part) {
  for (const Error& e : part.errors_) {
    if (errors_.size() < cap_) {
      errors_.push_back(e);
    } else {
      ++more_;
    }
  }
  more_ += part.more_;
}

void Diagnostics::throw_if_any() const {
  if (errors_.empty()) return;
  // Reported in input order — files as first met, then by line — whichever check found them.
  std::vector<std::string> files;
  for (const Error& e : errors_) {
    if (std::find(files.begin(), files.end(), e.where().file.name()) == files.end()) {
      files.push_back(e.where().file.name());
    }
  }
  auto rank = [&](const Error& e) {
    return std::pair(std::find(files.begin(), files.end(), e.where().file.name()) - files.begin(),
                     e.where().line);
  };
  std::vector<Error> sorted = errors_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](const Error& a, const Error& b) { return rank(a) < rank(b); });
  throw ValidationError(std::move(sorted), more_);
}

}  // namespace ergraph
