// Private to the store: RAII handles for sqlite3, transactions and sqlite3_stmt, with SQLite
// failures turned into ergraph::Error(kStorage) where they happen.
#pragma once

#include <sqlite3.h>

#include <sys/mman.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "ergraph/error.hpp"

namespace ergraph::sql {

// How long a statement waits for a lock another connection holds before it fails: readers meet
// locks only for moments in WAL mode.
inline constexpr int kBusyMillis = 5000;
// How long a write waits for another process's write to finish (an import of years of coverage
// takes minutes), then fails saying who holds the database. Readers wait as long while a rollback
// journal lies beside the file: a first import writes an empty database in place under one (see
// Store::write_streamed), and nothing can be read until it commits.
inline constexpr int kWriteWaitMillis = 600000;

[[noreturn]] inline void fail(sqlite3* db, const std::string& doing) {
  throw Error(ErrorCode::kStorage, doing + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

// Memory for the first kPageCacheSlots pages of 4 KiB that SQLite caches, made present at once.
// A warm batch's commands each read a few pages no command read before: while the page cache
// filled, every one went into freshly allocated memory, and the first touch of each of its pages
// was a page fault. Faulted in up front in one call (about 2 MiB), the slots make M's median warm
// `path` command 65.5 -> 55 µs (nine alternating runs each). Pages past the slots, or larger,
// come from malloc as before, but once the slots are in use SQLite counts it as memory pressure
// and recycles clean pages before it grows a cache: an import's cache holds the pages it
// changed, and keeps few it only read (store/write.cpp).
inline constexpr int kPageCacheSlots = 512;  // the default cache_size (2000 KiB) of one connection

// Process-wide settings, made once before the first connection. Memory statistics off: SQLite
// would otherwise take a global mutex around every allocation it makes (an import makes tens of
// millions) to keep counts ergraph never reads. Fails harmlessly if something else in the
// process started SQLite first.
inline void configure_library() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    int header = 0;
    if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header) == SQLITE_OK) {
      const int slot = (4096 + header + 7) / 8 * 8;
      const std::size_t bytes = static_cast<std::size_t>(slot) * kPageCacheSlots;
      void* slots = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
      if (slots != MAP_FAILED &&
          sqlite3_config(SQLITE_CONFIG_PAGECACHE, slots, slot, kPageCacheSlots) != SQLITE_OK) {
        ::munmap(slots, bytes);
      }
    }
    return true;
  }();
  (void)configured;
}

class Database {
 public:
  Database() = default;
  Database(const std::string& path, int flags) {
    configure_library();
    sqlite3* handle = nullptr;
    // NOMUTEX: a connection is used by one thread at a time (ergraph's threads read files,
    // never the database), so the lock SQLite would take around every call is pure cost.
    const int rc = sqlite3_open_v2(path.c_str(), &handle,
                                   flags | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX, nullptr);
    db_ = handle;
    // Before any statement: the first reads of a database that another process is writing may
    // meet a lock for a moment (WAL recovery, a checkpoint), and must wait it out, not fail.
    if (handle) wait_for_locks(kBusyMillis);
    if (rc != SQLITE_OK) {
      const std::string message = handle ? sqlite3_errmsg(handle) : "out of memory";
      close();
      throw Error(ErrorCode::kStorage, "cannot open database: " + message, Location{path});
    }
  }
  Database(Database&& other) noexcept : db_(other.db_), lock_wait_(std::move(other.lock_wait_)) {
    other.db_ = nullptr;
  }
  Database& operator=(Database&& other) noexcept {
    if (this != &other) {
      close();
      db_ = other.db_;
      lock_wait_ = std::move(other.lock_wait_);
      other.db_ = nullptr;
    }
    return *this;
  }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database() { close(); }

  sqlite3* get() const { return db_; }

  // How long a statement waits for a lock another connection holds: `millis`, or, when that is
  // not 0, kWriteWaitMillis while the database has a rollback journal beside it.
  void wait_for_locks(int millis) {
    if (!lock_wait_) {
      lock_wait_ = std::make_unique<LockWait>();
      const char* file = sqlite3_db_filename(db_, "main");
      if (file && *file) lock_wait_->journal = std::string(file) + "-journal";
    }
    lock_wait_->millis = millis;
    sqlite3_busy_handler(db_, &LockWait::on_busy, lock_wait_.get());
  }

  // The journal mode SQLite reports after `PRAGMA journal_mode = <mode>` (`mode` nullptr: the
  // current one); "" when it refused (another connection holds the lock it needs).
  std::string journal_mode(const char* mode = nullptr) {
    const std::string sql =
        mode ? std::string("PRAGMA journal_mode = ") + mode : std::string("PRAGMA journal_mode");
    sqlite3_stmt* statement = nullptr;
    std::string result;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(statement, 0);
      if (text) result = reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(statement);
    return result;
  }

