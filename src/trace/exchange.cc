// Exchange helpers (see exchange.h).
#include "trace/exchange.h"

namespace protolm {

const char* ExchangeStatusName(ExchangeStatus s) {
  switch (s) {
    case ExchangeStatus::kNormal: return "normal";
    case ExchangeStatus::kException: return "exception";
    case ExchangeStatus::kUnanswered: return "unanswered";
    case ExchangeStatus::kOrphan: return "orphan";
    case ExchangeStatus::kEvent: return "event";
    case ExchangeStatus::kMalformed: return "malformed";
  }
  return "unknown";
}

int64_t Exchange::start_us() const {
  if (request) return request->time_us;
  if (response) return response->time_us;
  return 0;
}

}  // namespace protolm
