// The seam between a framed TCP server and the protocols it serves.
//
// The server (framed_server.h) accepts TCP connections, frames the byte
// stream with a handler's codec and hands each complete PDU to that
// connection's ProtocolSession, sending back what the session replies. A
// ProtocolHandler is one protocol of one served device: the reference
// simulator's Modbus/TCP and S7comm (src/device/) or a learned clone
// (src/honeypot/). It makes one session per connection, so per-connection
// state (COTP connected, negotiated PDU size, the model's context) lives in
// the session while device memory lives with the handler.
//
// Threading: a session is only ever used on its connection's strand (one
// call at a time). NewSession and whatever sessions share through their
// handler must be thread-safe when the server runs more than one thread
// (ServerOptions::threads); with one thread nothing needs locks.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "proto/codec.h"
#include "proto/decoded_request.h"
#include "util/bytes.h"

namespace protolm::net {

/// What the server does after handling one framed request.
struct Reply {
  Reply() = default;
  Reply(Bytes bytes_to_send, bool close)
      : bytes(std::move(bytes_to_send)), close_after(close) {}

  Bytes bytes;               // sent as is; empty: send nothing
  bool close_after = false;  // close the connection once `bytes` are sent
  /// For the event record: whether the handler's own answer passed the
  /// protocol's validity check, and what its guard did when it did not
  /// ("" = nothing; e.g. "fallback"). The reference simulator's answers are
  /// valid by definition.
  bool valid = true;
  std::string guard_action;
  /// The request as the handler decoded it, for the event record and scan
  /// detection to read; null when the handler made none (they decode).
  std::shared_ptr<const DecodedRequest> request;
};

/// One client connection's protocol state. Owned by the server's connection.
class ProtocolSession {
 public:
  virtual ~ProtocolSession() = default;
  /// Handles one PDU as framed by the handler's codec (Frame said kFrame).
  /// Must not throw; bad PDUs get a protocol-correct error reply or
  /// close_after.
  virtual Reply Handle(ByteView framed_request) = 0;
};

/// One protocol of one served device: its codec (for framing) and a session
/// factory. Owned by the server; outlives every session it made.
class ProtocolHandler {
 public:
  virtual ~ProtocolHandler() = default;
  virtual const Codec& codec() const = 0;
  /// `peer` is "address:port", for log lines.
  virtual std::unique_ptr<ProtocolSession> NewSession(
      const std::string& peer) = 0;
};

}  // namespace protolm::net
