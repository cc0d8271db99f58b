// The trace data model: sessions and the application messages they carry.
//
// A Session is one transport connection (one TCP flow) between a client and a
// server. A Message is one application PDU in it: when it was seen, which way
// it went, its bytes exactly as on the wire, and what its codec made of it.
// Messages and sessions are plain values owned by whoever holds them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "proto/codec.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

struct Endpoint {
  std::string ip;  // "10.0.0.1", "fe80::1"
  uint16_t port = 0;

  /// "10.0.0.1:502", "[fe80::1]:502".
  std::string ToString() const;
};

/// The endpoint ToString() printed; Malformed for other text (no port, a
/// port beyond 65535, an empty address). The address is not checked further.
Result<Endpoint> ParseEndpoint(std::string_view text);

struct Session {
  uint64_t id = 0;       // 1, 2, ... in order of the connection's first packet
  std::string protocol;  // codec name, "" if no codec claimed the flow
  Endpoint client;
  Endpoint server;
  bool saw_handshake = false;  // false: the capture began mid-connection
};

struct Message {
  uint64_t session_id = 0;
  int64_t time_us = 0;  // capture timestamp of the segment that completed it
  Direction direction = Direction::kClientToServer;
  Bytes bytes;             // the PDU as on the wire
  Dissection dissection;   // role/function/pair key, validity; the tree
                           // only where the producer dissected fully
};

}  // namespace protolm
