// Dataset writers: one record per exchange, as JSONL (native) or CSV.
//
// JSONL record keys: session, index, protocol, function, status, control,
// malformed, client, server, request, response (lower-case hex; null when the
// exchange has no such message), request_time_us, response_time_us.
// CSV starts with LLMPot's `request,response` hex columns, then session, index,
// protocol, function, status. A writer owns its output file; not thread-safe.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "trace/exchange.h"
#include "util/status.h"

namespace protolm {

enum class DatasetFormat { kJsonl, kCsv };

/// "jsonl" / "csv" → format; anything else is an InvalidArgument error.
Result<DatasetFormat> ParseDatasetFormat(const std::string& name);

/// The JSONL record of one exchange of `session`.
nlohmann::json ExchangeToJson(const Exchange& exchange, const Session& session);

class ExchangeWriter {
 public:
  virtual ~ExchangeWriter() = default;
  virtual Status Write(const Exchange& exchange, const Session& session) = 0;
  /// Flushes and closes; reports a failed write (disk full) here at the latest.
  virtual Status Close() = 0;
};

/// Opens `path` for writing ("-" = standard output).
Result<std::unique_ptr<ExchangeWriter>> OpenExchangeWriter(
    DatasetFormat format, const std::string& path);

}  // namespace protolm
