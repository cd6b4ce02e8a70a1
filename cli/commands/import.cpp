#include <CLI/CLI.hpp>

#include <cstdio>
#include <ostream>

#include "../progress.hpp"
#include "commands.hpp"
#include "ergraph/database.hpp"

namespace ergraph::cli {
namespace {

struct ImportOptions {
  std::vector<std::string> files;
  bool text_files_anywhere = false;
  bool strict_names = false;
  std::string input_format = "auto";
  std::string schema_path;
  bool timings = false;  // import only
};

DataFormat data_format(const std::string& name) {
  if (name == "jsonl") return DataFormat::kJsonl;
  if (name == "csv") return DataFormat::kCsv;
  return DataFormat::kAuto;
}

void add_file_options(CLI::App& sub, ImportOptions& options) {
  sub.add_option("files", options.files, "JSONL or CSV files; - reads JSONL from stdin")
      ->required()
      ->expected(1, -1);
  sub.add_option("--input-format", options.input_format,
                 "how to read the files (auto: .csv is CSV, anything else JSON Lines)")
      ->check(CLI::IsMember({"auto", "jsonl", "csv"}));
  sub.add_flag("--text-files-anywhere", options.text_files_anywhere,
               "read text_file names wherever they lead (default: only from the data file's "
               "folder and below; use only for data you trust)");
  sub.add_flag("--strict-names", options.strict_names,
               "a new node named like a node of its type is an error, not a warning");
}

ReadOptions read_options(const ImportOptions& options) {
  ReadOptions read;
  read.text_files_anywhere = options.text_files_anywhere;
  read.strict_names = options.strict_names;
  return read;
}

// Warnings and notes on stderr: the first 50, then how many more.
void print_notes(std::ostream& err, const std::vector<std::string>& notes) {
  constexpr std::size_t kShown = 50;
  for (std::size_t i = 0; i < notes.size() && i < kShown; ++i) err << notes[i] << '\n';
  if (notes.size() > kShown) {
    err << "... and " << notes.size() - kShown << " more (ergraph xref lists likely duplicates)\n";
  }
}

// `import --timings`: each step and its seconds, then the total, aligned.
void print_steps(std::ostream& err, const std::vector<StepTime>& steps) {
  double total = 0;
  for (const StepTime& s : steps) total += s.seconds;
  char line[96];
  for (const StepTime& s : steps) {
    std::snprintf(line, sizeof line, "%-40s %9.3f s\n", s.step.c_str(), s.seconds);
    err << line;
  }
  std::snprintf(line, sizeof line, "%-40s %9.3f s\n", "total", total);
  err << line;
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

Command import_command() {
  return {
      "import", "add nodes and edges from files, all or nothing", [](CLI::App& sub, Context& ctx) {
        auto options = std::make_shared<ImportOptions>();
        add_file_options(sub, *options);
        sub.add_flag("--timings", options->timings,
                     "print to stderr how long each step took (reading, validation, each part of "
                     "the write, the graph)");
        sub.footer(
            "Every problem is reported with file:line; if there is any, nothing is written.\n"
            "A new node named like a stored one of its type (or another new one) is a warning\n"
            "with the merge command to run (README \"Same actor, two names\").\n"
            "Example: ergraph import samples/istanbul-2025/graph.jsonl\n"
            "         ergraph import nodes.csv edges.csv");
        return [options, &ctx] {
          std::unique_ptr<Progress> progress;
          const ImportResult result = ctx.db().import_files(
              options->files, data_format(options->input_format),
              [&](std::size_t done, std::size_t total) {
                if (!progress) {
                  progress = std::make_unique<Progress>(ctx.progress_report(), ctx.err_is_terminal,
                                                        "import: writing records", total);
                }
                progress->update(done);
              },
              read_options(*options));
          progress.reset();
          const ImportSummary& s = result.summary;
          print_notes(*ctx.err, s.notes);
          if (result.image == ImportResult::Image::kFailed) {
            *ctx.err << "warning: the graph image was not saved (" << result.image_error
                     << "); queries rebuild the graph\n";
          }
          if (!ctx.quiet) {
            *ctx.out << "imported " << plural(s.nodes_read, "node") << " (" << s.written.nodes_added
                     << " new, " << s.written.nodes_updated << " updated), "
                     << plural(s.edges_read, "edge") << " (" << s.written.edges_added << " new), "
                     << plural(s.citations_read, "citation") << " (" << s.written.citations_added
                     << " new)";
            if (s.written.judgements_added > 0) {
              *ctx.out << ", " << plural(s.written.judgements_added, "judgement");
            }
            *ctx.out << '\n';
          }
          if (options->timings) print_steps(*ctx.err, s.steps);
          return kExitOk;
        };
      }};
}

Command validate_command() {
  return {
      "validate", "check files as import would, writing nothing", [](CLI::App& sub, Context& ctx) {
        auto options = std::make_shared<ImportOptions>();
        add_file_options(sub, *options);
        sub.add_option("--schema", options->schema_path,
                       "check against this schema alone, not the database");
        sub.footer(
            "Checks against --schema if given, else the database when it exists (edges may\n"
            "then name stored nodes), else the built-in schema.\n"
            "Example: ergraph validate samples/istanbul-2025/graph.jsonl");
        return [options, &ctx] {
          // An explicit schema wins; else the database when there is one; else the built-in
          // schema.
          std::optional<Schema> schema;
          if (!options->schema_path.empty()) schema = Schema::load_file(options->schema_path);
          std::string checked_against;
          const CheckedInput checked = Database::validate_files(
              ctx.db_path, options->files, data_format(options->input_format), schema,
              checked_against, read_options(*options));
          const WriteSet& set = checked.set;
          print_notes(*ctx.err, set.notes);
          std::size_t citations = 0;
          for (const Edge* e : set.edges) citations += e->sources.size();
          if (!ctx.quiet) {
            *ctx.out << "ok: " << plural(set.nodes.size(), "node") << ", "
                     << plural(set.edges.size(), "edge") << ", " << plural(citations, "citation")
                     << " checked against " << checked_against << "\n";
          }
          return kExitOk;
        };
      }};
}

}  // namespace ergraph::cli
