// STATUS: stable
// The seam between the device server and the protocols it serves.
//
// The server (device_server.h) accepts TCP connections, frames the byte
// stream with a handler's codec and hands each complete PDU to that
// connection's ProtocolSession, sending back what the session replies. A
// ProtocolHandler is one protocol of one device (Modbus/TCP in
// modbus_handler.h, S7comm in device/s7/); it makes one session per
// connection, so per-connection state (COTP connected, negotiated PDU size)
// lives in the session while device memory lives in DeviceState.
//
// Threading: the server runs every handler and session on ONE thread (a
// single asio::io_context), so sessions and DeviceState need no locks; none
// of these objects may be used from another thread while the server runs.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "proto/codec.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::device {

class DeviceState;
struct DeviceProfile;

/// What the server does after handling one framed request.
struct Reply {
  Bytes bytes;               // sent as is; empty: send nothing
  bool close_after = false;  // close the connection once `bytes` are sent
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

/// One protocol of one device: its codec (for framing) and a session
/// factory. Owned by the server; outlives every session it made.
class ProtocolHandler {
 public:
  virtual ~ProtocolHandler() = default;
  virtual const Codec& codec() const = 0;
  /// `peer` is "address:port", for log lines.
  virtual std::unique_ptr<ProtocolSession> NewSession(
      const std::string& peer) = 0;
};

/// Makes a handler for `profile` working on `state` (which outlives it).
/// Errors: the profile lacks what the protocol needs (InvalidArgument).
using HandlerFactory = std::function<Result<std::unique_ptr<ProtocolHandler>>(
    const DeviceProfile& profile, DeviceState& state)>;

}  // namespace protolm::device
