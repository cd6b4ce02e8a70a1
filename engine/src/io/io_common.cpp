#include "io_common.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ergraph/text.hpp"

namespace ergraph::io {

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, "cannot read file", Location{path});
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string folder_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

void drop_bom(std::string& s) {
  if (s.size() >= 3 && s.compare(0, 3, "\xEF\xBB\xBF") == 0) s.erase(0, 3);
}

void add_once(std::vector<std::string>& list, std::unordered_set<std::string>& seen,
              std::string value) {
  if (seen.insert(value).second) list.push_back(std::move(value));
}

std::optional<std::string> read_text_file(const std::string& text_file, const TextFileRoot& root,
                                          const Location& where, Diagnostics& diags) {
  namespace fs = std::filesystem;
  const fs::path full = fs::path(root.folder) / text_file;
  std::error_code ec;
  if (!root.anywhere) {
    // Where the name really leads, symlinks and .. resolved, must be inside the folder.
    std::error_code folder_ec, target_ec;
    const fs::path folder = fs::weakly_canonical(fs::absolute(root.folder), folder_ec);
    const fs::path target = fs::weakly_canonical(fs::absolute(full), target_ec);
    const fs::path inside = target.lexically_relative(folder);
    if (folder_ec || target_ec || inside.empty() || *inside.begin() == "..") {
      diags.add(where,
                "text_file '" + text_file + "' leads outside the data file's folder (" +
                    folder.string() + "); text files are read from that folder and below only",
                "text_file_outside");
      return std::nullopt;
    }
  }
  if (!fs::is_regular_file(full, ec)) {
    diags.add(where, "text_file '" + text_file + "' not found (looked for " + full.string() + ")");
    return std::nullopt;
  }
  std::string text;
  try {
    text = read_whole_file(full.string());
  } catch (const Error&) {
    diags.add(where, "text_file '" + text_file + "' cannot be read");
    return std::nullopt;
  }
  drop_bom(text);
  if (const auto bad = find_invalid_utf8(text)) {
    const std::size_t line =
        1 + static_cast<std::size_t>(
                std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*bad), '\n'));
    diags.add(Location{full.string(), line}, "invalid UTF-8 at byte " + std::to_string(*bad + 1) +
                                                 " (the text_file of " + where.str() + ")");
    return std::nullopt;
  }
  return text;
}

void check_date(const std::string& date, const Location& where, Diagnostics& diags) {
  if (!is_valid_date(date)) {
    diags.add(where,
              "bad date '" + date + "' (expected a real date as YYYY, YYYY-MM or YYYY-MM-DD)");
  }
}

std::string excerpt(std::string_view text, std::size_t max) {
  const std::string_view head = cut_to_code_points(text, max);
  return head.size() == text.size() ? std::string(text) : std::string(head) + "…";
}

}  // namespace ergraph::io
