// EventStore: where a honeypot's events are kept, and the questions
// `protolm events` asks of them.
//
// Two back ends with identical tables: SQLite (one file, WAL; the default)
// and PostgreSQL (a fleet of honeypots writing to one database). The schema
// is versioned in a `meta` table (key 'schema_version'); a database of
// another version is refused, not migrated. Tables:
//   connections (run_id, connection) key; opened_us, honeypot, protocol,
//               local/peer address and port; closed_us, close_reason,
//               requests once closed (NULL while open)
//   exchanges   one row per request/response (bytes as BLOB/BYTEA), with
//               the dissected fields, function, validity and guard action
//   scans       one row per recognised scan signature
// A store is used by one thread at a time (the EventLog's writer, or a
// reading command); several processes may share one database.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "events/event.h"
#include "util/status.h"

namespace protolm::events {

/// The schema version this build reads and writes.
inline constexpr int kEventSchemaVersion = 1;

/// An exchange with the address of the peer that sent the request.
struct ExchangeRow {
  ExchangeDone exchange;
  std::string peer_address;  // "" when its connection was not recorded
  uint16_t peer_port = 0;
};

/// Counts grouped by one or two keys (see Tally).
struct TallyRow {
  std::string key;
  std::string subkey;
  uint64_t count = 0;
};

/// The groupings the summary needs; `since` applies to the time of the
/// counted record (connection opened, exchange, scan).
enum class Tally {
  kConnectionsBySource,  // key = peer address
  kRequestsBySource,     // key = peer address
  kRequestsByFunction,   // key = protocol, subkey = function
  kWritesBySource,       // key = peer address (write_attempted exchanges)
  kScansBySignature,     // key = signature, subkey = peer address
  kGuardActions,         // key = guard action (non-empty ones)
  kInvalidResponses,     // one row, key "" (exchanges with valid = false)
};

/// Connections (sessions) opened since the cut-off.
struct SessionTotals {
  uint64_t sessions = 0;           // connections opened
  uint64_t closed = 0;             // of which closed
  int64_t closed_duration_us = 0;  // sum of the closed ones' durations
};

class EventStore {
 public:
  virtual ~EventStore() = default;

  /// "sqlite" or "postgresql".
  virtual std::string_view engine() const = 0;
  /// Stores `events` in one transaction: all or none. A ConnectionClosed
  /// completes the row its ConnectionOpened made (either may come first).
  /// (run_id, connection, sequence) should be unique per exchange; the store
  /// does not enforce it. On a lost PostgreSQL connection the next call
  /// reconnects first.
  virtual Status Append(std::span<const Event> events) = 0;
  /// Exchanges stored (all runs).
  virtual Result<uint64_t> CountExchanges() = 0;
  /// Exchanges at or after `since_us` (all when absent) in time order, with
  /// their peer; memory stays bounded (rows are streamed to `visit`). A
  /// non-ok status from `visit` stops the listing and is returned.
  virtual Status ListExchanges(
      std::optional<int64_t> since_us,
      const std::function<Status(const ExchangeRow&)>& visit) = 0;
  /// Recognised scans at or after `since_us`, in time order.
  virtual Result<std::vector<ScanRecognised>> ListScans(
      std::optional<int64_t> since_us) = 0;
  /// Grouped counts, largest first (ties by key).
  virtual Result<std::vector<TallyRow>> Count(
      Tally what, std::optional<int64_t> since_us) = 0;
  virtual Result<SessionTotals> Sessions(std::optional<int64_t> since_us) = 0;
};

/// True for "postgresql://..." and "postgres://..." locations.
bool IsPostgresUrl(const std::string& where);

/// Opens the store at `where`: a PostgreSQL URL, or else a SQLite file
/// (created with the schema when new). Creates the tables if the database
/// has none; refuses a database whose schema_version differs ("events.sqlite:
/// event schema version 7, this protolm reads version 1") or that is not a
/// database at all. Errors are one line naming `where` (password hidden).
Result<std::unique_ptr<EventStore>> OpenEventStore(const std::string& where);

}  // namespace protolm::events
