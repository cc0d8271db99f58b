// A blocking TCP client for tests that talk to a server (the device server,
// the honeypot) on 127.0.0.1: connect, send, receive with a timeout, observe
// a close.
// Header-only, test use only; one thread per client.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <optional>

#include "util/bytes.h"

namespace protolm::testing {

class LoopbackClient {
 public:
  /// Connects to 127.0.0.1:port; connected() says whether it worked.
  explicit LoopbackClient(uint16_t port, std::chrono::milliseconds timeout =
                                             std::chrono::seconds(5)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return;
    timeval tv{static_cast<time_t>(timeout.count() / 1000),
               static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~LoopbackClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  LoopbackClient(const LoopbackClient&) = delete;
  LoopbackClient& operator=(const LoopbackClient&) = delete;
  LoopbackClient(LoopbackClient&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }

  bool connected() const { return fd_ >= 0; }

  bool Send(ByteView bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t n =
          ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }

  /// Exactly n bytes, or nullopt on timeout / close.
  std::optional<Bytes> Receive(size_t n) {
    Bytes out(n);
    size_t got = 0;
    while (got < n) {
      ssize_t r = ::recv(fd_, out.data() + got, n - got, 0);
      if (r <= 0) return std::nullopt;
      got += static_cast<size_t>(r);
    }
    return out;
  }

  /// One Modbus/TCP ADU (MBAP header, then the length it announces).
  std::optional<Bytes> ReceiveModbusAdu() {
    auto head = Receive(6);
    if (!head) return std::nullopt;
    size_t length = ((*head)[4] << 8) | (*head)[5];
    auto rest = Receive(length);
    if (!rest) return std::nullopt;
    head->insert(head->end(), rest->begin(), rest->end());
    return head;
  }

  /// One TPKT unit (RFC 1006: version, reserved, 16-bit length of the whole
  /// unit), or nullopt on timeout / close / a length below the header's.
  std::optional<Bytes> ReceiveTpktUnit() {
    auto head = Receive(4);
    if (!head) return std::nullopt;
    size_t length = ((*head)[2] << 8) | (*head)[3];
    if (length < 4) return std::nullopt;
    auto rest = Receive(length - 4);
    if (!rest) return std::nullopt;
    head->insert(head->end(), rest->begin(), rest->end());
    return head;
  }

  /// True when the server closed the connection (recv returns 0 or a reset)
  /// within the receive timeout; any data before the close is discarded.
  bool ClosedByPeer() {
    uint8_t buf[256];
    for (;;) {
      ssize_t r = ::recv(fd_, buf, sizeof buf, 0);
      if (r == 0) return true;
      if (r < 0) return errno == ECONNRESET;
    }
  }

 private:
  int fd_ = -1;
};

}  // namespace protolm::testing
