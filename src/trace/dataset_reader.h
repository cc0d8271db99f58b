// Reading a JSONL dataset back: the records `protolm ingest` and
// `protolm probe` write (exchange_writer.h, probe/probe_recorder.h).
//
// Every non-blank line must be a JSON object. `request` and `response` are
// lower-case hex (null, missing or "" = absent); `protocol` defaults to a
// guess from the request's bytes ("s7comm" for a TPKT header, else
// "modbus"); `function` to "unknown"; `id` is kept as text (a number is
// printed); `context`, when present, is the list of previous exchanges
// [{"request": hex, "response": hex}, ...] oldest first. Errors name the file
// and line ("data.jsonl:12: 'request': odd number of hex digits"). Pure
// functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/byte_exchange.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

/// A `context` item: the exchange type the LM takes (util/byte_exchange.h),
/// under the name src/clone's tests use.
using DatasetExchange = ByteExchange;

struct DatasetRecord {
  std::string where;  // "file:line" for messages
  std::string id;     // "" when the record has none
  std::string protocol;
  std::string function;
  uint64_t session = 0;
  uint64_t index = 0;
  bool control = false;
  Bytes request;   // empty: the exchange has no request (orphan, event)
  Bytes response;  // empty: unanswered
  /// The record's own `context` list, when it carries one.
  std::optional<std::vector<ByteExchange>> context;
};

/// All records of the JSONL file at `path`, in file order.
Result<std::vector<DatasetRecord>> ReadDataset(const std::string& path);

}  // namespace protolm
