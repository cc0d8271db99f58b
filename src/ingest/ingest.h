// Ingestion: a capture file in, dissected and paired exchanges out.
//
// The capture source (capture_source.h) gives one trace per TCP flow a codec
// claims and one event per framed, inspected PDU; ingest pairs each trace's
// PDUs into exchanges by the protocol's own key. Exchanges reach the callback
// session by session, in order, as soon as they are complete, so memory stays
// bounded on large captures. Single-threaded.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "capture/capture_reader.h"
#include "ingest/key_logs.h"
#include "trace/exchange.h"
#include "util/status.h"

namespace protolm {

struct IngestOptions {
  /// A codec name ("modbus", "s7comm") or "auto".
  std::string protocol = "auto";
  /// Secrets to decrypt sessions with (--keylog); nullptr: none.
  std::shared_ptr<const KeyLogs> key_logs;
  /// Called for each capture warning (one line of text, already located).
  std::function<void(const std::string&)> on_warning;
  /// Called now and then with the capture file offset reached.
  std::function<void(int64_t file_offset)> on_progress;
};

struct IngestSummary {
  CaptureStats capture;
  uint64_t sessions = 0;    // TCP flows a codec claimed
  uint64_t pdus = 0;        // application PDUs, both directions
  uint64_t requests = 0;    // application PDUs that ask
  uint64_t responses = 0;   // application PDUs that answer
  uint64_t events = 0;      // one-way application PDUs
  uint64_t control = 0;     // transport housekeeping units (COTP connect)
  uint64_t exchanges = 0;   // records handed to the callback
  uint64_t malformed = 0;   // PDUs whose dissection found a fault
  uint64_t unanswered = 0;  // requests without a response
  uint64_t orphans = 0;     // responses without a request
  uint64_t skipped_bytes = 0;  // stream bytes no PDU could be framed from
  uint64_t resyncs = 0;        // times framing had to resynchronise
  uint64_t decrypted_sessions = 0;  // sessions with a unit decrypted

  /// The summary as one JSON object (keys documented in docs/ingest.md).
  nlohmann::json ToJson() const;
};

using ExchangeCallback =
    std::function<Status(const Exchange& exchange, const Session& session)>;

/// Ingests `path`. A fatal capture problem or an unknown protocol name is an
/// error; malformed traffic is counted and reported through on_warning. The
/// first error returned by `on_exchange` stops output and is returned.
Result<IngestSummary> IngestCapture(const std::string& path,
                                    const IngestOptions& options,
                                    const ExchangeCallback& on_exchange);

}  // namespace protolm
