#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "../script.hpp"
#include "commands.hpp"
#include "ergraph/error.hpp"

namespace ergraph::cli {
namespace {

// Prefixes every line of `text` with `prefix`.
void print_prefixed(std::ostream& out, const std::string& text, const std::string& prefix) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) out << prefix << line << '\n';
}

bool names_db(const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    if (w == "--db" || w.rfind("--db=", 0) == 0) return true;
  }
  return false;
}

// The command a script line runs: its first word that is not a global option (--db FILE,
// --db=FILE, -q, ...). Only that word decides whether the line is a batch: a node or a search
// may well be called "batch".
std::string command_of(const std::vector<std::string>& words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "--db") {
      ++i;
    } else if (words[i].empty() || words[i][0] != '-') {
      return words[i];
    }
  }
  return "";
}

}  // namespace

Command batch_command() {
  return {
      "batch", "run a script of ergraph commands on one open database",
      [](CLI::App& sub, Context& ctx) {
        struct Options {
          std::string script;
          bool keep_going = false;
          bool time = false;
        };
        auto o = std::make_shared<Options>();
        sub.add_option("script", o->script, "the script file, or - for standard input")->required();
        sub.add_flag("--keep-going", o->keep_going,
                     "run every command even after one fails; exit 1 if any did");
        sub.add_flag("--time", o->time,
                     "print to stderr how long each command took: 'script:line: N µs'");
        sub.footer(
            "Each line is a command as typed after 'ergraph': quoting with '...' and \"...\",\n"
            "\\ at a line end continues it, # starts a comment. The database is opened once\n"
            "and the graph built once, again only after a command that writes. By default the\n"
            "batch stops at the first failing command and exits with its code.\n"
            "Example: ergraph batch samples/istanbul-2025/export-all.ergraph");
        return [o, &ctx] {
          std::string text;
          const std::string name = o->script == "-" ? "<stdin>" : o->script;
          if (o->script == "-") {
            std::ostringstream s;
            s << std::cin.rdbuf();
            text = s.str();
          } else {
            std::error_code ec;
            // A folder opens as a stream that reads nothing: it would run as an empty script.
            if (std::filesystem::is_directory(o->script, ec)) {
              throw Error(ErrorCode::kIo, "is a folder, not a script", Location{o->script});
            }
            std::ifstream in(o->script, std::ios::binary);
            if (!in) throw Error(ErrorCode::kIo, "cannot read script", Location{o->script});
            std::ostringstream s;
            s << in.rdbuf();
            text = s.str();
          }
          const std::vector<ScriptCommand> script = parse_script(text, name);
          std::size_t ok = 0;
          std::vector<std::size_t> failed_lines;
          int first_failure = kExitOk;
          for (const ScriptCommand& command : script) {
            const std::string where = name + ":" + std::to_string(command.line) + ": ";
            std::vector<std::string> args;
            if (!names_db(command.words)) args = {"--db", ctx.db_path};
            if (ctx.quiet) args.push_back("--quiet");
            args.insert(args.end(), command.words.begin(), command.words.end());
            std::ostringstream err;
            int code = kExitOk;
            long long micros = -1;
            if (command_of(command.words) == "batch") {
              // A script that runs itself would never end.
              err << "error: a batch cannot run another batch\n";
              code = kExitUsage;
            } else {
              const auto started = std::chrono::steady_clock::now();
              code = run(args, *ctx.out, err, *ctx.progress, *ctx.session);
              ctx.out->flush();
              micros = std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
            }
            ctx.out->flush();
            const auto print_time = [&] {
              if (o->time && micros >= 0) *ctx.err << where << micros << " µs\n";
            };
            if (code == kExitOk) {
              ++ok;
              *ctx.err << err.str();
              print_time();
              continue;
            }
            print_prefixed(*ctx.err, err.str(), where);
            print_time();
            *ctx.err << where << "'" << command.text << "' failed (exit " << code << ")\n";
            failed_lines.push_back(command.line);
            if (first_failure == kExitOk) first_failure = code;
            if (!o->keep_going) {
              *ctx.err << "batch: stopped at " << name << ":" << command.line << "; " << ok
                       << " of " << script.size() << " commands succeeded\n";
              return code;
            }
          }
          if (!failed_lines.empty() || !ctx.quiet) {
            *ctx.err << "batch: " << ok << " ok, " << failed_lines.size() << " failed";
            if (!failed_lines.empty()) {
              *ctx.err << " (line" << (failed_lines.size() == 1 ? " " : "s ");
              for (std::size_t i = 0; i < failed_lines.size(); ++i) {
                *ctx.err << (i ? ", " : "") << failed_lines[i];
              }
              *ctx.err << ")";
            }
            *ctx.err << '\n';
          }
          return failed_lines.empty() ? kExitOk : kExitInvalid;
        };
      }};
}

}  // namespace ergraph::cli
