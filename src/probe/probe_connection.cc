// Blocking request/response exchange over TCP (see probe_connection.h).
#include "probe/probe_connection.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace protolm::probe {
namespace {

constexpr size_t kMaxResponseBytes = size_t{1} << 17;

TcpEndpoint EndpointOf(const sockaddr_in& a) {
  char text[INET_ADDRSTRLEN] = {};
  inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
  return TcpEndpoint{text, ntohs(a.sin_port)};
}

}  // namespace

Result<std::unique_ptr<ProbeConnection>> ProbeConnection::Connect(
    const std::string& host, uint16_t port, const Codec& codec,
    std::chrono::milliseconds timeout) {
  const std::string target = host + ":" + std::to_string(port);
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(host.c_str(), nullptr, &hints, &found); rc != 0)
    return InvalidArgument("target " + target + ": " + gai_strerror(rc) +
                           " (give an IPv4 address or a name that has one)");
  sockaddr_in address = *reinterpret_cast<sockaddr_in*>(found->ai_addr);
  freeaddrinfo(found);
  address.sin_port = htons(port);

  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return IoError(std::string("socket: ") + std::strerror(errno));
  // Connect without blocking longer than the timeout.
  fcntl(fd, F_SETFL, O_NONBLOCK);
  int rc = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  if (rc != 0 && errno == EINPROGRESS) {
    pollfd p{fd, POLLOUT, 0};
    rc = poll(&p, 1, static_cast<int>(timeout.count()));
    int error = 0;
    socklen_t len = sizeof error;
    if (rc == 1) getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len);
    if (rc == 0) error = ETIMEDOUT;
    rc = error == 0 && rc == 1 ? 0 : -1;
    errno = error;
  }
  if (rc != 0) {
    const std::string why = std::strerror(errno);
    close(fd);
    return IoError("connect " + target + ": " + why +
                   " (is the device running?)");
  }
  fcntl(fd, F_SETFL, 0);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in local{};
  socklen_t len = sizeof local;
  getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len);
  return std::unique_ptr<ProbeConnection>(new ProbeConnection(
      fd, codec, timeout, EndpointOf(local), EndpointOf(address)));
}

ProbeConnection::ProbeConnection(int fd, const Codec& codec,
                                 std::chrono::milliseconds timeout,
                                 TcpEndpoint local, TcpEndpoint peer)
    : fd_(fd),
      codec_(codec),
      timeout_(timeout),
      local_(std::move(local)),
      peer_(std::move(peer)) {}

ProbeConnection::~ProbeConnection() { close(fd_); }

Result<Bytes> ProbeConnection::Exchange(ByteView request) {
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n =
        send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      usable_ = false;
      return IoError("send to " + peer_.ip + ":" + std::to_string(peer_.port) +
                     ": " + std::strerror(errno));
    }
    sent += static_cast<size_t>(n);
  }
  return ReadFrame();
}

Bytes ProbeConnection::ReadFrame() {
  const auto deadline = std::chrono::steady_clock::now() + timeout_;
  uint8_t chunk[4096];
  while (true) {
    FrameResult f = codec_.Frame(pending_);
    if (f.kind == FrameResult::Kind::kFrame) {
      Bytes frame(pending_.begin(), pending_.begin() + f.length);
      pending_.erase(pending_.begin(), pending_.begin() + f.length);
      return frame;
    }
    if (f.kind == FrameResult::Kind::kInvalid ||
        pending_.size() > kMaxResponseBytes) {
      usable_ = false;
      return std::move(pending_);
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fd_, POLLIN, 0};
    int ready =
        left.count() > 0 ? poll(&p, 1, static_cast<int>(left.count())) : 0;
    if (ready < 0 && errno == EINTR) continue;
    ssize_t n = ready == 1 ? recv(fd_, chunk, sizeof chunk, 0) : 0;
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {  // timeout, closed or failed: what came is no whole answer
      usable_ = false;
      Bytes partial = std::move(pending_);
      pending_.clear();
      return partial;
    }
    pending_.insert(pending_.end(), chunk, chunk + n);
  }
}

}  // namespace protolm::probe
