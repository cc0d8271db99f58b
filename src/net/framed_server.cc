// The Asio framed server (framed_server.h): listeners, connections on
// strands, codec framing, limits, rate limiting, graceful stop, signals.
#include "net/framed_server.h"

#include <sys/resource.h>

#include <array>
#include <asio.hpp>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "net/source_rate_limiter.h"

namespace protolm::net {
namespace {

using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr size_t kReadChunk = 4096;
/// Pause before accepting again after accept failed (out of descriptors).
constexpr auto kAcceptRetry = std::chrono::milliseconds(100);
/// After the drain timeout, how long Stop waits for forced closes.
constexpr auto kForcedCloseWait = std::chrono::seconds(2);

}  // namespace

class Connection;

class ServerCore {
 public:
  explicit ServerCore(ServerOptions options)
      : options_(std::move(options)),
        limiter_(options_.limits.requests_per_second,
                 options_.limits.request_burst,
                 options_.limits.rate_limited_sources),
        work_(asio::make_work_guard(io_)),
        tick_(asio::make_strand(io_)) {}

  Result<uint16_t> Listen(std::string name, const std::string& address,
                          uint16_t port,
                          std::unique_ptr<ProtocolHandler> handler);
  void Start();
  void Stop();
  void RunUntilSignal();
  size_t connection_count() const {
    std::lock_guard<std::mutex> lock(registry_mutex_);
    return connections_.size();
  }

  // For connections (any server thread).
  const ServerOptions& options() const { return options_; }
  SourceRateLimiter& limiter() { return limiter_; }
  void Log(const std::string& line) const {
    if (options_.log) options_.log(line);
  }
  void Tick() const {
    if (options_.on_tick) options_.on_tick();
  }
  void Remove(uint64_t id, const std::string& source);

 private:
  struct Listener {
    std::string name;
    std::unique_ptr<ProtocolHandler> handler;
    std::unique_ptr<tcp::acceptor> acceptor;
    std::unique_ptr<asio::steady_timer> retry;
  };
  void Accept(Listener& listener);
  void Admit(Listener& listener, tcp::socket socket);
  void ScheduleTick();
  /// Waits until no connection is open or `deadline` passes.
  bool WaitForNoConnections(Clock::time_point deadline);

  ServerOptions options_;
  SourceRateLimiter limiter_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  asio::steady_timer tick_;
  std::vector<std::unique_ptr<Listener>> listeners_;
  std::vector<std::thread> threads_;

  mutable std::mutex registry_mutex_;
  std::condition_variable registry_changed_;
  std::unordered_map<uint64_t, std::shared_ptr<Connection>> connections_;
  std::unordered_map<std::string, size_t> per_source_;
  uint64_t next_id_ = 0;

  std::mutex stop_mutex_;
  bool started_ = false;
  bool stopped_ = false;
};

/// One client connection: reads, frames, hands PDUs to its session, writes.
/// Every member function runs on the connection's strand.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(ServerCore& server, tcp::socket socket,
             ProtocolHandler& handler, ConnectionInfo info)
      : server_(server),
        socket_(std::move(socket)),
        handler_(handler),
        info_(std::move(info)),
        idle_timer_(socket_.get_executor()),
        frame_timer_(socket_.get_executor()),
        rate_timer_(socket_.get_executor()) {}

  /// These post to the strand; safe from any thread.
  void Start() {
    asio::post(socket_.get_executor(),
               [self = shared_from_this()] { self->Open(); });
  }
  void Drain() {
    asio::post(socket_.get_executor(),
               [self = shared_from_this()] { self->BeginDrain(); });
  }
  void ForceClose() {
    asio::post(socket_.get_executor(), [self = shared_from_this()] {
      self->Close("server stopping (drain timeout)");
    });
  }

 private:
  void Open();
  void Read();
  void OnRead(const asio::error_code& ec, size_t n);
  void ProcessPending();
  void Send(Bytes bytes, bool close_after);
  void WriteNext();
  void BeginDrain();
  void Close(const std::string& why);
  void ArmIdleTimer();
  void UpdateFrameTimer();
  void ResumeAfter(Clock::duration wait);
  /// While draining: closes once nothing is being read or written.
  void FinishDrainIfIdle();
  bool CanRead() const {
    return !closed_ && !reading_ && !paused_ && !draining_ &&
           !close_after_write_;
  }

  ServerCore& server_;
  tcp::socket socket_;
  ProtocolHandler& handler_;
  ConnectionInfo info_;
  std::unique_ptr<ProtocolSession> session_;
  asio::steady_timer idle_timer_;
  asio::steady_timer frame_timer_;
  asio::steady_timer rate_timer_;
  // Timer generations: a wait whose generation is stale was superseded
  // (a cancelled wait may already be queued when it is cancelled).
  uint64_t idle_generation_ = 0;
  uint64_t frame_generation_ = 0;
  bool frame_timer_armed_ = false;
  std::array<uint8_t, kReadChunk> chunk_{};
  Bytes pending_;
  Clock::time_point received_at_;
  std::deque<Bytes> out_;
  size_t unsent_bytes_ = 0;
  bool reading_ = false;
  bool writing_ = false;
  bool paused_ = false;
  bool draining_ = false;
  bool close_after_write_ = false;
  bool closed_ = false;
  uint64_t requests_ = 0;
};

