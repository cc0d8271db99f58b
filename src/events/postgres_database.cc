// PostgreSQL back end of SqlDatabase over libpqxx 6 (see
// postgres_database.h). Parameters travel as text (bytes as "\x" hex, which
// PostgreSQL converts to BYTEA); results come back as text and are converted
// per column. libpqxx exceptions stop here: every failure is a Status.
#include "events/postgres_database.h"

#include <cctype>
#include <pqxx/pqxx>

namespace protolm::events {

namespace {

/// libpq's messages span lines ("...: Connection refused\n\tIs the server
/// running on that host..."); keep the first line without "ERROR:  ".
std::string OneLine(const std::string& what) {
  std::string line = what.substr(0, what.find('\n'));
  for (const char* prefix : {"ERROR:  ", "FATAL:  "})
    if (line.rfind(prefix, 0) == 0) line.erase(0, std::string(prefix).size());
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
    line.pop_back();
  return line;
}

/// "connection refused; is the server running?" from libpq's connect error.
std::string ConnectReason(const std::string& what) {
  std::string line = OneLine(what);
  size_t colon = line.rfind(": ");
  std::string reason =
      colon == std::string::npos ? line : line.substr(colon + 2);
  if (!reason.empty() && std::isupper(static_cast<unsigned char>(reason[0])) &&
      (reason.size() < 2 ||
       std::islower(static_cast<unsigned char>(reason[1]))))
    reason[0] =
        static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  if (what.find("Is the server running") != std::string::npos)
    reason += "; is the server running?";
  return reason;
}

class PostgresRow : public SqlRow {
 public:
  explicit PostgresRow(const pqxx::row& row) : row_(row) {}
  bool IsNull(int column) const override { return row_[column].is_null(); }
  int64_t Int(int column) const override {
    if (row_[column].is_null()) return 0;
    // Aggregates such as SUM(bigint) are NUMERIC: keep the integer part.
    return std::strtoll(row_[column].c_str(), nullptr, 10);
  }
  std::string Text(int column) const override {
    if (row_[column].is_null()) return "";
    return std::string(row_[column].c_str(), row_[column].size());
  }
  Bytes Blob(int column) const override {
    if (row_[column].is_null()) return {};
    std::string_view text(row_[column].c_str(), row_[column].size());
    if (text.rfind("\\x", 0) == 0) text.remove_prefix(2);
    Result<Bytes> bytes = FromHex(text);
    return bytes.ok() ? std::move(bytes).value() : Bytes{};
  }

 private:
  const pqxx::row& row_;
};

class PostgresDatabase : public SqlDatabase {
 public:
  explicit PostgresDatabase(std::string url) : url_(std::move(url)) {}

  Status Connect() {
    try {
      connection_ = std::make_unique<pqxx::connection>(url_);
      pqxx::nontransaction tx(*connection_);
      tx.exec("SET client_min_messages TO WARNING");
      return Status::Ok();
    } catch (const std::exception& e) {
      connection_.reset();
      return IoError("connect " + RedactUrl(url_) + ": " +
                     ConnectReason(e.what()));
    }
  }

  std::string_view engine() const override { return "postgresql"; }
  std::string_view bytes_type() const override { return "BYTEA"; }

  Status Execute(const std::string& sql) override {
    if (!connection_) return NotConnected();
    try {
      pqxx::nontransaction tx(*connection_);
      tx.exec(sql);
      return Status::Ok();
    } catch (const std::exception& e) {
      return Error(e.what());
    }
  }

  Status Query(const std::string& sql, std::span<const SqlValue> params,
               const RowVisitor& visit) override {
    if (!connection_) return NotConnected();
    std::vector<std::string> texts;
    texts.reserve(params.size());
    for (const SqlValue& value : params) {
      if (const auto* n = std::get_if<int64_t>(&value))
        texts.push_back(std::to_string(*n));
      else if (const auto* s = std::get_if<std::string>(&value))
        texts.push_back(*s);
      else
        texts.push_back("\\x" + ToHex(std::get<Bytes>(value)));
    }
    try {
      pqxx::result result;
      {
        pqxx::nontransaction tx(*connection_);
        result = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(texts));
      }
      if (!visit) return Status::Ok();
      for (const pqxx::row& r : result) {
        PostgresRow row(r);
        RETURN_IF_ERROR(visit(row));
      }
      return Status::Ok();
    } catch (const std::exception& e) {
      return Error(e.what());
    }
  }

  Status Reconnect() override {
    if (connection_ && connection_->is_open()) return Status::Ok();
    return Connect();
  }

 private:
  Status NotConnected() const {
    return IoError(RedactUrl(url_) + ": not connected; is the server running?");
  }
  Status Error(const std::string& what) const {
    return IoError(RedactUrl(url_) + ": " + OneLine(what));
  }

  std::string url_;
  std::unique_ptr<pqxx::connection> connection_;
};

}  // namespace

std::string RedactUrl(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  size_t authority = scheme + 3;
  size_t at = url.find('@', authority);
  size_t slash = url.find('/', authority);
  if (at == std::string::npos || (slash != std::string::npos && at > slash))
    return url;
  size_t colon = url.find(':', authority);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

Result<std::unique_ptr<SqlDatabase>> OpenPostgresDatabase(
    const std::string& url) {
  auto database = std::make_unique<PostgresDatabase>(url);
  RETURN_IF_ERROR(database->Connect());
  return std::unique_ptr<SqlDatabase>(std::move(database));
}

}  // namespace protolm::events
