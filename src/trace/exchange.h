// Exchanges: a request and the response that answers it.
//
// Requests are paired with responses by the protocol's own key (PduInfo::
// pair_key: Modbus transaction + unit id, S7 PDU reference), never by TCP
// acknowledgements. What does not pair is kept: a request nobody answered, a
// response to a request the capture does not hold, an unsolicited event.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "trace/message.h"

namespace protolm {

enum class ExchangeStatus : uint8_t {
  kNormal,      // request and a regular response
  kException,   // request and an error response (Modbus exception, S7 error)
  kUnanswered,  // request without response
  kOrphan,      // response without request (e.g. the capture began after it)
  kEvent,       // a one-way PDU (S7 userdata push, cyclic data)
  kMalformed,   // a PDU that could not be dissected far enough to pair
};

/// "normal", "exception", "unanswered", "orphan", "event", "malformed".
const char* ExchangeStatusName(ExchangeStatus s);

struct Exchange {
  uint64_t session_id = 0;
  size_t index = 0;       // 0, 1, ... within the session, in order of first message
  std::string function;   // the request's function, else the response's
  bool control = false;   // transport housekeeping (COTP connect), not application data
  ExchangeStatus status = ExchangeStatus::kNormal;
  std::optional<Message> request;
  std::optional<Message> response;

  /// Time of the first message of the exchange.
  int64_t start_us() const;
};

}  // namespace protolm
