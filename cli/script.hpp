// Batch scripts: each command as typed after `ergraph`, with shell-like words.
//
// Words are separated by blanks; '...' keeps everything literally; "..." keeps everything but
// \" \\ \$ \` (which lose their backslash); outside quotes a backslash keeps the next character,
// and a backslash before a line end continues the command on the next line. A # starting a word
// begins a comment to the end of the line. Quotes may span lines.
#pragma once

#include <string>
#include <vector>

namespace ergraph::cli {

struct ScriptCommand {
  std::size_t line = 0;            // where the command starts
  std::vector<std::string> words;  // never empty
  std::string text;                // the words joined by spaces, for messages
};

// Splits a script into commands. Error(kUsage) naming name:line for an unterminated quote.
std::vector<ScriptCommand> parse_script(const std::string& text, const std::string& name);

}  // namespace ergraph::cli
