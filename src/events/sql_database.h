// SqlDatabase: the little the event store needs from a SQL engine, so that
// one store implementation (sql_event_store.h) runs the same statements on
// SQLite and on PostgreSQL.
//
// Statements use PostgreSQL's numbered placeholders ($1, $2, ...) on both
// engines. Values are bound as SqlValue; rows are read column by column in
// the type the caller expects (PostgreSQL returns text, SQLite typed
// values; each back end converts). Not thread-safe: one thread at a time
// uses a database object (the EventLog writer, or a reading command).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "util/bytes.h"
#include "util/status.h"

namespace protolm::events {

/// A bound parameter: an integer, text, or bytes (BLOB / BYTEA).
using SqlValue = std::variant<int64_t, std::string, Bytes>;

/// One result row, valid only inside the callback that receives it.
class SqlRow {
 public:
  virtual ~SqlRow() = default;
  virtual bool IsNull(int column) const = 0;
  /// 0 for NULL.
  virtual int64_t Int(int column) const = 0;
  /// "" for NULL.
  virtual std::string Text(int column) const = 0;
  /// Empty for NULL.
  virtual Bytes Blob(int column) const = 0;
};

using RowVisitor = std::function<Status(const SqlRow&)>;

class SqlDatabase {
 public:
  virtual ~SqlDatabase() = default;

  /// "sqlite" or "postgresql".
  virtual std::string_view engine() const = 0;
  /// Column type for bytes: "BLOB" or "BYTEA".
  virtual std::string_view bytes_type() const = 0;
  /// Runs statements without parameters (DDL, BEGIN, COMMIT, ...);
  /// several may be separated by ';'.
  virtual Status Execute(const std::string& sql) = 0;
  /// Runs one statement with parameters; rows, if any, go to `visit`
  /// (null: rows are ignored). A non-ok status from `visit` stops the
  /// query and is returned.
  virtual Status Query(const std::string& sql, std::span<const SqlValue> params,
                       const RowVisitor& visit) = 0;
  /// Re-establishes a lost connection (PostgreSQL); ok when nothing was
  /// lost. Called by the store before retrying a failed write.
  virtual Status Reconnect() = 0;
};

}  // namespace protolm::events
