#include <CLI/CLI.hpp>

#include <filesystem>
#include <ostream>

#include "../progress.hpp"
#include "commands.hpp"
#include "ergraph/import.hpp"
#include "ergraph/store.hpp"

namespace ergraph::cli {
namespace {

struct ImportOptions {
  std::vector<std::string> files;
  std::string input_format = "auto";
  std::string schema_path;
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
        sub.footer(
            "Every problem is reported with file:line; if there is any, nothing is written.\n"
            "Example: ergraph import samples/istanbul-2025/graph.jsonl\n"
            "         ergraph import nodes.csv edges.csv");
        return [options, &ctx] {
          Store& store = ctx.writable_store();
          std::unique_ptr<Progress> progress;
          const ImportSummary s = import_files(
              store, options->files, data_format(options->input_format),
              [&](std::size_t done, std::size_t total) {
                if (!progress) {
                  progress = std::make_unique<Progress>(ctx.progress, ctx.err_is_terminal,
                                                        "import: writing records", total);
                }
                progress->update(done);
              });
          progress.reset();
          ctx.session->changed();
          const WriteCounts& w = s.written;
          if (w.nodes_added + w.nodes_updated + w.edges_added + w.citations_added > 0) {
            // Build the graph now and keep its image in the database: the next process's first
            // query then reads compact arrays instead of rebuilding from the tables. Losing
            // the image only costs that rebuild, so a failure here does not fail the import.
            try {
              if (!ctx.graph().save_image(store)) {
                *ctx.err << "note: the graph is too large for a saved image; queries rebuild it\n";
              }
            } catch (const Error& e) {
              *ctx.err << "warning: the graph image was not saved (" << e.what()
                       << "); queries rebuild the graph\n";
            }
          }
          if (!ctx.quiet) {
            *ctx.out << "imported " << plural(s.nodes_read, "node") << " (" << s.written.nodes_added
                     << " new, " << s.written.nodes_updated << " updated), "
                     << plural(s.edges_read, "edge") << " (" << s.written.edges_added << " new), "
                     << plural(s.citations_read, "citation") << " (" << s.written.citations_added
                     << " new)\n";
          }
          return kExitOk;
        };
      }};
}

Command validate_command() {
  return {"validate", "check files as import would, writing nothing",
          [](CLI::App& sub, Context& ctx) {
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
              std::error_code ec;
              const bool use_db =
                  options->schema_path.empty() && std::filesystem::exists(ctx.db_path, ec);
              Store store =
                  use_db ? Store::open(ctx.db_path, /*read_only=*/true)
                         : Store::create(":memory:", options->schema_path.empty()
                                                         ? Schema::builtin()
                                                         : Schema::load_file(options->schema_path));
              const WriteSet set =
                  read_and_validate(store, options->files, data_format(options->input_format)).set;
              std::size_t citations = 0;
              for (const Edge& e : set.edges) citations += e.sources.size();
              if (!ctx.quiet) {
                *ctx.out << "ok: " << plural(set.nodes.size(), "node") << ", "
                         << plural(set.edges.size(), "edge") << ", "
                         << plural(citations, "citation") << " checked against "
                         << (use_db ? ctx.db_path : "schema " + store.schema().name()) << "\n";
              }
              return kExitOk;
            };
          }};
}

}  // namespace ergraph::cli