void Connection::Open() {
  session_ = handler_.NewSession(info_.peer());
  server_.Log(info_.listener + ": connection from " + info_.peer());
  if (server_.options().observer) server_.options().observer->Opened(info_);
  ArmIdleTimer();
  Read();
}

void Connection::ArmIdleTimer() {
  uint64_t generation = ++idle_generation_;
  idle_timer_.expires_after(server_.options().limits.idle_timeout);
  idle_timer_.async_wait([self = shared_from_this(), generation](
                             const asio::error_code& ec) {
    if (!ec && generation == self->idle_generation_) self->Close("idle timeout");
  });
}

void Connection::UpdateFrameTimer() {
  const auto limit = server_.options().limits.frame_timeout;
  if (pending_.empty() || limit.count() == 0 || closed_) {
    if (frame_timer_armed_) {
      frame_timer_armed_ = false;
      ++frame_generation_;
      frame_timer_.cancel();
    }
    return;
  }
  if (frame_timer_armed_) return;  // the started frame keeps its deadline
  frame_timer_armed_ = true;
  uint64_t generation = ++frame_generation_;
  frame_timer_.expires_after(limit);
  frame_timer_.async_wait([self = shared_from_this(), generation](
                              const asio::error_code& ec) {
    if (!ec && generation == self->frame_generation_) {
      self->Close("a started request was not complete within " +
                  std::to_string(
                      self->server_.options().limits.frame_timeout.count()) +
                  " ms (slow client)");
    }
  });
}

void Connection::Read() {
  if (!CanRead()) return;
  reading_ = true;
  socket_.async_read_some(
      asio::buffer(chunk_),
      [self = shared_from_this()](const asio::error_code& ec, size_t n) {
        self->OnRead(ec, n);
      });
}

void Connection::OnRead(const asio::error_code& ec, size_t n) {
  reading_ = false;
  if (closed_) return;
  if (ec) {
    if (draining_) FinishDrainIfIdle();
    else Close(ec == asio::error::eof ? "peer closed" : ec.message());
    return;
  }
  received_at_ = Clock::now();
  ArmIdleTimer();
  pending_.insert(pending_.end(), chunk_.begin(), chunk_.begin() + n);
  ProcessPending();
  Read();
  FinishDrainIfIdle();
}

void Connection::FinishDrainIfIdle() {
  if (draining_ && !closed_ && !reading_ && !writing_ && out_.empty())
    Close("server stopping");
}

void Connection::ProcessPending() {
  const ServerLimits& limits = server_.options().limits;
  size_t used = 0;
  bool completed_frame = false;
  while (!closed_ && !close_after_write_ && !paused_) {
    ByteView rest = ByteView(pending_).subspan(used);
    if (rest.empty()) break;
    FrameResult frame = handler_.codec().Frame(rest);
    if (frame.kind == FrameResult::Kind::kInvalid) {
      Close("bytes at stream offset " + std::to_string(used) +
            " cannot start a " + info_.listener + " PDU");
      return;
    }
    if (frame.kind == FrameResult::Kind::kNeedMore) {
      if (frame.length > limits.max_frame_size ||
          rest.size() > limits.max_frame_size) {
        Close("a PDU announces " + std::to_string(frame.length) +
              " bytes, over the limit of " +
              std::to_string(limits.max_frame_size));
        return;
      }
      break;
    }
    if (frame.length > limits.max_frame_size || frame.length == 0) {
      Close("a PDU of " + std::to_string(frame.length) +
            " bytes, over the limit of " +
            std::to_string(limits.max_frame_size));
      return;
    }
    if (!draining_) {
      Clock::duration wait =
          server_.limiter().TryTake(info_.peer_address, Clock::now());
      if (wait > Clock::duration::zero()) {
        ResumeAfter(wait);
        break;
      }
    }
    server_.Tick();
    Reply reply = session_->Handle(rest.first(frame.length));
    ++requests_;
    if (server_.options().observer) {
      server_.options().observer->Exchanged(info_, requests_,
                                            rest.first(frame.length), reply,
                                            Clock::now() - received_at_);
    }
    used += frame.length;
    completed_frame = true;
    if (!reply.bytes.empty() || reply.close_after) {
      Send(std::move(reply.bytes), reply.close_after);
    }
  }
  if (closed_) return;
  pending_.erase(pending_.begin(), pending_.begin() + used);
  if (completed_frame && frame_timer_armed_) {
    frame_timer_armed_ = false;  // the next partial frame starts its own clock
    ++frame_generation_;
    frame_timer_.cancel();
  }
  UpdateFrameTimer();
}

