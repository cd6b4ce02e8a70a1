#include "output.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ostream>

#include "ergraph/error.hpp"

namespace ergraph::cli {
namespace {

// The temporary file being written, for the interrupt handler to remove: a fixed buffer, since
// a signal handler may only call async-signal-safe functions.
char g_temp_path[4096] = {0};

void on_interrupt(int signal_number) {
  if (g_temp_path[0] != '\0') ::unlink(g_temp_path);
  ::_exit(128 + signal_number);
}

}  // namespace

void remove_partial_files_on_interrupt() {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  std::signal(SIGHUP, on_interrupt);
}

void write_output(const std::string& path, const std::string& content, std::ostream& out) {
  if (path == "-") {
    out << content;
    out.flush();
    return;
  }
  const std::filesystem::path target(path);
  if (target.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(target.parent_path(), ec);
  }
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  // An interrupt from here on removes the temporary file: no half-written output is left.
  if (temp.size() < sizeof g_temp_path) {
    std::memcpy(g_temp_path, temp.c_str(), temp.size() + 1);
  }
  struct Forget {
    ~Forget() { g_temp_path[0] = '\0'; }
  } forget;
  {
    std::ofstream file(temp, std::ios::binary);
    file << content;
    file.close();
    if (!file) {
      std::remove(temp.c_str());
      throw Error(ErrorCode::kIo, "cannot write file", Location{path});
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    throw Error(ErrorCode::kIo, "cannot move the finished file into place", Location{path});
  }
}

}  // namespace ergraph::cli
