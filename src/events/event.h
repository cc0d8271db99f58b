// The records of what happens on a honeypot: connections opened and closed,
// request/response exchanges and recognised scans.
//
// The honeypot server fills these and posts them to an EventLog
// (event_log.h), which stores them in an EventStore (event_store.h). A
// record is a plain value, safe to copy and to move between threads.
// `run_id` names one honeypot process run, unique across a fleet, so
// (run_id, connection) is a fleet-wide key of a connection and (run_id,
// connection, sequence) of an exchange. Times are microseconds since the
// Unix epoch (UTC).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>

#include "proto/decoded_request.h"
#include "util/bytes.h"

namespace protolm::events {

struct ConnectionOpened {
  std::string run_id;
  uint64_t connection = 0;
  int64_t time_us = 0;
  std::string honeypot;  // the honeypot's name (profile, model, ...)
  std::string protocol;  // "modbus", "s7comm"
  std::string local_address;
  uint16_t local_port = 0;
  std::string peer_address;
  uint16_t peer_port = 0;
};

struct ExchangeDone {
  std::string run_id;
  uint64_t connection = 0;
  uint64_t sequence = 0;  // 0, 1, ... within the connection
  int64_t time_us = 0;    // when the request arrived
  std::string protocol;
  Bytes request;
  /// `request` as the server decoded it, shared so the writer reads its
  /// dissection instead of making another; null: the writer dissects.
  std::shared_ptr<const DecodedRequest> decoded;
  Bytes response;           // empty: no answer was sent
  std::string summary;      // codec Abstract of the request
  std::string fields_json;  // dissected request fields (a JSON object)
  std::string function;     // "3", "43/14", "read_var", ...
  bool write_attempted = false;
  bool valid = false;        // the response passed the validity check
  std::string guard_action;  // "" = none
  int64_t latency_us = 0;    // request arrival to response sent
};

struct ConnectionClosed {
  std::string run_id;
  uint64_t connection = 0;
  int64_t time_us = 0;
  std::string reason;  // "peer closed", "idle timeout", "shutdown", ...
  uint64_t requests = 0;
};

struct ScanRecognised {
  std::string run_id;
  uint64_t connection = 0;
  int64_t time_us = 0;
  std::string peer_address;
  std::string signature;  // "nmap-modbus-discover", ... (scan_detector.h)
  std::string detail;     // what was seen, one line
};

using Event = std::variant<ConnectionOpened, ExchangeDone, ConnectionClosed,
                           ScanRecognised>;

/// A new run id: "<hostname>-<pid>-<start time, UTC>-<8 random hex digits>",
/// e.g. "hp1-4711-20261121T130000Z-9f2c01ab". Thread-safe.
std::string NewRunId();

/// Microseconds since the Unix epoch, now (system clock).
int64_t NowMicros();

}  // namespace protolm::events
