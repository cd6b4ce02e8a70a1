// The ergraph commands, one file each; app.cpp lists them in one table.
#pragma once

#include "../app.hpp"

namespace ergraph::cli {

Command init_command();
Command import_command();
Command validate_command();
Command stats_command();
Command export_command();

}  // namespace ergraph::cli