  // Runs statements that take no parameters and return no rows.
  void exec(const char* sql, const char* doing) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string text = message ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      throw Error(ErrorCode::kStorage, std::string(doing) + ": " + text);
    }
  }

 private:
  // SQLite's busy handler: sleeps and retries, with SQLite's own busy timeout's delays, until
  // the time allowed has passed.
  struct LockWait {
    int millis = kBusyMillis;
    std::string journal;  // "" for a database without a file
    std::chrono::steady_clock::time_point since;

    static int on_busy(void* self, int retries) {
      auto& wait = *static_cast<LockWait*>(self);
      const auto now = std::chrono::steady_clock::now();
      if (retries == 0) wait.since = now;
      const auto waited =
          std::chrono::duration_cast<std::chrono::milliseconds>(now - wait.since).count();
      struct stat journal_stat {};
      const bool in_place_write =
          !wait.journal.empty() && ::stat(wait.journal.c_str(), &journal_stat) == 0;
      const int allowed =
          wait.millis > 0 && in_place_write ? std::max(wait.millis, kWriteWaitMillis) : wait.millis;
      if (waited >= allowed) {
        return 0;
      }
      static constexpr int kDelays[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
      constexpr int kLast = static_cast<int>(std::size(kDelays)) - 1;
      std::this_thread::sleep_for(std::chrono::milliseconds(kDelays[std::min(retries, kLast)]));
      return 1;
    }
  };

  void close() {
    if (db_) sqlite3_close_v2(db_);
    db_ = nullptr;
  }
  sqlite3* db_ = nullptr;
  std::unique_ptr<LockWait> lock_wait_;  // on the heap: SQLite keeps its address
};

// A transaction, begun on construction and rolled back on destruction unless commit() ran, so
// that every way out of a block that throws leaves the database as it was.
class Transaction {
 public:
  // BEGIN (deferred: the write lock is taken by the first write) or BEGIN IMMEDIATE (the write
  // lock now, so that a busy database fails here rather than halfway through).
  enum class Lock { kDeferred, kImmediate };

  // Begins; Error(kStorage) with `doing` when SQLite refuses (there is then nothing to roll
  // back).
  // An immediate transaction waits up to kWriteWaitMillis for another writer, then fails with
  // Error(kStorage, topic "database_busy").
  Transaction(Database& db, Lock lock, const char* doing) : db_(db) {
    if (lock == Lock::kDeferred) {
      db_.exec("BEGIN", doing);
    } else {
      db_.wait_for_locks(kWriteWaitMillis);
      const int rc = sqlite3_exec(db_.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
      db_.wait_for_locks(kBusyMillis);
      if ((rc & 0xff) == SQLITE_BUSY) {
        throw Error(ErrorCode::kStorage,
                    std::string(doing) +
                        ": another process has been writing to the database "
                        "for " +
                        std::to_string(kWriteWaitMillis / 60000) +
                        " minutes; nothing was written, try again when it has finished")
            .about("database_busy");
      }
      if (rc != SQLITE_OK) fail(db_.get(), doing);
    }
    open_ = true;
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // Rolls back when not committed. Never throws: a failed ROLLBACK (SQLite may have rolled back
  // already, after the error that brought us here) leaves nothing to do.
  ~Transaction() {
    if (open_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
  }

  // Commits; Error(kStorage) with `doing` when SQLite refuses, and the destructor then rolls back
  // whatever is still open.
  void commit(const char* doing) {
    db_.exec("COMMIT", doing);
    open_ = false;
  }

 private:
  Database& db_;
  bool open_ = false;
};

// A prepared statement, reset and rebound for every use.
class Statement {
 public:
  Statement() = default;
  Statement(const Database& db, std::string_view sql) : db_(db.get()) {
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt_, nullptr) != SQLITE_OK) {
      fail(db_, "cannot prepare statement");
    }
  }
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  Statement& operator=(Statement&& other) noexcept {
    if (this != &other) {
      sqlite3_finalize(stmt_);
      db_ = other.db_;
      stmt_ = other.stmt_;
      other.stmt_ = nullptr;
    }
    return *this;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Resets the statement and binds the arguments to ?1, ?2, ...
  template <typename... Args>
  Statement& bind(const Args&... args) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    int index = 0;
    (bind_one(++index, args), ...);
    return *this;
  }

  // Steps once: true when a row is ready, false when done.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, "database statement failed");
  }

  // Ends a read early, releasing what it holds.
  void reset() { sqlite3_reset(stmt_); }

  // Steps to completion, for statements that return no rows.
  void run() {
    while (step()) {
    }
  }

  std::int64_t int64(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::string text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : "";
  }
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  void bind_one(int index, std::int64_t v) { check(sqlite3_bind_int64(stmt_, index, v)); }
  void bind_one(int index, int v) { check(sqlite3_bind_int64(stmt_, index, v)); }
  void bind_one(int index, std::string_view v) {
    check(sqlite3_bind_text64(stmt_, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  void bind_one(int index, const std::string& v) { bind_one(index, std::string_view(v)); }
  void bind_one(int index, const char* v) { bind_one(index, std::string_view(v)); }
  void check(int rc) {
    if (rc != SQLITE_OK) fail(db_, "cannot bind parameter");
  }

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace ergraph::sql
