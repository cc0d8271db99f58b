// A TCP server for framed request/response protocols, on Asio.
//
// FramedServer listens on any number of ports, each served by a
// ProtocolHandler (protocol_session.h). Every connection frames its byte
// stream with the handler's codec — several requests may arrive in one
// segment (pipelining) or one request over many — and hands each complete
// PDU to its own ProtocolSession, writing back the replies in order. It is
// the network half of both the reference simulator (`protolm device serve`)
// and the honeypot (`protolm serve`).
//
// Abuse it resists (ServerLimits): a cap on open connections overall and per
// source address (further accepts are closed at once); a frame announcing
// more than max_frame_size bytes, or bytes no frame can start with, closes
// the connection; a connection idle for idle_timeout is closed, and so is
// one whose started frame is not complete within frame_timeout (a client
// dripping one byte per second); a client that does not read its replies is
// closed once max_unsent_bytes are queued for it; a source sending more
// than requests_per_second is slowed down (its connections stop being read
// until its token bucket refills, see source_rate_limiter.h). Accept
// failures (out of descriptors) are logged and retried after a pause.
//
// Stop() is graceful: listeners close, every connection finishes the
// requests it has already received, its replies are written (for up to
// drain_timeout), then it closes; only then do the threads end, so an
// observer has seen every completed exchange when Stop returns.
//
// Threads: `threads` threads run one asio::io_context; each connection runs
// on its own strand, so its session sees one call at a time. The observer
// and the handlers are called on those threads (see protocol_session.h).
// FramedServer's own methods may be called from any one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "net/protocol_session.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::net {

struct ServerLimits {
  size_t max_connections = 4096;
  size_t max_connections_per_source = 0;  // 0: no cap per source address
  size_t max_frame_size = 8192;           // bytes a framed PDU may announce
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};
  /// A frame whose first byte arrived must be complete within this; 0: no
  /// limit.
  std::chrono::milliseconds frame_timeout{std::chrono::seconds(10)};
  size_t max_unsent_bytes = 1 << 20;  // replies queued for a client
  double requests_per_second = 0;     // per source address; 0: unlimited
  double request_burst = 100;         // requests a source may send at once
  size_t rate_limited_sources = 65536;  // token buckets kept at most
  std::chrono::milliseconds drain_timeout{std::chrono::seconds(5)};
};

/// One connection, as the observer sees it.
struct ConnectionInfo {
  uint64_t id = 0;          // 1, 2, ... in accept order, per server
  std::string listener;     // the name given to Listen ("modbus", "s7comm")
  std::string local_address;
  uint16_t local_port = 0;
  std::string peer_address;
  uint16_t peer_port = 0;
  std::string peer() const {
    return peer_address + ":" + std::to_string(peer_port);
  }
};

/// Told about every connection and exchange. Called on the server threads
/// (see the file comment); must not block for long.
class ServerObserver {
 public:
  virtual ~ServerObserver() = default;
  virtual void Opened(const ConnectionInfo& connection) = 0;
  /// One request handled: the framed request, the session's reply (sent
  /// right after this call) and the time from the request's last byte
  /// arriving to its reply being ready. `sequence` counts from 1.
  virtual void Exchanged(const ConnectionInfo& connection, uint64_t sequence,
                         ByteView request, const Reply& reply,
                         std::chrono::nanoseconds latency) = 0;
  virtual void Closed(const ConnectionInfo& connection,
                      const std::string& reason, uint64_t requests) = 0;
};

struct ServerOptions {
  ServerLimits limits;
  size_t threads = 1;
  /// Nullable; outlives the server.
  ServerObserver* observer = nullptr;
  /// Receives one line per notable event (listening, connection opened and
  /// closed and why, refusals, signals).
  std::function<void(const std::string&)> log;
  /// Called on a server thread before each request is handled and every
  /// tick_period (the simulator advances its processes with it); may be
  /// empty.
  std::function<void()> on_tick;
  std::chrono::milliseconds tick_period{100};
};

class ServerCore;  // framed_server.cc

class FramedServer {
 public:
  explicit FramedServer(ServerOptions options);
  ~FramedServer();  // Stop()
  FramedServer(const FramedServer&) = delete;
  FramedServer& operator=(const FramedServer&) = delete;

  /// Listens on address:port (0: an ephemeral port) for `handler`'s
  /// protocol, `name` naming it in logs and ConnectionInfo; returns the
  /// bound port. Call before Start. Errors: InvalidArgument for an address
  /// that is not an IP address, IoError "bind 127.0.0.1:502 (modbus):
  /// permission denied; ..." when it cannot bind.
  Result<uint16_t> Listen(std::string name, const std::string& address,
                          uint16_t port,
                          std::unique_ptr<ProtocolHandler> handler);

  /// Starts the threads. Call once, after Listen.
  void Start();

  /// Graceful stop (file comment). Idempotent.
  void Stop();

  /// Blocks until SIGINT/SIGTERM, then stops.
  void RunUntilSignal();

  /// Connections open now.
  size_t connection_count() const;

 private:
  std::unique_ptr<ServerCore> core_;
};

/// Raises this process's open-descriptor soft limit towards `wanted` (a
/// server holding thousands of idle connections needs more than the usual
/// 1024), as far as the hard limit allows. Returns the soft limit now in
/// force; the caller warns when it is below `wanted`.
uint64_t RaiseDescriptorLimit(uint64_t wanted);

}  // namespace protolm::net
