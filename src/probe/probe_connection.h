// One blocking TCP connection from the prober to a device: send a request,
// read back the one framed unit that answers it.
//
// Responses are framed with the protocol's codec (MBAP length for Modbus,
// TPKT/COTP for S7comm), so a response split over segments or sent slowly
// is read whole. A response that does not arrive within the timeout, a
// closed connection and bytes no PDU can start with all leave the
// connection unusable; the caller reconnects. IPv4 only (the pcap of the
// conversation is IPv4). Not thread-safe; owns its socket.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "capture/tcp_conversation_writer.h"
#include "proto/codec.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::probe {

class ProbeConnection {
 public:
  /// Connects to host:port (a name or IPv4 address). Errors: IoError
  /// "connect 10.0.0.5:502: connection refused", InvalidArgument for a host
  /// that does not resolve to IPv4.
  static Result<std::unique_ptr<ProbeConnection>> Connect(
      const std::string& host, uint16_t port, const Codec& codec,
      std::chrono::milliseconds timeout);
  ~ProbeConnection();
  ProbeConnection(const ProbeConnection&) = delete;
  ProbeConnection& operator=(const ProbeConnection&) = delete;

  /// Sends `request` and returns the framed answer; empty when none came
  /// (timeout or closed connection). Bytes that cannot start a PDU are
  /// returned as they are. Errors: IoError when sending fails.
  Result<Bytes> Exchange(ByteView request);

  /// False once an exchange timed out, the peer closed, or it sent bytes
  /// that are not the protocol's.
  bool usable() const { return usable_; }
  const TcpEndpoint& local() const { return local_; }
  const TcpEndpoint& peer() const { return peer_; }

 private:
  ProbeConnection(int fd, const Codec& codec, std::chrono::milliseconds timeout,
                  TcpEndpoint local, TcpEndpoint peer);
  /// Reads until the codec frames a unit, the timeout passes or the peer
  /// closes.
  Bytes ReadFrame();

  int fd_;
  const Codec& codec_;
  std::chrono::milliseconds timeout_;
  TcpEndpoint local_;
  TcpEndpoint peer_;
  bool usable_ = true;
  Bytes pending_;
};

}  // namespace protolm::probe
