// The Asio device server (device_server.h): listeners, connections with
// codec framing, limits, simulated time, signals.
#include "device/device_server.h"

#include <array>
#include <asio.hpp>
#include <atomic>
#include <deque>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "device/device_state.h"
#include "device/modbus_handler.h"

namespace protolm::device {
namespace {

using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

/// How often processes advance without requests (wall time).
constexpr auto kTickPeriod = std::chrono::milliseconds(100);
constexpr size_t kReadChunk = 4096;
/// Pause before accepting again after accept failed (out of descriptors).
constexpr auto kAcceptRetry = std::chrono::milliseconds(100);

class Server;

/// One client connection: reads, frames, hands PDUs to its session, writes.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Server& server, tcp::socket socket, ProtocolHandler& handler,
             std::string peer, std::string protocol);
  void Start();
  void Close(const std::string& why);
  const std::string& peer() const { return peer_; }

 private:
  void Read();
  void OnRead(const asio::error_code& ec, size_t n);
  void ProcessPending();
  void Send(Bytes bytes, bool close_after);
  void WriteNext();
  void ArmIdleTimer();

  Server& server_;
  tcp::socket socket_;
  ProtocolHandler& handler_;
  std::unique_ptr<ProtocolSession> session_;
  std::string peer_;
  std::string protocol_;
  asio::steady_timer idle_timer_;
  std::array<uint8_t, kReadChunk> chunk_{};
  Bytes pending_;
  std::deque<Bytes> out_;
  bool writing_ = false;
  bool close_after_write_ = false;
  bool closed_ = false;
  size_t requests_ = 0;
};

class Server : public DeviceServer {
 public:
  Server(const ServeOptions& options, std::unique_ptr<DeviceState> state)
      : options_(options), state_(std::move(state)), tick_(io_) {}
  ~Server() override { Stop(); }

  Status Listen(const std::string& protocol, uint16_t port,
                std::unique_ptr<ProtocolHandler> handler, uint16_t& bound);
  void Run();

  uint16_t modbus_port() const override { return modbus_port_; }
  uint16_t s7_port() const override { return s7_port_; }
  size_t connection_count() const override { return connection_count_.load(); }
  void Stop() override;
  void RunUntilSignal() override;

  // For connections (server thread).
  const ServeOptions& options() const { return options_; }
  void Log(const std::string& line) {
    if (options_.log) options_.log(line);
  }
  void SyncTime() {
    std::chrono::duration<double> wall = Clock::now() - start_;
    state_->AdvanceTo(wall.count() * options_.time_rate);
  }
  void Closed(const std::shared_ptr<Connection>& c) {
    connections_.erase(c);
    connection_count_ = connections_.size();
  }

  uint16_t modbus_port_ = 0;
  uint16_t s7_port_ = 0;

 private:
  struct Listener {
    std::string protocol;
    std::unique_ptr<ProtocolHandler> handler;
    std::unique_ptr<tcp::acceptor> acceptor;
    asio::steady_timer retry;
  };
  void Accept(Listener& l);
  void Tick();

  ServeOptions options_;
  asio::io_context io_;
  std::unique_ptr<DeviceState> state_;
  std::vector<std::unique_ptr<Listener>> listeners_;
  std::set<std::shared_ptr<Connection>> connections_;
  std::atomic<size_t> connection_count_{0};
  asio::steady_timer tick_;
  Clock::time_point start_ = Clock::now();
  std::thread thread_;
  std::mutex stop_mutex_;
  bool stopped_ = false;
};

Connection::Connection(Server& server, tcp::socket socket,
                       ProtocolHandler& handler, std::string peer,
                       std::string protocol)
    : server_(server),
      socket_(std::move(socket)),
      handler_(handler),
      session_(handler.NewSession(peer)),
      peer_(std::move(peer)),
      protocol_(std::move(protocol)),
      idle_timer_(socket_.get_executor()) {}

void Connection::Start() {
  server_.Log(protocol_ + ": connection from " + peer_);
  ArmIdleTimer();
  Read();
}

void Connection::Close(const std::string& why) {
  if (closed_) return;
  closed_ = true;
  asio::error_code ignored;
  idle_timer_.cancel();
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  server_.Log(protocol_ + ": connection from " + peer_ + " closed after " +
              std::to_string(requests_) + " requests: " + why);
  server_.Closed(shared_from_this());
}

