// Store: derived data kept beside the tables (the graph snapshot's image), stamped with the
// data version it was made from.
#include "ergraph/store.hpp"

#include <limits>

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

bool Store::read_cache(std::string_view name, const std::string& version,
                       const std::function<void(CacheReader&)>& read) const {
  sqlite3* db = impl_->db.get();
  {
    sql::Statement exists(impl_->db,
                          "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'caches'");
    if (!exists.step()) return false;
  }
  sql::Statement q(impl_->db, "SELECT rowid FROM caches WHERE name = ?1 AND version = ?2");
  if (!q.bind(name, version).step()) return false;

  class BlobReader final : public CacheReader {
   public:
    BlobReader(sqlite3* db, std::int64_t rowid) : db_(db) {
      if (sqlite3_blob_open(db, "main", "caches", "data", rowid, 0, &blob_) != SQLITE_OK) fail();
      size_ = static_cast<std::size_t>(sqlite3_blob_bytes(blob_));
    }
    ~BlobReader() { sqlite3_blob_close(blob_); }
    BlobReader(const BlobReader&) = delete;
    BlobReader& operator=(const BlobReader&) = delete;
    std::size_t size() const override { return size_; }
    void read(void* into, std::size_t n) override {
      if (n > size_ - offset_) {
        throw Error(ErrorCode::kStorage, "a stored cache is shorter than its contents say");
      }
      if (n > 0 && sqlite3_blob_read(blob_, into, static_cast<int>(n), static_cast<int>(offset_)) !=
                       SQLITE_OK) {
        fail();
      }
      offset_ += n;
    }

   private:
    [[noreturn]] void fail() {
      throw Error(ErrorCode::kStorage, std::string("cannot read a cache: ") + sqlite3_errmsg(db_));
    }
    sqlite3* db_;
    sqlite3_blob* blob_ = nullptr;
    std::size_t size_ = 0;
    std::size_t offset_ = 0;
  };
  BlobReader reader(db, q.int64(0));
  read(reader);
  return true;
}

namespace {

// A blob handle opened for writing, closed on every way out: before the transaction it belongs to
// ends, since it is declared after it.
struct BlobWriteHandle {
  sqlite3_blob* blob = nullptr;

  BlobWriteHandle() = default;
  BlobWriteHandle(const BlobWriteHandle&) = delete;
  BlobWriteHandle& operator=(const BlobWriteHandle&) = delete;
  ~BlobWriteHandle() { close(); }
  void close() {
    sqlite3_blob_close(blob);
    blob = nullptr;
  }
};

}  // namespace

void Store::write_cache(
    std::string_view name, const std::string& version, std::size_t size,
    const std::function<void(const std::function<void(const void*, std::size_t)>&)>& write) {
  sql::Database& db = impl_->db;
  if (size > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw Error(ErrorCode::kStorage,
                "a cache of " + std::to_string(size) + " bytes is larger than SQLite's blob limit");
  }
  sql::Transaction transaction(db, sql::Transaction::Lock::kImmediate,
                               "cannot start writing a cache");
  db.exec(
      "CREATE TABLE IF NOT EXISTS caches(name TEXT PRIMARY KEY, version TEXT NOT NULL, "
      "data BLOB NOT NULL) STRICT",
      "cannot create the cache table");
  sql::Statement put(db,
                     "INSERT OR REPLACE INTO caches(name, version, data) "
                     "VALUES (?1, ?2, zeroblob(?3))");
  put.bind(name, version, static_cast<std::int64_t>(size)).run();
  BlobWriteHandle handle;
  if (sqlite3_blob_open(db.get(), "main", "caches", "data", sqlite3_last_insert_rowid(db.get()), 1,
                        &handle.blob) != SQLITE_OK) {
    throw Error(ErrorCode::kStorage,
                std::string("cannot write a cache: ") + sqlite3_errmsg(db.get()));
  }
  std::size_t offset = 0;
  write([&](const void* bytes, std::size_t n) {
    if (offset + n > size) throw Error(ErrorCode::kInternal, "a cache outgrew its size");
    if (sqlite3_blob_write(handle.blob, bytes, static_cast<int>(n), static_cast<int>(offset)) !=
        SQLITE_OK) {
      throw Error(ErrorCode::kStorage,
                  std::string("cannot write a cache: ") + sqlite3_errmsg(db.get()));
    }
    offset += n;
  });
  if (offset != size) throw Error(ErrorCode::kInternal, "a cache was written short");
  handle.close();
  transaction.commit("cannot commit a cache");
}

}  // namespace ergraph
