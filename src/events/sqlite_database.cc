// SQLite back end of SqlDatabase (see sqlite_database.h). Prepared
// statements are cached by their text, so the store's few statements are
// compiled once per connection.
#include "events/sqlite_database.h"

#include <sqlite3.h>

#include <map>

namespace protolm::events {

namespace {

/// "$12" -> "?12": SQLite's numbered form of PostgreSQL placeholders.
std::string ToSqlitePlaceholders(const std::string& sql) {
  std::string out = sql;
  for (size_t i = 0; i + 1 < out.size(); ++i)
    if (out[i] == '$' && out[i + 1] >= '0' && out[i + 1] <= '9') out[i] = '?';
  return out;
}

class SqliteRow : public SqlRow {
 public:
  explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  int64_t Int(int column) const override {
    return sqlite3_column_int64(stmt_, column);
  }
  std::string Text(int column) const override {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    if (text == nullptr) return "";
    return std::string(reinterpret_cast<const char*>(text),
                       sqlite3_column_bytes(stmt_, column));
  }
  Bytes Blob(int column) const override {
    const void* blob = sqlite3_column_blob(stmt_, column);
    if (blob == nullptr) return {};
    const uint8_t* begin = static_cast<const uint8_t*>(blob);
    return Bytes(begin, begin + sqlite3_column_bytes(stmt_, column));
  }

 private:
  sqlite3_stmt* stmt_;
};

class SqliteDatabase : public SqlDatabase {
 public:
  SqliteDatabase(sqlite3* db, std::string path)
      : db_(db), path_(std::move(path)) {}
  ~SqliteDatabase() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  std::string_view engine() const override { return "sqlite"; }
  std::string_view bytes_type() const override { return "BLOB"; }

  Status Execute(const std::string& sql) override {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return Status::Ok();
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return Error(text);
  }

  Status Query(const std::string& sql, std::span<const SqlValue> params,
               const RowVisitor& visit) override {
    sqlite3_stmt* stmt = nullptr;
    RETURN_IF_ERROR(Prepare(sql, stmt));
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    for (size_t i = 0; i < params.size(); ++i) {
      int index = static_cast<int>(i + 1);
      int rc = std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, int64_t>)
              return sqlite3_bind_int64(stmt, index, v);
            else if constexpr (std::is_same_v<T, std::string>)
              return sqlite3_bind_text(stmt, index, v.data(),
                                       static_cast<int>(v.size()),
                                       SQLITE_STATIC);
            else if (v.empty())  // a null pointer would bind NULL
              return sqlite3_bind_zeroblob(stmt, index, 0);
            else
              return sqlite3_bind_blob(stmt, index, v.data(),
                                       static_cast<int>(v.size()),
                                       SQLITE_STATIC);
          },
          params[i]);
      if (rc != SQLITE_OK) return Error(sqlite3_errmsg(db_));
    }
    SqliteRow row(stmt);
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        Status error = Error(sqlite3_errmsg(db_));
        sqlite3_reset(stmt);
        return error;
      }
      if (visit) {
        Status st = visit(row);
        if (!st.ok()) {
          sqlite3_reset(stmt);
          return st;
        }
      }
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);  // the bound values are the caller's
    return Status::Ok();
  }

  Status Reconnect() override { return Status::Ok(); }

 private:
  Status Prepare(const std::string& sql, sqlite3_stmt*& stmt) {
    auto found = statements_.find(sql);
    if (found != statements_.end()) {
      stmt = found->second;
      return Status::Ok();
    }
    std::string text = ToSqlitePlaceholders(sql);
    if (sqlite3_prepare_v2(db_, text.c_str(), static_cast<int>(text.size()),
                           &stmt, nullptr) != SQLITE_OK)
      return Error(sqlite3_errmsg(db_));
    statements_.emplace(sql, stmt);
    return Status::Ok();
  }

  Status Error(const std::string& what) const {
    return IoError(path_ + ": " + what);
  }

  sqlite3* db_;
  std::string path_;
  std::map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

Result<std::unique_ptr<SqlDatabase>> OpenSqliteDatabase(
    const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
      nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return IoError("open " + path + ": " + message);
  }
  sqlite3_busy_timeout(db, 5000);
  auto database = std::make_unique<SqliteDatabase>(db, path);
  // The first statement reads the file: a non-SQLite file fails here.
  Status wal =
      database->Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  if (!wal.ok()) {
    std::string message = wal.message();
    if (message.rfind(path + ": ", 0) == 0) message.erase(0, path.size() + 2);
    return IoError("open " + path + ": " + message);
  }
  return std::unique_ptr<SqlDatabase>(std::move(database));
}

}  // namespace protolm::events