void Connection::ArmIdleTimer() {
  idle_timer_.expires_after(server_.options().idle_timeout);
  idle_timer_.async_wait(
      [self = shared_from_this()](const asio::error_code& ec) {
        if (!ec) self->Close("idle timeout");
      });
}

void Connection::Read() {
  socket_.async_read_some(
      asio::buffer(chunk_),
      [self = shared_from_this()](const asio::error_code& ec, size_t n) {
        self->OnRead(ec, n);
      });
}

void Connection::OnRead(const asio::error_code& ec, size_t n) {
  if (closed_) return;
  if (ec) {
    Close(ec == asio::error::eof ? "peer closed" : ec.message());
    return;
  }
  ArmIdleTimer();
  pending_.insert(pending_.end(), chunk_.begin(), chunk_.begin() + n);
  ProcessPending();
  if (!closed_ && !close_after_write_) Read();
}

void Connection::ProcessPending() {
  size_t used = 0;
  const size_t max_frame = server_.options().max_frame_size;
  while (!closed_ && !close_after_write_) {
    ByteView rest = ByteView(pending_).subspan(used);
    if (rest.empty()) break;
    FrameResult frame = handler_.codec().Frame(rest);
    if (frame.kind == FrameResult::Kind::kInvalid) {
      Close("bytes at stream offset " + std::to_string(used) +
            " cannot start a " + protocol_ + " PDU");
      return;
    }
    if (frame.kind == FrameResult::Kind::kNeedMore) {
      if (frame.length > max_frame || rest.size() > max_frame) {
        Close("a PDU announces " + std::to_string(frame.length) +
              " bytes, over the limit of " + std::to_string(max_frame));
        return;
      }
      break;
    }
    if (frame.length > max_frame || frame.length == 0) {
      Close("a PDU of " + std::to_string(frame.length) +
            " bytes, over the limit of " + std::to_string(max_frame));
      return;
    }
    ++requests_;
    server_.SyncTime();
    Reply reply = session_->Handle(rest.first(frame.length));
    used += frame.length;
    if (!reply.bytes.empty() || reply.close_after) {
      Send(std::move(reply.bytes), reply.close_after);
    }
  }
  pending_.erase(pending_.begin(), pending_.begin() + used);
}

void Connection::Send(Bytes bytes, bool close_after) {
  if (close_after) close_after_write_ = true;
  if (!bytes.empty()) out_.push_back(std::move(bytes));
  if (!writing_) WriteNext();
}

void Connection::WriteNext() {
  if (closed_) return;
  if (out_.empty()) {
    writing_ = false;
    if (close_after_write_) Close("closed by the protocol handler");
    return;
  }
  writing_ = true;
  asio::async_write(
      socket_, asio::buffer(out_.front()),
      [self = shared_from_this()](const asio::error_code& ec, size_t) {
        if (self->closed_) return;
        if (ec) {
          self->Close("write failed: " + ec.message());
          return;
        }
        self->out_.pop_front();
        self->WriteNext();
      });
}

Status Server::Listen(const std::string& protocol, uint16_t port,
                      std::unique_ptr<ProtocolHandler> handler,
                      uint16_t& bound) {
  std::string where =
      "bind " + options_.bind_address + ":" + std::to_string(port);
  asio::error_code ec;
  asio::ip::address address = asio::ip::make_address(options_.bind_address, ec);
  if (ec)
    return InvalidArgument(where + ": not an IP address; give e.g. 127.0.0.1");
  auto acceptor = std::make_unique<tcp::acceptor>(io_);
  tcp::endpoint endpoint(address, port);
  acceptor->open(endpoint.protocol(), ec);
  if (!ec) acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor->bind(endpoint, ec);
  if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return IoError(where + " (" + protocol + "): " + ec.message() +
                   "; pick another port or stop what uses it");
  }
  bound = acceptor->local_endpoint(ec).port();
  auto listener = std::make_unique<Listener>(
      Listener{protocol, std::move(handler), std::move(acceptor),
               asio::steady_timer(io_)});
  Accept(*listener);
  listeners_.push_back(std::move(listener));
  Log(protocol + ": listening on " + options_.bind_address + ":" +
      std::to_string(bound));
  return Status::Ok();
}