void Connection::ResumeAfter(Clock::duration wait) {
  paused_ = true;
  rate_timer_.expires_after(wait);
  rate_timer_.async_wait(
      [self = shared_from_this()](const asio::error_code& ec) {
        if (ec || self->closed_ || !self->paused_) return;
        self->paused_ = false;
        self->ProcessPending();
        self->Read();
      });
}

void Connection::Send(Bytes bytes, bool close_after) {
  if (close_after) close_after_write_ = true;
  if (!bytes.empty()) {
    unsent_bytes_ += bytes.size();
    out_.push_back(std::move(bytes));
  }
  if (unsent_bytes_ > server_.options().limits.max_unsent_bytes) {
    Close("the client does not read its replies (" +
          std::to_string(unsent_bytes_) + " bytes unsent)");
    return;
  }
  if (!writing_) WriteNext();
}

void Connection::WriteNext() {
  if (closed_) return;
  if (out_.empty()) {
    writing_ = false;
    if (close_after_write_) Close("closed by the protocol handler");
    else FinishDrainIfIdle();
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
        self->unsent_bytes_ -= self->out_.front().size();
        self->out_.pop_front();
        self->WriteNext();
      });
}

void Connection::BeginDrain() {
  if (closed_ || draining_) return;
  draining_ = true;
  if (paused_) {
    paused_ = false;
    rate_timer_.cancel();
  }
  ProcessPending();  // requests already received are answered
  if (closed_) return;
  if (reading_) {
    // Ends the outstanding read (it completes with what arrived, or eof).
    asio::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_receive, ignored);
    return;
  }
  FinishDrainIfIdle();
}

void Connection::Close(const std::string& why) {
  if (closed_) return;
  closed_ = true;
  ++idle_generation_;
  ++frame_generation_;
  idle_timer_.cancel();
  frame_timer_.cancel();
  rate_timer_.cancel();
  asio::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  server_.Log(info_.listener + ": connection from " + info_.peer() +
              " closed after " + std::to_string(requests_) +
              " requests: " + why);
  if (server_.options().observer)
    server_.options().observer->Closed(info_, why, requests_);
  server_.Remove(info_.id, info_.peer_address);
}

Result<uint16_t> ServerCore::Listen(std::string name,
                                   const std::string& bind_address,
                                   uint16_t port,
                                   std::unique_ptr<ProtocolHandler> handler) {
  std::string where = "bind " + bind_address + ":" + std::to_string(port);
  asio::error_code ec;
  asio::ip::address address = asio::ip::make_address(bind_address, ec);
  if (ec)
    return InvalidArgument(where + ": not an IP address; give e.g. 127.0.0.1");
  auto acceptor = std::make_unique<tcp::acceptor>(io_);
  tcp::endpoint endpoint(address, port);
  acceptor->open(endpoint.protocol(), ec);
  if (!ec) acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor->bind(endpoint, ec);
  if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return IoError(where + " (" + name + "): " + ec.message() +
                   "; pick another port or stop what uses it");
  }
  uint16_t bound = acceptor->local_endpoint(ec).port();
  Log(name + ": listening on " + bind_address + ":" + std::to_string(bound));
  listeners_.push_back(std::make_unique<Listener>(
      Listener{std::move(name), std::move(handler), std::move(acceptor),
               std::make_unique<asio::steady_timer>(io_)}));
  return bound;
}

void ServerCore::Accept(Listener& l) {
  l.acceptor->async_accept(
      asio::make_strand(io_),
      [this, &l](const asio::error_code& ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted) return;
        if (ec) {
          // Out of descriptors or similar: log and accept again after a
          // pause, so the loop does not spin while the condition lasts.
          Log(l.name + ": accept failed: " + ec.message() +
              "; retrying in 100 ms (raise the descriptor limit, ulimit -n)");
          l.retry->expires_after(kAcceptRetry);
          l.retry->async_wait([this, &l](const asio::error_code& wait_ec) {
            if (!wait_ec) Accept(l);
          });
          return;
        }
        Admit(l, std::move(socket));
        Accept(l);
      });
}

