// OpenEventStore and the one EventStore implementation, SqlEventStore: the
// same SQL on SQLite and PostgreSQL through SqlDatabase (sql_database.h).
#include "events/event_store.h"

#include <algorithm>
#include <limits>

#include "events/postgres_database.h"
#include "events/sql_database.h"
#include "events/sqlite_database.h"

namespace protolm::events {

namespace {

constexpr int64_t kAllTime = std::numeric_limits<int64_t>::min();
/// Rows per multi-row INSERT and per page of a listing.
constexpr size_t kRowsPerInsert = 64;
constexpr int64_t kRowsPerPage = 1000;

std::string SchemaSql(std::string_view bytes) {
  const std::string b(bytes);
  return "CREATE TABLE IF NOT EXISTS connections ("
         " run_id TEXT NOT NULL, connection BIGINT NOT NULL,"
         " opened_us BIGINT, honeypot TEXT, protocol TEXT,"
         " local_address TEXT, local_port INTEGER,"
         " peer_address TEXT, peer_port INTEGER,"
         " closed_us BIGINT, close_reason TEXT, requests BIGINT,"
         " PRIMARY KEY (run_id, connection));"
         "CREATE INDEX IF NOT EXISTS connections_opened"
         " ON connections (opened_us);"
         "CREATE TABLE IF NOT EXISTS exchanges ("
         " run_id TEXT NOT NULL, connection BIGINT NOT NULL,"
         " sequence BIGINT NOT NULL, time_us BIGINT NOT NULL,"
         " protocol TEXT NOT NULL, request " +
         b + " NOT NULL, response " + b +
         " NOT NULL, summary TEXT NOT NULL, fields_json TEXT NOT NULL,"
         " function TEXT NOT NULL, write_attempted INTEGER NOT NULL,"
         " valid INTEGER NOT NULL, guard_action TEXT NOT NULL,"
         " latency_us BIGINT NOT NULL);"
         "CREATE INDEX IF NOT EXISTS exchanges_time ON exchanges (time_us);"
         "CREATE INDEX IF NOT EXISTS exchanges_connection"
         " ON exchanges (run_id, connection);"
         "CREATE TABLE IF NOT EXISTS scans ("
         " run_id TEXT NOT NULL, connection BIGINT NOT NULL,"
         " time_us BIGINT NOT NULL, peer_address TEXT NOT NULL,"
         " signature TEXT NOT NULL, detail TEXT NOT NULL);"
         "CREATE INDEX IF NOT EXISTS scans_time ON scans (time_us);";
}

constexpr const char* kInsertOpened =
    "INSERT INTO connections (run_id, connection, opened_us, honeypot,"
    " protocol, local_address, local_port, peer_address, peer_port)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " ON CONFLICT (run_id, connection) DO UPDATE SET"
    " opened_us = excluded.opened_us, honeypot = excluded.honeypot,"
    " protocol = excluded.protocol, local_address = excluded.local_address,"
    " local_port = excluded.local_port, peer_address = excluded.peer_address,"
    " peer_port = excluded.peer_port";

constexpr const char* kInsertClosed =
    "INSERT INTO connections (run_id, connection, closed_us, close_reason,"
    " requests) VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (run_id, connection) DO UPDATE SET"
    " closed_us = excluded.closed_us, close_reason = excluded.close_reason,"
    " requests = excluded.requests";

constexpr int kExchangeColumns = 14;
constexpr const char* kExchangeInsertHead =
    "INSERT INTO exchanges (run_id, connection, sequence, time_us, protocol,"
    " request, response, summary, fields_json, function, write_attempted,"
    " valid, guard_action, latency_us) VALUES ";
constexpr int kScanColumns = 6;
constexpr const char* kScanInsertHead =
    "INSERT INTO scans (run_id, connection, time_us, peer_address, signature,"
    " detail) VALUES ";

constexpr const char* kSelectExchanges =
    "SELECT e.run_id, e.connection, e.sequence, e.time_us, e.protocol,"
    " e.request, e.response, e.summary, e.fields_json, e.function,"
    " e.write_attempted, e.valid, e.guard_action, e.latency_us,"
    " c.peer_address, c.peer_port"
    " FROM exchanges e LEFT JOIN connections c"
    " ON c.run_id = e.run_id AND c.connection = e.connection"
    " WHERE e.time_us >= $1"
    " AND (e.time_us, e.run_id, e.connection, e.sequence) > ($2, $3, $4, $5)"
    " ORDER BY e.time_us, e.run_id, e.connection, e.sequence LIMIT $6";

/// "($1, $2, ...), ($15, ...)": `rows` groups of `columns` placeholders.
std::string ValuesList(size_t rows, int columns) {
  std::string sql;
  int n = 0;
  for (size_t r = 0; r < rows; ++r) {
    sql += r ? ", (" : "(";
    for (int c = 0; c < columns; ++c)
      sql += (c ? ", $" : "$") + std::to_string(++n);
    sql += ")";
  }
  return sql;
}

int64_t Signed(uint64_t v) { return static_cast<int64_t>(v); }

class SqlEventStore : public EventStore {
 public:
  explicit SqlEventStore(std::unique_ptr<SqlDatabase> db)
      : db_(std::move(db)) {}