void Server::Accept(Listener& l) {
  l.acceptor->async_accept([this, &l](const asio::error_code& ec,
                                      tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) {
      asio::error_code peer_ec;
      tcp::endpoint remote = socket.remote_endpoint(peer_ec);
      std::string peer = peer_ec ? "unknown peer"
                                 : remote.address().to_string() + ":" +
                                       std::to_string(remote.port());
      if (connections_.size() >= options_.max_connections) {
        Log(l.protocol + ": refused " + peer + ": " +
            std::to_string(connections_.size()) + " connections open (limit)");
        asio::error_code ignored;
        socket.close(ignored);
      } else {
        socket.set_option(tcp::no_delay(true), peer_ec);
        auto c = std::make_shared<Connection>(*this, std::move(socket),
                                              *l.handler, peer, l.protocol);
        connections_.insert(c);
        connection_count_ = connections_.size();
        c->Start();
      }
    } else {
      // Out of descriptors or similar: log and accept again after a pause,
      // so the loop does not spin while the condition lasts.
      Log(l.protocol + ": accept failed: " + ec.message() +
          "; retrying in 100 ms (raise the descriptor limit, ulimit -n)");
      l.retry.expires_after(kAcceptRetry);
      l.retry.async_wait([this, &l](const asio::error_code& wait_ec) {
        if (!wait_ec) Accept(l);
      });
      return;
    }
    Accept(l);
  });
}

void Server::Tick() {
  SyncTime();
  tick_.expires_after(kTickPeriod);
  tick_.async_wait([this](const asio::error_code& ec) {
    if (!ec) Tick();
  });
}

void Server::Run() {
  Tick();
  thread_ = std::thread([this] { io_.run(); });
}

void Server::Stop() {
  std::lock_guard<std::mutex> lock(stop_mutex_);
  if (stopped_) return;
  stopped_ = true;
  asio::post(io_, [this] {
    for (auto& l : listeners_) {
      asio::error_code ignored;
      l->acceptor->close(ignored);
      l->retry.cancel();
    }
    std::vector<std::shared_ptr<Connection>> open(connections_.begin(),
                                                  connections_.end());
    for (auto& c : open) c->Close("server stopping");
    tick_.cancel();
    io_.stop();
  });
  if (thread_.joinable()) thread_.join();
  connections_.clear();
  connection_count_ = 0;
}

void Server::RunUntilSignal() {
  std::promise<void> signalled;
  std::future<void> done = signalled.get_future();
  asio::signal_set signals(io_, SIGINT, SIGTERM);
  signals.async_wait([&](const asio::error_code& ec, int number) {
    if (!ec) Log("received signal " + std::to_string(number) + ", stopping");
    signalled.set_value();
  });
  done.wait();
  Stop();
}

}  // namespace

Result<std::unique_ptr<DeviceServer>> StartDeviceServer(
    const DeviceProfile& profile, const ServeOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<DeviceState> state,
                   DeviceState::Create(profile));
  DeviceState& state_ref = *state;
  auto server = std::make_unique<Server>(options, std::move(state));
  bool any = false;
  if (profile.modbus.enabled && options.modbus_port) {
    ASSIGN_OR_RETURN(auto handler, NewModbusHandler(profile, state_ref));
    RETURN_IF_ERROR(server->Listen("modbus", *options.modbus_port,
                                   std::move(handler), server->modbus_port_));
    any = true;
  }
  if (profile.s7.enabled && options.s7_port && options.s7_handler) {
    ASSIGN_OR_RETURN(auto handler, options.s7_handler(profile, state_ref));
    RETURN_IF_ERROR(server->Listen("s7comm", *options.s7_port,
                                   std::move(handler), server->s7_port_));
    any = true;
  }
  if (!any) {
    return InvalidArgument("profile " + profile.name +
                           " has nothing to serve with these options (Modbus "
                           "needs a \"modbus\" section, S7 an \"s7\" section "
                           "and the S7 handler)");
  }
  server->Run();
  return std::unique_ptr<DeviceServer>(std::move(server));
}

}  // namespace protolm::device
