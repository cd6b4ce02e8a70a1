#include "output.hpp"

#include <unistd.h>

#include <cerrno>
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

// Writes `content` to `path` as it is (truncating it) and checks that every byte went out;
// on failure removes what was written when it is a temporary file (`shown_as` is the user's
// name for the output, different from `path`).
void write_through(const std::string& path, const std::string& content,
                   const std::string& shown_as = "") {
  errno = 0;
  std::ofstream file(path, std::ios::binary);
  file << content;
  file.close();
  if (!file) {
    const int cause = errno;
    if (!shown_as.empty()) std::remove(path.c_str());
    throw Error(ErrorCode::kIo,
                std::string("cannot write file") +
                    (cause != 0 ? std::string(": ") + std::strerror(cause) : ""),
                Location{shown_as.empty() ? path : shown_as});
  }
}

}  // namespace

void remove_partial_files_on_interrupt() {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  std::signal(SIGHUP, on_interrupt);
}

void write_output(const std::string& path, const std::string& content, std::ostream& out) {
  if (path == "-") {
    errno = 0;
    out << content;
    out.flush();
    if (!out) {
      const int cause = errno;
      out.clear();  // reported here, with its cause; run() need not report it again
      throw Error(ErrorCode::kIo, std::string("cannot write the output") +
                                      (cause != 0 ? std::string(": ") + std::strerror(cause) : ""));
    }
    return;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  // What the path names once symlinks are followed: the link stays, its target gets the bytes.
  const fs::file_status followed = fs::status(path, ec);
  const bool special = path.rfind("/dev/", 0) == 0 || path.rfind("/proc/", 0) == 0 ||
                       (fs::exists(followed) && !fs::is_regular_file(followed));
  if (special) {
    // A FIFO, a device, /dev/stdout: written through. Renaming a file over it would replace the
    // device node or leave the FIFO's reader with nothing.
    write_through(path, content);
    return;
  }
  fs::path target = path;
  if (fs::is_symlink(fs::symlink_status(target, ec))) {
    const fs::path resolved = fs::weakly_canonical(target, ec);
    if (ec) {
      throw Error(ErrorCode::kIo, "cannot follow the symbolic link: " + ec.message(),
                  Location{path});
    }
    target = resolved;
  }
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  const std::string temp = target.string() + ".tmp-" + std::to_string(::getpid());
  // An interrupt from here on removes the temporary file: no half-written output is left.
  if (temp.size() < sizeof g_temp_path) {
    std::memcpy(g_temp_path, temp.c_str(), temp.size() + 1);
  }
  struct Forget {
    ~Forget() { g_temp_path[0] = '\0'; }
  } forget;
  write_through(temp, content, path);
  // The file it replaces keeps its permissions (a shared folder's group-writable report stays so).
  if (fs::is_regular_file(followed)) fs::permissions(temp, followed.permissions(), ec);
  if (std::rename(temp.c_str(), target.c_str()) != 0) {
    std::remove(temp.c_str());
    throw Error(ErrorCode::kIo, "cannot move the finished file into place", Location{path});
  }
}

}  // namespace ergraph::cli