  /// Creates the tables in a new database, checks the version of an old one.
  Status Prepare(const std::string& where) {
    RETURN_IF_ERROR(
        db_->Execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY,"
                     " value TEXT NOT NULL)"));
    std::optional<std::string> version;
    RETURN_IF_ERROR(
        db_->Query("SELECT value FROM meta WHERE key = 'schema_version'", {},
                   [&](const SqlRow& row) {
                     version = row.Text(0);
                     return Status::Ok();
                   }));
    const std::string ours = std::to_string(kEventSchemaVersion);
    if (version && *version != ours)
      return Unsupported(where + ": event schema version " + *version +
                         ", this protolm reads version " + ours +
                         "; use a new database or a matching protolm");
    if (version) return Status::Ok();
    return InTransaction([&]() -> Status {
      RETURN_IF_ERROR(db_->Execute(SchemaSql(db_->bytes_type())));
      const SqlValue params[] = {ours};
      return db_->Query(
          "INSERT INTO meta (key, value) VALUES ('schema_version', $1)"
          " ON CONFLICT (key) DO NOTHING",
          params, nullptr);
    });
  }

  std::string_view engine() const override { return db_->engine(); }

  Status Append(std::span<const Event> events) override {
    RETURN_IF_ERROR(db_->Reconnect());
    return InTransaction([&]() -> Status {
      std::vector<const ExchangeDone*> exchanges;
      std::vector<const ScanRecognised*> scans;
      for (const Event& event : events) {
        if (const auto* e = std::get_if<ExchangeDone>(&event)) {
          exchanges.push_back(e);
        } else if (const auto* s = std::get_if<ScanRecognised>(&event)) {
          scans.push_back(s);
        } else if (const auto* o = std::get_if<ConnectionOpened>(&event)) {
          const SqlValue params[] = {o->run_id,
                                     Signed(o->connection),
                                     o->time_us,
                                     o->honeypot,
                                     o->protocol,
                                     o->local_address,
                                     int64_t{o->local_port},
                                     o->peer_address,
                                     int64_t{o->peer_port}};
          RETURN_IF_ERROR(db_->Query(kInsertOpened, params, nullptr));
        } else {
          const auto& c = std::get<ConnectionClosed>(event);
          const SqlValue params[] = {c.run_id, Signed(c.connection), c.time_us,
                                     c.reason, Signed(c.requests)};
          RETURN_IF_ERROR(db_->Query(kInsertClosed, params, nullptr));
        }
      }
      RETURN_IF_ERROR(InsertExchanges(exchanges));
      return InsertScans(scans);
    });
  }

  Result<uint64_t> CountExchanges() override {
    uint64_t count = 0;
    RETURN_IF_ERROR(db_->Query("SELECT COUNT(*) FROM exchanges", {},
                               [&](const SqlRow& row) {
                                 count = static_cast<uint64_t>(row.Int(0));
                                 return Status::Ok();
                               }));
    return count;
  }

