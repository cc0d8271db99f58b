// Reading a JSONL dataset back: the records `protolm ingest` and
// `protolm probe` write (exchange_writer.h, probe/probe_recorder.h; the
// format is docs/dataset-format.md).
//
// Every non-blank line must be a JSON object. `request` and `response` are
// lower-case hex (null, missing or "" = absent); `protocol` defaults to the
// codec whose content detection finds the request (else the response) most
// likely (proto/registry/codec_registry.h), "" when none claims it;
// `function` to "unknown"; `id` is kept as text (a number is printed);
// `context`, when present, is the list of previous exchanges
// [{"request": hex, "response": hex}, ...] oldest first. Errors name the file
// and line ("data.jsonl:12: 'request': odd number of hex digits"). Pure
// functions; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "util/byte_exchange.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

struct DatasetRecord {
  std::string where;  // "file:line" for messages
  std::string id;     // "" when the record has none
  std::string protocol;
  std::string function;
  uint64_t session = 0;  // 0: the record names no session
  uint64_t index = 0;
  bool control = false;
  std::string client;  // "ip:port" as written; "" when absent
  std::string server;
  Bytes request;   // empty: the exchange has no request (orphan, event)
  Bytes response;  // empty: unanswered
  std::optional<int64_t> request_time_us;  // absent when null or missing
  std::optional<int64_t> response_time_us;
  /// The record's own `context` list, when it carries one.
  std::optional<std::vector<ByteExchange>> context;
};

/// Called with each non-blank line's number (from 1) and its record, or the
/// line's error; a non-ok return stops the reading.
using DatasetLineVisitor =
    std::function<Status(uint64_t line, Result<DatasetRecord> record)>;

/// Reads the JSONL file at `path` one line at a time (memory: one line),
/// calling `visit` in file order. Returns the first error `visit` returns;
/// IoError when the file cannot be opened.
Status VisitDataset(const std::string& path, const DatasetLineVisitor& visit);

/// All records of the JSONL file at `path`, in file order; the first bad
/// line is the error.
Result<std::vector<DatasetRecord>> ReadDataset(const std::string& path);

}  // namespace protolm
