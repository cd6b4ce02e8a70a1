// ergraph/error.hpp — the one error type the engine throws.
//
// Every failure the engine reports is an ergraph::Error: a code that the CLI maps to an exit
// status, a message a person can act on, and — where the fault lies in the user's input — the
// place (file:line[:column]). Third-party failures (SQLite, yaml-cpp, Graphviz) are translated
// into an Error where they happen.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ergraph {

enum class ErrorCode {
  kInvalidInput,  // bad data or a failed check: exit 1
  kNotFound,      // unknown node, no path: exit 3
  kUsage,         // wrong arguments: exit 2
  kIo,            // a file could not be read or written: exit 1
  kStorage,       // the database refused or is damaged: exit 1
  kInternal,      // a bug: exit 1
};

// The file a Location names, its name shared by every copy: an import keeps the location of
// each of millions of records, and a long path copied into each was a heap block per record.
// Made once per file and copied, it costs a pointer and a count.
class FileName {
 public:
  FileName() = default;
  FileName(std::string name)  // implicit, as the std::string it stands for
      : name_(std::make_shared<const std::string>(std::move(name))) {}
  FileName(const char* name) : FileName(std::string(name)) {}

  const std::string& name() const;
  operator const std::string&() const { return name(); }
  bool empty() const { return name().empty(); }
  friend bool operator==(const FileName& a, const FileName& b) { return a.name() == b.name(); }

 private:
  std::shared_ptr<const std::string> name_;
};

// A place in the user's input. line and column are 1-based; 0 means "not known".
struct Location {
  FileName file;
  std::size_t line = 0;
  std::size_t column = 0;

  // "file:line:column", "file:line" or "file", whichever parts are known; "" when none is.
  std::string str() const;
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message, Location where = {});

  ErrorCode code() const { return code_; }
  // The message without the location.
  const std::string& message() const { return message_; }
  const Location& where() const { return where_; }

  // What the error is about, as a stable key a front end can map to its own advice (the CLI adds
  // the flag to use), and the value at fault: about("avoid_endpoint", "person:x"). The message
  // itself stays in engine terms and reads on its own.
  Error& about(std::string topic, std::string subject = {}) {
    topic_ = std::move(topic);
    subject_ = std::move(subject);
    return *this;
  }
  const std::string& topic() const { return topic_; }
  const std::string& subject() const { return subject_; }

 private:
  ErrorCode code_;
  std::string message_;
  Location where_;
  std::string topic_;
  std::string subject_;
};

// Several findings about one input (an import, a schema), reported together. Its what() lists
// them one per line; diagnostics() gives them as data.
class ValidationError : public Error {
 public:
  // `more` counts findings dropped after the report's cap.
  ValidationError(std::vector<Error> diagnostics, std::size_t more);

  const std::vector<Error>& diagnostics() const { return diagnostics_; }
  std::size_t more() const { return more_; }

 private:
  std::vector<Error> diagnostics_;
  std::size_t more_;
};

// Collects findings up to a cap so that one run reports every problem, not only the first.
class Diagnostics {
 public:
  explicit Diagnostics(std::size_t cap = 100) : cap_(cap) {}

  void add(Location where, std::string message);
  // With a topic (Error::about) a front end may add its own advice to.
  void add(Location where, std::string message, std::string topic);
  // Adds what `part` found (its findings up to this report's cap, the rest counted), as if it
  // had been added here: a reader that splits its input joins the parts' reports in order.
  void append(const Diagnostics& part);
  bool empty() const { return errors_.empty(); }
  std::size_t count() const { return errors_.size() + more_; }
  // True when the cap is reached and add() only counts: a caller then skips building a costly
  // message (a spelling suggestion is a scan of every name) that nobody would see. Without
  // this, 20,000 bad edges cost 20,000 suggestion scans for the 100 reported.
  bool full() const { return errors_.size() >= cap_; }
  // Throws ValidationError when anything was added.
  void throw_if_any() const;

 private:
  std::size_t cap_;
  std::vector<Error> errors_;
  std::size_t more_ = 0;
};

}  // namespace ergraph
