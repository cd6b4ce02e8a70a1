// The ergraph command line: one table of commands, one dispatcher, exit codes per DESIGN.md
// (0 success, 1 bad input or failed check, 2 wrong usage, 3 not found).
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "ergraph/graph.hpp"
#include "ergraph/query.hpp"
#include "ergraph/store.hpp"

namespace CLI {
class App;
}

namespace ergraph::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitNotFound = 3;

// What stays open across the commands one process runs (a batch runs many): the database and
// the graph snapshot built from it, rebuilt only after a command writes.
class Session {
 public:
  // The database at `path`, opened on first use (read-only until a command needs to write).
  const Store& store(const std::string& path);
  Store& writable_store(const std::string& path);
  // The snapshot of the database at `path`, built on first use after any change.
  const GraphSnapshot& graph(const std::string& path);
  // A path finder on that snapshot: its scratch space (a few arrays as long as the vertex count)
  // is allocated once per snapshot, not once per query.
  PathFinder& path_finder(const std::string& path);
  // A command wrote: the snapshot is stale.
  void changed() {
    finder_.reset();
    graph_.reset();
  }
  // Forget the database (before a command replaces the file).
  void close();

 private:
  std::string path_;
  bool writable_ = false;
  std::unique_ptr<Store> store_;
  std::unique_ptr<GraphSnapshot> graph_;
  std::unique_ptr<PathFinder> finder_;
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

  const Store& store() { return session->store(db_path); }
  Store& writable_store() { return session->writable_store(db_path); }
  const GraphSnapshot& graph() { return session->graph(db_path); }
  PathFinder& path_finder() { return session->path_finder(db_path); }
};

// A command adds its options to its subcommand and returns the action to run after parsing.
using CommandSetup = std::function<std::function<int()>(CLI::App& sub, Context& ctx)>;

struct Command {
  const char* name;
  const char* summary;
  CommandSetup setup;
};

// The commands, in the order `ergraph --help` lists them.
const std::vector<Command>& commands();

// Parses `args` (without the program name) and runs the command in `session`; returns its
// exit code. Engine errors are printed to `err` and mapped to exit codes here, and nowhere else.
// `progress` receives progress reports (stderr).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        std::ostream& progress, Session& session);

}  // namespace ergraph::cli
