#include "app.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <iostream>
#include <memory>
#include <ostream>

#include "commands/commands.hpp"
#include "ergraph/error.hpp"

namespace ergraph::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      init_command(), import_command(),     validate_command(), stats_command(),
      show_command(), find_command(),       path_command(),     neighbors_command(),
      rank_command(), components_command(), export_command(),   batch_command(),
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

}  // namespace

const Store& Session::store(const std::string& path) {
  if (!store_ || path_ != path) {
    close();
    store_ = std::make_unique<Store>(Store::open(path, /*read_only=*/true));
    path_ = path;
  }
  return *store_;
}

Store& Session::writable_store(const std::string& path) {
  if (!store_ || path_ != path || !writable_) {
    close();
    store_ = std::make_unique<Store>(Store::open(path));
    path_ = path;
    writable_ = true;
  }
  return *store_;
}

const GraphSnapshot& Session::graph(const std::string& path) {
  const Store& s = store(path);
  if (!graph_) graph_ = std::make_unique<GraphSnapshot>(GraphSnapshot::load(s));
  return *graph_;
}

PathFinder& Session::path_finder(const std::string& path) {
  const GraphSnapshot& g = graph(path);
  if (!finder_) finder_ = std::make_unique<PathFinder>(g);
  return *finder_;
}

void Session::close() {
  finder_.reset();
  graph_.reset();
  store_.reset();
  path_.clear();
  writable_ = false;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
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

  std::vector<std::pair<CLI::App*, std::function<int()>>> actions;
  for (const Command& command : commands()) {
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
    err << "error: " << e.diagnostics().size() + e.more() << " problem"
        << (e.diagnostics().size() + e.more() == 1 ? "" : "s") << " found; nothing was written\n";
    return kExitInvalid;
  } catch (const Error& e) {
    err << "error: " << e.what() << '\n';
    return exit_code_for(e.code());
  } catch (const std::bad_alloc&) {
    err << "error: out of memory\n";
    return kExitInvalid;
  } catch (const std::exception& e) {
    err << "internal error: " << e.what() << '\n';
    return kExitInvalid;
  }
}

}  // namespace ergraph::cli
