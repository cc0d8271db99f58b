// The Modbus/TCP response grammar of one request, as a prefix oracle for
// constrained decoding.
//
// Built from the REQUEST, the specification and the device rules it is given
// (by default none: modbus::ModbusRules{}; a clone passes the rules it learned
// from its probe, learned_modbus_rules.h), it admits exactly the responses the
// metrics validator accepts under those rules: the MBAP header
// echoes transaction, protocol and unit id, its length matches what follows,
// the function is echoed, or answered with the exception bit and a code the
// specification allows for this request (the one due when a range is broken,
// else 01-04). A normal answer has the shape its function prescribes: read
// byte counts from the requested quantity (bits with zero padding), write
// echoes, diagnostics echoes, file record blocks matching the
// sub-requests, FIFO counts, device identification objects with consistent
// counts, lengths, ascending ids of the requested category. What a device
// would decide — exception or not, which code, data values, identification
// strings — is left to the model, or to the rules when they know it (for an
// identification request the device answered before, its whole answer). A request that does not decode gets the
// answers spec section 7 allows (exception 03, or 01 for an undefined
// function, echoing its header); one too short to answer, or not Modbus,
// gets the empty response. Immutable; Allowed is thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "proto/prefix_walker.h"
#include "proto/response_constraint.h"
#include "proto/modbus/modbus_request.h"
#include "proto/modbus/modbus_rules.h"
#include "proto/modbus/pdu.h"
#include "util/bytes.h"

namespace protolm::modbus {

/// The largest Modbus/TCP ADU (spec: 260 bytes).
inline constexpr size_t kMaxModbusAdu = 260;

class ModbusResponseConstraint final : public ResponseConstraint {
 public:
  /// `request` is one whole ADU (copied where needed). Responses longer than
  /// `max_response_bytes` are not admitted; when no answer fits, only the
  /// empty response is. `rules` decide which outcome is due (only read
  /// during construction).
  explicit ModbusResponseConstraint(const ModbusRequest& request,
                                    size_t max_response_bytes = kMaxModbusAdu,
                                    const modbus::ModbusRules& rules = {});
  /// The same for a request not yet decoded.
  explicit ModbusResponseConstraint(ByteView request,
                                    size_t max_response_bytes = kMaxModbusAdu,
                                    const modbus::ModbusRules& rules = {})
      : ModbusResponseConstraint(ModbusRequest(request), max_response_bytes,
                                 rules) {}

  void Allowed(ByteView produced, AllowedTokens* out) const override;

 private:
  void WalkNormalBody(PrefixWalker& w, size_t body) const;
  void WalkDeviceId(PrefixWalker& w, size_t body) const;

  bool answerable_ = false;  // false: only the empty response
  Bytes echoed_header_;      // transaction id and protocol id
  uint8_t unit_id_ = 0;
  uint8_t function_ = 0;            // the request's function byte
  ByteSet exception_codes_;         // codes an exception may carry
  std::vector<bool> body_sizes_;    // normal PDU sizes less the function byte
  std::vector<bool> mbap_lengths_;  // every length an admitted answer has
  std::optional<modbus::Request> request_;  // when the request decodes
  Bytes request_body_;  // request PDU bytes after the function code
  /// The normal body (after the function code) the rules know for this
  /// request (ModbusRules::identity_answers); empty when they do not.
  Bytes known_body_;
};

}  // namespace protolm::modbus
