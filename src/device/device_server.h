// STATUS: stable
// The reference device server: a profile's protocols on TCP sockets.
//
// StartDeviceServer builds the device state from the profile and serves one
// listening socket per protocol (Modbus/TCP; S7comm when the caller supplies
// the S7 handler factory, which lives in device/s7/ and depends on this
// module) on a net::FramedServer (net/framed_server.h: codec framing,
// pipelining, the limits of ServeOptions::limits, graceful stop) running on
// ONE background thread, so the handlers and the device state need no
// locks. Simulated time runs at time_rate x wall time and processes advance
// before each request and on a periodic tick. Each connection opened/closed
// is a log line given to `log`.
//
// Thread safety: DeviceServer's methods may be called from any one thread
// (not concurrently); `log` is called on the server thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "device/profile.h"
#include "device/protocol_handler.h"
#include "net/framed_server.h"
#include "util/status.h"

namespace protolm::device {

struct ServeOptions {
  std::string bind_address = "127.0.0.1";
  /// nullopt: do not serve this protocol; 0: an ephemeral port. Modbus is
  /// served only when the profile enables it, S7 only when the profile
  /// enables it and s7_handler is set.
  std::optional<uint16_t> modbus_port = 0;
  std::optional<uint16_t> s7_port = 0;
  /// The S7 handler (device::s7's factory); empty: S7 is not served.
  HandlerFactory s7_handler;
  /// Connection caps, frame size, timeouts, rate limit (framed_server.h).
  net::ServerLimits limits;
  /// Simulated seconds per wall second (0: time stands still).
  double time_rate = 1.0;
  /// Receives one line per event (connection opened, closed and why).
  std::function<void(const std::string&)> log;
};

/// A running server. Destroying it stops it.
class DeviceServer {
 public:
  virtual ~DeviceServer() = default;
  /// The bound ports; 0 when that protocol is not served.
  virtual uint16_t modbus_port() const = 0;
  virtual uint16_t s7_port() const = 0;
  /// The port `protocol` (a name of the protocol table) is served on; 0
  /// when it is not served.
  uint16_t PortOf(std::string_view protocol) const;
  /// Number of connections open now.
  virtual size_t connection_count() const = 0;
  /// Closes the listeners and all connections and joins the server thread.
  /// Idempotent.
  virtual void Stop() = 0;
  /// Blocks until Stop() is called from elsewhere or SIGINT/SIGTERM is
  /// received (for the CLI); then stops.
  virtual void RunUntilSignal() = 0;
};

/// Starts serving `profile`. Errors: the profile does not validate into a
/// device state (see DeviceState::Create), a handler factory fails, or a
/// port cannot be bound ("bind 127.0.0.1:502: permission denied").
Result<std::unique_ptr<DeviceServer>> StartDeviceServer(
    const DeviceProfile& profile, const ServeOptions& options);

}  // namespace protolm::device