  Status ListExchanges(
      std::optional<int64_t> since_us,
      const std::function<Status(const ExchangeRow&)>& visit) override {
    // Keyset pages keep memory bounded on both engines (libpqxx would
    // otherwise hold a whole result).
    SqlValue after[4] = {kAllTime, std::string(), kAllTime, kAllTime};
    for (;;) {
      const SqlValue params[] = {since_us.value_or(kAllTime),
                                 after[0],
                                 after[1],
                                 after[2],
                                 after[3],
                                 kRowsPerPage};
      int64_t rows = 0;
      ExchangeRow current;
      RETURN_IF_ERROR(db_->Query(kSelectExchanges, params,
                                 [&](const SqlRow& row) -> Status {
                                   ++rows;
                                   ReadExchange(row, current);
                                   return visit(current);
                                 }));
      if (rows < kRowsPerPage) return Status::Ok();
      const ExchangeDone& last = current.exchange;
      after[0] = last.time_us;
      after[1] = last.run_id;
      after[2] = Signed(last.connection);
      after[3] = Signed(last.sequence);
    }
  }

  Result<std::vector<ScanRecognised>> ListScans(
      std::optional<int64_t> since_us) override {
    std::vector<ScanRecognised> scans;
    const SqlValue params[] = {since_us.value_or(kAllTime)};
    RETURN_IF_ERROR(db_->Query(
        "SELECT run_id, connection, time_us, peer_address, signature, detail"
        " FROM scans WHERE time_us >= $1"
        " ORDER BY time_us, run_id, connection, signature",
        params, [&](const SqlRow& row) {
          scans.push_back({row.Text(0), static_cast<uint64_t>(row.Int(1)),
                           row.Int(2), row.Text(3), row.Text(4), row.Text(5)});
          return Status::Ok();
        }));
    return scans;
  }

  Result<std::vector<TallyRow>> Count(
      Tally what, std::optional<int64_t> since_us) override {
    std::vector<TallyRow> rows;
    const SqlValue params[] = {since_us.value_or(kAllTime)};
    RETURN_IF_ERROR(db_->Query(TallySql(what), params, [&](const SqlRow& row) {
      rows.push_back(
          {row.Text(0), row.Text(1), static_cast<uint64_t>(row.Int(2))});
      return Status::Ok();
    }));
    // Sorted here, not in SQL: PostgreSQL's collation and SQLite's byte
    // order would rank equal counts differently.
    std::sort(rows.begin(), rows.end(),
              [](const TallyRow& a, const TallyRow& b) {
                if (a.count != b.count) return a.count > b.count;
                if (a.key != b.key) return a.key < b.key;
                return a.subkey < b.subkey;
              });
    return rows;
  }

  Result<SessionTotals> Sessions(std::optional<int64_t> since_us) override {
    SessionTotals totals;
    const SqlValue params[] = {since_us.value_or(kAllTime)};
    RETURN_IF_ERROR(db_->Query(
        "SELECT COUNT(*), COUNT(closed_us), SUM(CASE WHEN closed_us IS NULL"
        " THEN 0 ELSE closed_us - opened_us END)"
        " FROM connections WHERE opened_us >= $1",
        params, [&](const SqlRow& row) {
          totals.sessions = static_cast<uint64_t>(row.Int(0));
          totals.closed = static_cast<uint64_t>(row.Int(1));
          totals.closed_duration_us = row.Int(2);
          return Status::Ok();
        }));
    return totals;
  }

 private:
  Status InTransaction(const std::function<Status()>& body) {
    RETURN_IF_ERROR(
        db_->Execute(db_->engine() == "sqlite" ? "BEGIN IMMEDIATE" : "BEGIN"));
    Status st = body();
    if (st.ok()) st = db_->Execute("COMMIT");
    if (!st.ok()) (void)db_->Execute("ROLLBACK");  // the first error matters
    return st;
  }

  Status InsertExchanges(const std::vector<const ExchangeDone*>& exchanges) {
    std::vector<SqlValue> params;
    for (size_t start = 0; start < exchanges.size(); start += kRowsPerInsert) {
      size_t n = std::min(kRowsPerInsert, exchanges.size() - start);
      params.clear();
      for (size_t i = start; i < start + n; ++i) {
        const ExchangeDone& e = *exchanges[i];
        params.insert(params.end(),
                      {e.run_id, Signed(e.connection), Signed(e.sequence),
                       e.time_us, e.protocol, e.request, e.response, e.summary,
                       e.fields_json, e.function, int64_t{e.write_attempted},
                       int64_t{e.valid}, e.guard_action, e.latency_us});
      }
      RETURN_IF_ERROR(
          db_->Query(kExchangeInsertHead + ValuesList(n, kExchangeColumns),
                     params, nullptr));
    }
    return Status::Ok();
  }

