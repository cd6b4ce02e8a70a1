#include "app.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <iostream>
#include <memory>
#include <ostream>

#include "commands/commands.hpp"
#include "ergraph/error.hpp"

namespace ergraph::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      init_command(),    import_command(),     validate_command(),  stats_command(),
      show_command(),    find_command(),       path_command(),      neighbors_command(),
      rank_command(),    components_command(), export_command(),    batch_command(),
      extract_command(), query_command(),      conflicts_command(), timeline_command(),
      merge_command(),   unmerge_command(),    distinct_command(),  judgements_command(),
      xref_command(),
  };
  return table;
}

namespace {

int exit_code_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNotFound:
      return kExitNotFound;
    case ErrorCode::kUsage:
      return kExitUsage;
    default:
      return kExitInvalid;
  }
}

// The engine's errors are in engine terms; here they get the CLI's advice: the flag or command
// that does what the message asks.
std::string cli_message(const Error& e) {
  const std::string& topic = e.topic();
  if (topic == "avoid_endpoint") return "--avoid names an endpoint of the path: " + e.subject();
  if (topic == "no_database") {
    return std::string(e.what()) + "; create one with 'ergraph init' (or pass --db FILE)";
  }
  if (topic == "database_exists") {
    return std::string(e.what()) + "; choose another --db or remove it first";
  }
  if (topic == "cluster_by") return std::string("--cluster-by: ") + e.what();
  if (topic == "source") return std::string("--source/--exclude-source: ") + e.what();
  if (topic == "layout_limit") {
    return std::string(e.what()) +
           ". Narrow it with --focus NODE --depth D, --types or --edge-types, write --format dot, "
           "or pass --force";
  }
  return e.what();
}

// The command `args` names when its first word after the global options is one, else nullptr
// (help, a version, a misspelt or missing command: those need every command for their text).
const Command* named_command(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (word == "--db") {
      ++i;
    } else if (word.rfind("--db=", 0) != 0 && word != "-q" && word != "--quiet") {
      for (const Command& command : commands()) {
        if (word == command.name) return &command;
      }
      return nullptr;
    }
  }
  return nullptr;
}

}  // namespace

namespace {

// Parses `args` and runs the command; its exit code.
int dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
             std::ostream& progress, Session& session) {
  Context ctx;
  ctx.out_is_terminal = &out == &std::cout && ::isatty(STDOUT_FILENO) == 1;
  ctx.err_is_terminal = &progress == &std::cerr && ::isatty(STDERR_FILENO) == 1;
  ctx.out = &out;
  ctx.err = &err;
  ctx.progress = &progress;
  ctx.session = &session;
  CLI::App app{"ergraph — an entity-relationship graph of actors, with the source for every edge",
               "ergraph"};
  app.footer(
      "Database: --db FILE, else $ERGRAPH_DB, else ./ergraph.db.\n"
      "Exit codes: 0 ok, 1 bad input or failed check, 2 wrong usage, 3 not found.\n"
      "Example: ergraph init && ergraph import samples/istanbul-2025/graph.jsonl && ergraph stats");
  app.set_version_flag("--version", "ergraph 0.1.0");
  app.add_option("--db", ctx.db_path, "the database file")->envname("ERGRAPH_DB");
  app.add_flag("-q,--quiet", ctx.quiet, "print nothing but results and errors");
  app.require_subcommand(1);

  // Only the command named, when one is: building every command with all its options cost
  // more than a warm path query, once per line of a batch.
  const Command* named = named_command(args);
  std::vector<std::pair<CLI::App*, std::function<int()>>> actions;
  for (const Command& command : commands()) {
    if (named != nullptr && &command != named) continue;
    CLI::App* sub = app.add_subcommand(command.name, command.summary);
    actions.emplace_back(sub, command.setup(*sub, ctx));
  }

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      app.exit(e, out, err);
      return kExitOk;
    }
    app.exit(e, out, err);
    return kExitUsage;
  }

  try {
    for (const auto& [sub, action] : actions) {
      if (sub->parsed()) return action();
    }
    return kExitUsage;
  } catch (const ValidationError& e) {
    for (const Error& d : e.diagnostics()) err << d.what() << '\n';
    if (e.more() > 0) err << "... and " << e.more() << " more problems not shown\n";
    for (const Error& d : e.diagnostics()) {
      if (d.topic() == "text_file_outside") {
        err << "hint: --text-files-anywhere reads text files wherever they lead (only for data "
               "you trust)\n";
        break;
      }
    }
    err << "error: " << e.diagnostics().size() + e.more() << " problem"
        << (e.diagnostics().size() + e.more() == 1 ? "" : "s") << " found; nothing was written\n";
    return kExitInvalid;
  } catch (const Error& e) {
    err << "error: " << cli_message(e) << '\n';
    return exit_code_for(e.code());
  } catch (const std::bad_alloc&) {
    err << "error: out of memory\n";
    return kExitInvalid;
  } catch (const std::exception& e) {
    err << "internal error: " << e.what() << '\n';
    return kExitInvalid;
  }
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        std::ostream& progress, Session& session) {
  const int code = dispatch(args, out, err, progress, session);
  // Results that did not all reach their reader (a full disk, a closed file) are a failure,
  // whatever the command thought: a script must not take a truncated export for a whole one.
  errno = 0;
  out.flush();
  if (!out) {
    const int cause = errno;
    err << "error: cannot write the output"
        << (cause != 0 ? std::string(": ") + std::strerror(cause) : std::string()) << '\n';
    out.clear();  // the next command of a batch reports its own outcome
    return kExitInvalid;
  }
  return code;
}

}  // namespace ergraph::cli