void ServerCore::Admit(Listener& l, tcp::socket socket) {
  asio::error_code ec;
  tcp::endpoint remote = socket.remote_endpoint(ec);
  tcp::endpoint local = socket.local_endpoint(ec);
  if (ec) return;  // the peer is already gone
  ConnectionInfo info;
  info.listener = l.name;
  info.local_address = local.address().to_string();
  info.local_port = local.port();
  info.peer_address = remote.address().to_string();
  info.peer_port = remote.port();

  std::string refusal;
  std::shared_ptr<Connection> connection;
  {
    std::lock_guard<std::mutex> lock(registry_mutex_);
    size_t& from_source = per_source_[info.peer_address];
    if (connections_.size() >= options_.limits.max_connections) {
      refusal = std::to_string(connections_.size()) +
                " connections open (limit)";
    } else if (options_.limits.max_connections_per_source != 0 &&
               from_source >= options_.limits.max_connections_per_source) {
      refusal = std::to_string(from_source) +
                " connections open from this source (limit)";
    } else {
      info.id = ++next_id_;
      ++from_source;
      socket.set_option(tcp::no_delay(true), ec);
      connection = std::make_shared<Connection>(*this, std::move(socket), *l.handler,
                                                info);
      connections_.emplace(info.id, connection);
    }
    if (from_source == 0) per_source_.erase(info.peer_address);
  }
  if (connection) {
    connection->Start();
    return;
  }
  Log(l.name + ": refused " + info.peer() + ": " + refusal);
  socket.close(ec);
}

void ServerCore::Remove(uint64_t id, const std::string& source) {
  std::lock_guard<std::mutex> lock(registry_mutex_);
  if (connections_.erase(id) == 0) return;
  auto it = per_source_.find(source);
  if (it != per_source_.end() && --it->second == 0) per_source_.erase(it);
  registry_changed_.notify_all();
}

void ServerCore::ScheduleTick() {
  tick_.expires_after(options_.tick_period);
  tick_.async_wait([this](const asio::error_code& ec) {
    if (ec) return;
    Tick();
    ScheduleTick();
  });
}

void ServerCore::Start() {
  std::lock_guard<std::mutex> lock(stop_mutex_);
  if (started_ || stopped_) return;
  started_ = true;
  for (auto& l : listeners_) Accept(*l);
  if (options_.on_tick) ScheduleTick();
  size_t n = std::max<size_t>(1, options_.threads);
  for (size_t i = 0; i < n; ++i) threads_.emplace_back([this] { io_.run(); });
}

bool ServerCore::WaitForNoConnections(Clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(registry_mutex_);
  return registry_changed_.wait_until(lock, deadline,
                                      [this] { return connections_.empty(); });
}

void ServerCore::Stop() {
  std::lock_guard<std::mutex> lock(stop_mutex_);
  if (stopped_) return;
  stopped_ = true;
  if (started_) {
    std::promise<void> closed;
    asio::post(io_, [this, &closed] {
      for (auto& l : listeners_) {
        asio::error_code ignored;
        l->acceptor->close(ignored);
        l->retry->cancel();
      }
      closed.set_value();
    });
    closed.get_future().wait();
    auto snapshot = [this] {
      std::lock_guard<std::mutex> registry_lock(registry_mutex_);
      std::vector<std::shared_ptr<Connection>> open;
      for (auto& [id, c] : connections_) open.push_back(c);
      return open;
    };
    for (auto& c : snapshot()) c->Drain();
    if (!WaitForNoConnections(Clock::now() + options_.limits.drain_timeout)) {
      for (auto& c : snapshot()) c->ForceClose();
      WaitForNoConnections(Clock::now() + kForcedCloseWait);
    }
  }
  work_.reset();
  io_.stop();
  for (auto& t : threads_) t.join();
  threads_.clear();
  std::lock_guard<std::mutex> registry_lock(registry_mutex_);
  connections_.clear();
  per_source_.clear();
}

void ServerCore::RunUntilSignal() {
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

FramedServer::FramedServer(ServerOptions options)
    : core_(std::make_unique<ServerCore>(std::move(options))) {}
FramedServer::~FramedServer() { Stop(); }

Result<uint16_t> FramedServer::Listen(std::string name,
                                      const std::string& address, uint16_t port,
                                      std::unique_ptr<ProtocolHandler> handler) {
  return core_->Listen(std::move(name), address, port, std::move(handler));
}
void FramedServer::Start() { core_->Start(); }
void FramedServer::Stop() { core_->Stop(); }
void FramedServer::RunUntilSignal() { core_->RunUntilSignal(); }
size_t FramedServer::connection_count() const {
  return core_->connection_count();
}

uint64_t RaiseDescriptorLimit(uint64_t wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  if (limit.rlim_cur >= wanted) return limit.rlim_cur;
  rlimit raised = limit;
  raised.rlim_cur = std::min<rlim_t>(wanted, limit.rlim_max);
  if (setrlimit(RLIMIT_NOFILE, &raised) != 0) return limit.rlim_cur;
  return raised.rlim_cur;
}

}  // namespace protolm::net