  Status InsertScans(const std::vector<const ScanRecognised*>& scans) {
    std::vector<SqlValue> params;
    for (size_t start = 0; start < scans.size(); start += kRowsPerInsert) {
      size_t n = std::min(kRowsPerInsert, scans.size() - start);
      params.clear();
      for (size_t i = start; i < start + n; ++i) {
        const ScanRecognised& s = *scans[i];
        params.insert(params.end(), {s.run_id, Signed(s.connection), s.time_us,
                                     s.peer_address, s.signature, s.detail});
      }
      RETURN_IF_ERROR(db_->Query(kScanInsertHead + ValuesList(n, kScanColumns),
                                 params, nullptr));
    }
    return Status::Ok();
  }

  static void ReadExchange(const SqlRow& row, ExchangeRow& out) {
    ExchangeDone& e = out.exchange;
    e.run_id = row.Text(0);
    e.connection = static_cast<uint64_t>(row.Int(1));
    e.sequence = static_cast<uint64_t>(row.Int(2));
    e.time_us = row.Int(3);
    e.protocol = row.Text(4);
    e.request = row.Blob(5);
    e.response = row.Blob(6);
    e.summary = row.Text(7);
    e.fields_json = row.Text(8);
    e.function = row.Text(9);
    e.write_attempted = row.Int(10) != 0;
    e.valid = row.Int(11) != 0;
    e.guard_action = row.Text(12);
    e.latency_us = row.Int(13);
    out.peer_address = row.Text(14);
    out.peer_port = static_cast<uint16_t>(row.Int(15));
  }

  static std::string TallySql(Tally what) {
    const std::string by_source =
        "SELECT COALESCE(c.peer_address, ''), '', COUNT(*)"
        " FROM exchanges e LEFT JOIN connections c"
        " ON c.run_id = e.run_id AND c.connection = e.connection"
        " WHERE e.time_us >= $1";
    switch (what) {
      case Tally::kConnectionsBySource:
        return "SELECT peer_address, '', COUNT(*) FROM connections"
               " WHERE opened_us >= $1 GROUP BY peer_address";
      case Tally::kRequestsBySource:
        return by_source + " GROUP BY 1";
      case Tally::kRequestsByFunction:
        return "SELECT protocol, function, COUNT(*) FROM exchanges"
               " WHERE time_us >= $1 GROUP BY protocol, function";
      case Tally::kWritesBySource:
        return by_source + " AND e.write_attempted = 1 GROUP BY 1";
      case Tally::kScansBySignature:
        return "SELECT signature, peer_address, COUNT(*) FROM scans"
               " WHERE time_us >= $1 GROUP BY signature, peer_address";
      case Tally::kGuardActions:
        return "SELECT guard_action, '', COUNT(*) FROM exchanges"
               " WHERE time_us >= $1 AND guard_action <> ''"
               " GROUP BY guard_action";
      case Tally::kInvalidResponses:
        return "SELECT '', '', COUNT(*) FROM exchanges"
               " WHERE time_us >= $1 AND valid = 0";
    }
    return "";
  }

  std::unique_ptr<SqlDatabase> db_;
};

}  // namespace

bool IsPostgresUrl(const std::string& where) {
  return where.rfind("postgresql://", 0) == 0 ||
         where.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<EventStore>> OpenEventStore(const std::string& where) {
  const bool postgres = IsPostgresUrl(where);
  ASSIGN_OR_RETURN(
      std::unique_ptr<SqlDatabase> db,
      postgres ? OpenPostgresDatabase(where) : OpenSqliteDatabase(where));
  auto store = std::make_unique<SqlEventStore>(std::move(db));
  const std::string name = postgres ? RedactUrl(where) : where;
  Status prepared = store->Prepare(name);
  // Two honeypots creating one fleet database at once may collide on
  // CREATE TABLE; the second attempt sees the tables.
  if (!prepared.ok() && prepared.code() != StatusCode::kUnsupported)
    prepared = store->Prepare(name);
  RETURN_IF_ERROR(prepared);
  return std::unique_ptr<EventStore>(std::move(store));
}

}  // namespace protolm::events
