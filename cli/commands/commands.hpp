// The ergraph commands, one file each; app.cpp lists them in one table.
#pragma once

#include "../app.hpp"

namespace ergraph::cli {

Command init_command();
Command import_command();
Command validate_command();
Command stats_command();
Command export_command();
Command show_command();
Command find_command();
Command path_command();
Command neighbors_command();
Command rank_command();
Command components_command();
Command batch_command();
Command extract_command();
Command query_command();
Command conflicts_command();
Command timeline_command();
Command merge_command();
Command unmerge_command();
Command distinct_command();
Command judgements_command();
Command xref_command();

// --param NAME=VALUE options and limits as the engine takes them (query, export --query).
QueryOptions query_options(const std::vector<std::string>& params, std::size_t max_length,
                           std::size_t max_rows);

}  // namespace ergraph::cli
