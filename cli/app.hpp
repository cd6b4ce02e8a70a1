// The ergraph command line: one table of commands, one dispatcher, exit codes per DESIGN.md
// (0 success, 1 bad input or failed check, 2 wrong usage, 3 not found).
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ergraph::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitNotFound = 3;

// What every command gets: the database path and where to write.
struct Context {
  std::string db_path = "ergraph.db";
  bool quiet = false;
  bool out_is_terminal = false;  // binary output is refused on a terminal
  std::ostream* out;
  std::ostream* err;
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

// Parses `args` (without the program name) and runs the command; returns its exit code.
// Engine errors are printed to ctx.err and mapped to exit codes here, and nowhere else.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace ergraph::cli
