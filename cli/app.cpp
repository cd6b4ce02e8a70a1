#include "app.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <functional>
#include <iostream>
#include <map>
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

// A command line's parser: the options bound to a context and the command's action.
struct CommandParser {
  Context ctx;
  CLI::App app{"ergraph — an entity-relationship graph of actors, with the source for every edge",
               "ergraph"};
  std::vector<std::pair<CLI::App*, std::function<int()>>> actions;
  // Which options and subcommands the parse that built it set, in tree order.
  std::vector<bool> signature;
  // Lines it parsed: CLI11's clear() keeps each parse's list of the options it saw, so a kept
  // parser grows a little with every line and is replaced after kMaxUses.
  std::size_t uses = 0;
};

// Building a command's parser costs more than a warm path search (CLI11 makes every option
// anew), once per line of a batch, so a batch keeps each command's parser for the next line that
// names it. CLI11 assigns only the options a line sets, so a kept parser is used again only when
// the line sets exactly the options and subcommands its first line did: each of those is
// assigned again, every other still holds its default.
struct KeptParsers {
  static constexpr std::size_t kMaxUses = 10000;
  std::map<std::string, std::unique_ptr<CommandParser>, std::less<>> by_command;
};

namespace {

void add_signature(const CLI::App& app, std::vector<bool>& signature) {
  for (const CLI::Option* option : app.get_options()) signature.push_back(option->count() > 0);
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    signature.push_back(sub->parsed());
    add_signature(*sub, signature);
  }
}

std::vector<bool> signature_of(const CLI::App& app) {
  std::vector<bool> signature;
  add_signature(app, signature);
  return signature;
}

// The parser for `named`, or for every command when none is named (help, a version, a
// misspelt or missing command: those need every command for their text).
std::unique_ptr<CommandParser> build_parser(const Command* named) {
  auto parser = std::make_unique<CommandParser>();
  CLI::App& app = parser->app;
  Context& ctx = parser->ctx;
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
  for (const Command& command : commands()) {
    if (named != nullptr && &command != named) continue;
    CLI::App* sub = app.add_subcommand(command.name, command.summary);
    parser->actions.emplace_back(sub, command.setup(*sub, ctx));
  }
  return parser;
}

// Where this line's command writes (a batch gives each line its own error stream).
void direct(Context& ctx, std::ostream& out, std::ostream& err, std::ostream& progress,
            Session& session) {
  ctx.out_is_terminal = &out == &std::cout && ::isatty(STDOUT_FILENO) == 1;
  ctx.err_is_terminal = &progress == &std::cerr && ::isatty(STDERR_FILENO) == 1;
  ctx.out = &out;
  ctx.err = &err;
  ctx.progress = &progress;
  ctx.session = &session;
}

// Runs the action of the parsed command; its exit code.
int run_action(const CommandParser& parser, std::ostream& err) {
  try {
    for (const auto& [sub, action] : parser.actions) {
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

// Parses `args` and runs the command; its exit code.
int dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
             std::ostream& progress, Session& session) {
  const Command* named = named_command(args);
  const bool keep = named != nullptr && named->parser_kept;
  auto& kept = session.kept_parsers().by_command;
  if (keep) {
    if (const auto found = kept.find(named->name); found != kept.end()) {
      CommandParser& parser = *found->second;
      direct(parser.ctx, out, err, progress, session);
      bool same = false;
      try {
        parser.app.parse(std::vector<std::string>(args.rbegin(), args.rend()));
        same = signature_of(parser.app) == parser.signature;
      } catch (const CLI::Error&) {
        // A line this parser cannot take: a new one parses it and reports what is wrong.
      }
      if (same && ++parser.uses < KeptParsers::kMaxUses) return run_action(parser, err);
      kept.erase(found);
    }
  }
  std::unique_ptr<CommandParser> parser = build_parser(named);
  direct(parser->ctx, out, err, progress, session);
  CLI::App& app = parser->app;
  try {
    app.parse(std::vector<std::string>(args.rbegin(), args.rend()));
  } catch (const CLI::ParseError& e) {
    app.exit(e, out, err);
    return e.get_exit_code() == 0 ? kExitOk : kExitUsage;
  }
  const int code = run_action(*parser, err);
  if (keep) {
    parser->signature = signature_of(app);
    kept[named->name] = std::move(parser);
  }
  return code;
}

}  // namespace

Session::Session() : parsers_(std::make_unique<KeptParsers>()) {}
Session::~Session() = default;

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
