#include <CLI/CLI.hpp>

#include <ostream>

#include "commands.hpp"
#include "ergraph/database.hpp"

namespace ergraph::cli {

Command init_command() {
  return {"init", "create a new, empty database", [](CLI::App& sub, Context& ctx) {
            auto schema_path = std::make_shared<std::string>();
            sub.add_option("--schema", *schema_path,
                           "schema YAML file (default: the built-in news schema)");
            sub.footer(
                "Example: ergraph --db talks.db init\n"
                "         ergraph --db mine.db init --schema my-schema.yaml");
            return [schema_path, &ctx] {
              const Schema schema =
                  schema_path->empty() ? Schema::builtin() : Schema::load_file(*schema_path);
              ctx.db().close();
              Database::create(ctx.db_path, schema);
              if (!ctx.quiet) {
                *ctx.out << "created " << ctx.db_path << " (schema " << schema.name() << ": "
                         << schema.node_types().size() << " node types, "
                         << schema.edge_types().size() << " edge types)\n";
              }
              return kExitOk;
            };
          }};
}

}  // namespace ergraph::cli
