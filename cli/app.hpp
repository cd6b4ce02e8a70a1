// The ergraph command line: one table of commands, one dispatcher, exit codes per
// docs/architecture.md (0 success, 1 bad input or failed check, 2 wrong usage, 3 not found).
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "ergraph/database.hpp"
#include "ergraph/error.hpp"

namespace CLI {
class App;
}

namespace ergraph::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitNotFound = 3;

struct KeptParsers;  // app.cpp: command lines' parsers, kept for the next line of a batch

// What stays open across the commands one process runs (a batch runs many): the engine's
// facade on one database, which keeps the file open and its graph built until a command writes,
// and the parsers of the commands run so far.
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // The database at `path`; another path closes the one open before, its graph image saved
  // first if its commands left it out of date (a failure there only costs later queries time).
  Database& database(const std::string& path) {
    if (!database_ || database_->path() != path) {
      if (database_) database_->save_stale_image();
      database_ = std::make_unique<Database>(path);
    }
    return *database_;
  }

  // At the end of the process: the open database's graph image saved if its commands (merge,
  // unmerge, distinct) left it out of date; "" or why it could not be.
  std::string save_stale_image() { return database_ ? database_->save_stale_image() : ""; }

  KeptParsers& kept_parsers() { return *parsers_; }

 private:
  std::unique_ptr<Database> database_;
  std::unique_ptr<KeptParsers> parsers_;
};

// What every command gets: the database path, the session holding it open, where to write.
struct Context {
  std::string db_path = "ergraph.db";
  bool quiet = false;
  bool out_is_terminal = false;  // binary output is refused on a terminal
  bool err_is_terminal = false;  // progress bars only on a terminal
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;       // diagnostics of this command
  std::ostream* progress = nullptr;  // progress reports (stderr, also in a batch)
  Session* session = nullptr;

  Database& db() { return session->database(db_path); }
  // Where a long command reports its progress: nowhere under --quiet, which keeps stderr for
  // errors and warnings (as git's -q drops its progress).
  std::ostream* progress_report() const { return quiet ? nullptr : progress; }
};

// Runs `call`; an engine error about `topic` is reported as a problem with the option `flag`
// ("--type: unknown node type 'X'"), since the engine does not know which flag carried it.
template <typename Call>
auto for_option(const char* flag, const char* topic, Call&& call) -> decltype(call()) {
  try {
    return call();
  } catch (const Error& e) {
    if (e.topic() != topic) throw;
    throw Error(e.code(), std::string(flag) + ": " + e.message(), e.where());
  }
}

// A command adds its options to its subcommand and returns the action to run after parsing.
using CommandSetup = std::function<std::function<int()>(CLI::App& sub, Context& ctx)>;

struct Command {
  const char* name;
  const char* summary;
  CommandSetup setup;
  // The parser built for one line may parse the next batch line naming this command with the
  // same options (app.cpp): true only when the action never changes what the options bound.
  bool parser_kept = false;
};

// The commands, in the order `ergraph --help` lists them.
const std::vector<Command>& commands();

// Parses `args` (without the program name) and runs the command in `session`; returns its
// exit code. Engine errors are printed to `err` and mapped to exit codes here, and nowhere else.
// `progress` receives progress reports (stderr).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        std::ostream& progress, Session& session);

}  // namespace ergraph::cli
