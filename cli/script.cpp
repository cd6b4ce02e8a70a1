#include "script.hpp"

#include "ergraph/error.hpp"

namespace ergraph::cli {

std::vector<ScriptCommand> parse_script(const std::string& input, const std::string& name) {
  std::string text = input;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  std::vector<ScriptCommand> commands;
  ScriptCommand current;
  std::string word;
  bool in_word = false;  // a word has started (it may be empty: '')
  std::size_t line = 1;
  auto end_word = [&] {
    if (in_word) {
      if (current.words.empty()) current.line = line;
      current.words.push_back(word);
    }
    word.clear();
    in_word = false;
  };
  auto end_command = [&] {
    end_word();
    if (!current.words.empty()) {
      for (const std::string& w : current.words) {
        current.text += (current.text.empty() ? "" : " ") + w;
      }
      commands.push_back(std::move(current));
    }
    current = ScriptCommand{};
  };
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const char c = text[i];
    if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
      ++i;
      continue;
    }
    if (c == '\n') {
      end_command();
      ++line;
      ++i;
    } else if (c == ' ' || c == '\t') {
      end_word();
      ++i;
    } else if (c == '#' && !in_word) {
      while (i < n && text[i] != '\n') ++i;
    } else if (c == '\\') {
      if (i + 1 < n &&
          (text[i + 1] == '\n' || (text[i + 1] == '\r' && i + 2 < n && text[i + 2] == '\n'))) {
        i += text[i + 1] == '\r' ? 3 : 2;  // continuation: the command goes on
        ++line;
      } else if (i + 1 < n) {
        if (!in_word && current.words.empty()) current.line = line;
        in_word = true;
        word += text[i + 1];
        i += 2;
      } else {
        ++i;
      }
    } else if (c == '\'' || c == '"') {
      const std::size_t opened = line;
      if (!in_word && current.words.empty()) current.line = line;
      in_word = true;
      ++i;
      bool closed = false;
      while (i < n) {
        const char q = text[i];
        if (q == c) {
          closed = true;
          ++i;
          break;
        }
        if (q == '\n') ++line;
        if (c == '"' && q == '\\' && i + 1 < n &&
            (text[i + 1] == '"' || text[i + 1] == '\\' || text[i + 1] == '$' ||
             text[i + 1] == '`')) {
          word += text[i + 1];
          i += 2;
          continue;
        }
        word += q;
        ++i;
      }
      if (!closed) {
        throw Error(ErrorCode::kUsage,
                    std::string("unterminated ") + (c == '"' ? "\"" : "'") + " quote (opened here)",
                    Location{name, opened});
      }
    } else {
      if (!in_word && current.words.empty()) current.line = line;
      in_word = true;
      word += c;
      ++i;
    }
  }
  end_command();
  return commands;
}

}  // namespace ergraph::cli
