// The response validity check behind RVA for Modbus/TCP: does a response
// (real or predicted) answer its request the way a device under the given
// rules must?
//
// Unlike LLMPot's validator, which read the request's length field and never
// asked whether an exception was due, this one checks the response itself:
// it must decode strictly (its own MBAP length equals its bytes, byte counts
// agree with the data), echo the transaction, protocol and unit ids, answer
// the request's function (plain, or with the exception bit), carry exactly
// the items the request asked for (byte count against quantity, zero padding
// bits, write echoes, device identification read code and objects), and be
// an exception exactly when one is due, with the code that is due
// (ExpectedModbusOutcome). An empty response is valid only where no answer
// is due. Pure and thread-safe.
#pragma once

#include "proto/modbus/modbus_request.h"
#include "proto/modbus/modbus_rules.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::modbus {

/// Ok when `response` (a whole ADU, or empty for "no answer") is a valid
/// answer to the ADU `request`; otherwise a Malformed status whose message is
/// one line naming the first fault ("transaction id 0x0007 does not echo the
/// request's 0x0001").
Status ValidateModbusResponse(const ModbusRequest& request, ByteView response,
                              const ModbusRules& rules);
/// The same for a request not yet decoded.
inline Status ValidateModbusResponse(ByteView request, ByteView response,
                                     const ModbusRules& rules) {
  return ValidateModbusResponse(ModbusRequest(request), response, rules);
}

}  // namespace protolm::modbus
