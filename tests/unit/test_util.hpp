// Helpers for unit tests that need real files: a temporary folder removed at scope end.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "ergraph/error.hpp"

namespace ergraph::testing {

// What a reader reported, one problem per line; "" when it reported nothing.
inline std::string reported(const Diagnostics& diags) {
  try {
    diags.throw_if_any();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// A schema of two node types (N, H) and two edge types (x, y) that join anything: for graph
// tests that care about shape, not meaning.
inline constexpr const char* kTwoTypeSchema = R"(schema: test
node_types: {N: {}, H: {}}
edge_types:
  x: {from: "*", to: "*"}
  y: {from: "*", to: "*"}
)";

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("ergraph-test-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `content` to `name` inside the folder and returns the full path.
  std::string write(const std::string& name, const std::string& content) const {
    const auto full = path_ / name;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << content;
    return full.string();
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace ergraph::testing
