#include <CLI/CLI.hpp>

#include <ostream>
#include <sstream>

#include "../format.hpp"
#include "commands.hpp"
#include "ergraph/csv.hpp"
#include "ergraph/error.hpp"
#include "ergraph/jsonl.hpp"
#include "ergraph/store.hpp"

namespace ergraph::cli {
namespace {

struct ExportOptions {
  std::string format = "jsonl";
  std::string output = "-";
};

}  // namespace

Command export_command() {
  return {"export", "write the database out as JSON Lines or CSV", [](CLI::App& sub, Context& ctx) {
            auto options = std::make_shared<ExportOptions>();
            sub.add_option("--format", options->format, "jsonl (default) or csv")
                ->check(CLI::IsMember({"jsonl", "csv"}));
            sub.add_option("-o,--output", options->output,
                           "file to write (jsonl; - or nothing for stdout), or folder (csv: "
                           "nodes.csv and edges.csv)");
            sub.footer(
                "Importing an export into a fresh database reproduces the database.\n"
                "Example: ergraph export --format jsonl -o backup.jsonl\n"
                "         ergraph export --format csv -o tables/");
            return [options, &ctx] {
              const Store store = Store::open(ctx.db_path, /*read_only=*/true);
              if (options->format == "csv") {
                if (options->output == "-") {
                  throw Error(ErrorCode::kUsage,
                              "--format csv writes two files: name their folder with -o DIR");
                }
                write_csv(store, options->output);
                return kExitOk;
              }
              std::ostringstream text;
              write_jsonl(store, text);
              write_output(options->output, text.str(), *ctx.out);
              return kExitOk;
            };
          }};
}

}  // namespace ergraph::cli
