// DescribeRequest: what a honeypot stores about a request besides its
// bytes, from the protocol table (proto/protocol.h): the codec's abstract
// summary and dissected fields, and the protocol's account of the function
// and whether it tries to change the device (Protocol::IntentOf).
//
// Pure and thread-safe (the codecs are stateless). Requests are untrusted
// bytes: a malformed one gives the facts that could be read and its error.
#pragma once

#include <string>
#include <string_view>

#include "proto/decoded_request.h"
#include "util/bytes.h"

namespace protolm::events {

struct RequestFacts {
  /// The codec's Abstract at depth 3: "modbus.req unit_id=1 function_code=3
  /// address=0 quantity=2".
  std::string summary;
  /// Leaf fields as one JSON object, keyed by their dotted path in the
  /// tree ("mbap.unit_id": 1, "function_code": 3, ...); a path seen more
  /// than once holds an array. Numbers are JSON numbers, the rest text.
  std::string fields_json = "{}";
  /// The function as the protocol names it (Protocol::IntentOf; Modbus: the
  /// code in decimal, "43/14" with the MEI type; S7comm: the codec's
  /// function name). "" when unreadable.
  std::string function;
  /// The request asks to change the device (Protocol::IntentOf; Modbus FC
  /// 5, 6, 15, 16, 21, 22, 23; S7 write_var, downloads, plc_control,
  /// plc_stop; never for a protocol that says nothing of it).
  bool write_attempted = false;
  /// The codec dissected the request without fault.
  bool well_formed = false;
  /// The codec's one-line error when not well formed (or "unknown protocol
  /// X" for a protocol no codec handles).
  std::string error;
};

/// Facts about `request`, one client-to-server PDU of `protocol` ("modbus",
/// "s7comm"), read through its dissection (made once, shared with scan
/// detection).
RequestFacts DescribeRequest(std::string_view protocol,
                             const DecodedRequest& request);
/// The same for a framed request not yet decoded.
RequestFacts DescribeRequest(std::string_view protocol, ByteView request);

}  // namespace protolm::events
