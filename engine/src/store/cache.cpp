// Store: derived data kept beside the tables (the graph snapshot's image), stamped with the
// data version it was made from.
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>

#include "ergraph/store.hpp"
#include "store_impl.hpp"

namespace ergraph {

std::string Store::data_version() const {
  auto scalar = [&](const char* query) {
    sql::Statement q(impl_->db, query);
    return q.step() ? q.text(0) : std::string();
  };
  return scalar("SELECT value FROM meta WHERE key = 'generation'") + "/" +
         scalar("SELECT max(nid) FROM nodes") + "/" + scalar("SELECT max(eid) FROM edges");
}

namespace {

// A whole file mapped read-only, unmapped when the last holder lets go.
class FileMapping {
 public:
  FileMapping(void* address, std::size_t size) : address_(address), size_(size) {}
  FileMapping(const FileMapping&) = delete;
  FileMapping& operator=(const FileMapping&) = delete;
  ~FileMapping() { munmap(address_, size_); }
  const std::byte* bytes() const { return static_cast<const std::byte*>(address_); }

 private:
  void* address_;
  std::size_t size_;
};

// Closes a file descriptor on every way out.
struct FileDescriptor {
  int fd = -1;
  explicit FileDescriptor(int f) : fd(f) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

bool in_memory(const std::string& path) { return path.empty() || path == ":memory:"; }

[[noreturn]] void fail_file(const std::string& doing, const std::string& path, int error) {
  throw Error(ErrorCode::kStorage, doing + " " + path + ": " + std::strerror(error));
}

// Removes the temporary files of `path` left by writers that died half way, which would
// otherwise take up to an image's size each for good.
void remove_abandoned(const std::string& path) {
  const std::filesystem::path file(path);
  const std::string prefix = file.filename().string() + ".tmp-";
  std::error_code ec;
  const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : ".";
  for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    // Its process gone, and untouched for a while: a writer in another PID namespace (another
    // container, another host on a network file system) looks gone but keeps writing.
    const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    const auto written = std::filesystem::last_write_time(it->path(), ec);
    if (ec) {
      ec.clear();
      continue;
    }
    const bool idle =
        std::filesystem::file_time_type::clock::now() - written > std::chrono::hours(1);
    if (idle && pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      std::filesystem::remove(it->path(), ec);
      ec.clear();
    }
  }
}

// A caches row written by an older build holds its blob in `data`; a cache file's row holds only
// its stamp, which is short.
constexpr std::size_t kMaxStampBytes = 64;

}  // namespace

std::string Store::cache_file_path(std::string_view name) const {
  return impl_->path + "-" + std::string(name);
}

std::optional<Store::CacheFile> Store::map_cache_file(std::string_view name,
                                                      const std::string& version) const {
  if (in_memory(impl_->path)) return std::nullopt;
  {
    sql::Statement exists(impl_->db,
                          "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'caches'");
    if (!exists.step()) return std::nullopt;
  }
  sql::Statement q(impl_->db,
                   "SELECT CAST(data AS TEXT) FROM caches "
                   "WHERE name = ?1 AND version = ?2 AND length(data) <= ?3");
  if (!q.bind(name, version, static_cast<std::int64_t>(kMaxStampBytes)).step()) {
    return std::nullopt;
  }
  CacheFile file;
  file.stamp = q.text(0);
  // Whatever is wrong with the file (gone, unreadable, not a regular file, empty) only means
  // there is no cache: the caller makes the data again. O_NONBLOCK: a FIFO put in its place
  // must not hang the open.
  const FileDescriptor in(::open(cache_file_path(name).c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  struct stat info {};
  if (in.fd < 0 || ::fstat(in.fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size <= 0) {
    return std::nullopt;
  }
  const auto size = static_cast<std::size_t>(info.st_size);
  void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, in.fd, 0);
  if (address == MAP_FAILED) return std::nullopt;
  auto mapping = std::make_shared<const FileMapping>(address, size);
  file.bytes = {mapping->bytes(), size};
  file.mapping = std::move(mapping);
  return file;
}

void Store::write_cache_file(std::string_view name, const std::string& version,
                             const std::function<std::string(const Append&)>& write) {
  if (in_memory(impl_->path)) {
    throw Error(ErrorCode::kStorage, "an in-memory database keeps no files beside it");
  }
  const std::string path = cache_file_path(name);
  remove_abandoned(path);
  // A name of this process's own, so that concurrent writers never share a temporary file.
  static std::atomic<unsigned> serial{0};
  const std::string temporary =
      path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(serial++);
  struct Cleanup {
    const std::string& file;
    bool done = false;
    ~Cleanup() {
      if (!done) ::unlink(file.c_str());
    }
  } cleanup{temporary};

  std::string stamp;
  {
    FileDescriptor out(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                              S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH));
    if (out.fd < 0) fail_file("cannot create", temporary, errno);
    // Readable by whom the database is, as SQLite's own files beside it: the image holds every
    // node's id and name.
    struct stat database {};
    if (::stat(impl_->path.c_str(), &database) == 0 &&
        ::fchmod(out.fd, database.st_mode & 0777) != 0) {
      fail_file("cannot set the permissions of", temporary, errno);
    }
    // Written in whole pieces of 8 MiB at multiples of 8 MiB: the file's pages then sit in the
    // OS's file cache as 2 MiB blocks, which a mapping maps as huge pages (one TLB entry each).
    // Written a MiB at a time, the L graph's image was mapped in 4 KiB pages only.
    constexpr std::size_t kPiece = std::size_t{8} << 20;
    const std::unique_ptr<char[]> buffer(new char[kPiece]);
    std::size_t filled = 0;
    auto flush = [&] {
      const char* p = buffer.get();
      std::size_t left = filled;
      while (left > 0) {
        const ssize_t n = ::write(out.fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail_file("cannot write", temporary, n < 0 ? errno : ENOSPC);
        p += n;
        left -= static_cast<std::size_t>(n);
      }
      filled = 0;
    };
    stamp = write([&](const void* data, std::size_t n) {
      const auto* bytes = static_cast<const char*>(data);
      while (n > 0) {
        const std::size_t take = std::min(n, kPiece - filled);
        std::memcpy(buffer.get() + filled, bytes, take);
        filled += take;
        bytes += take;
        n -= take;
        if (filled == kPiece) flush();
      }
    });
    flush();
    const int fd = out.fd;
    out.fd = -1;
    if (::close(fd) != 0) fail_file("cannot write", temporary, errno);
  }
  if (stamp.size() > kMaxStampBytes) throw Error(ErrorCode::kInternal, "a cache stamp is too long");

  // The rename and the row that names the file's stamp in one write transaction: two writers
  // take turns, so the last file renamed is the one whose row commits last. A crash between
  // the two leaves a file whose stamp does not match the row: the cache is then made again.
  sql::Database& db = impl_->db;
  sql::Transaction transaction(db, sql::Transaction::Lock::kImmediate,
                               "cannot start writing a cache");
  db.exec(
      "CREATE TABLE IF NOT EXISTS caches(name TEXT PRIMARY KEY, version TEXT NOT NULL, "
      "data BLOB NOT NULL) STRICT",
      "cannot create the cache table");
  sql::Statement put(db,
                     "INSERT OR REPLACE INTO caches(name, version, data) "
                     "VALUES (?1, ?2, CAST(?3 AS BLOB))");
  put.bind(name, version, stamp).run();
  if (::rename(temporary.c_str(), path.c_str()) != 0) fail_file("cannot rename", temporary, errno);
  cleanup.done = true;
  transaction.commit("cannot commit a cache");
}

}  // namespace ergraph
