// One connection of a load run (load_run.h): opening it (the protocol's
// opening, proto/connection_opening.h; S7: COTP connect and setup
// communication), sending requests with fresh identifiers up to
// the pipeline depth, framing and matching the answers, timing them, and
// opening again after a failure.
//
// Buffers are kept from request to request (the next requests are stamped
// into one buffer while the previous batch is being written), so a request
// costs no allocation of ours once the connection is warm. Not thread-safe:
// all connections of a run and their LoadShared live on the run's thread.
#pragma once

#include <asio.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "loadgen/latency_histogram.h"
#include "loadgen/load_report.h"
#include "loadgen/load_run.h"
#include "loadgen/request_templates.h"
#include "proto/connection_opening.h"
#include "proto/protocol.h"

namespace protolm::loadgen {

using Clock = std::chrono::steady_clock;

/// What the connections of one run share: the setting (borrowed; outlives
/// the run) and the tallies.
struct LoadShared {
  LoadShared(const LoadOptions& options,
             const std::vector<RequestTemplate>& requests,
             const Protocol& protocol, const ConnectionOpening* opening,
             asio::ip::tcp::endpoint endpoint, std::string target)
      : options(options),
        requests(requests),
        protocol(protocol),
        opening(opening),
        endpoint(std::move(endpoint)),
        target(std::move(target)),
        total(options.requests) {}

  const LoadOptions& options;
  const std::vector<RequestTemplate>& requests;
  const Protocol& protocol;
  const ConnectionOpening* opening;  // null when connections need none
  asio::ip::tcp::endpoint endpoint;
  std::string target;  // "host:port" for messages
  uint64_t total = 0;  // requests in the run

  uint64_t issued = 0;  // requests handed to connections so far
  uint64_t completed = 0;
  FailureCounts failed;
  uint64_t openings = 0;  // connections opened (and set up) successfully
  std::string first_opening_error;
  LatencyHistogram latency;
  bool aborted = false;  // the run gave up: hand out nothing more
  size_t running = 0;    // connections not finished
  Clock::time_point last_finish;
  std::function<void()> on_all_finished;

  /// The list index of the next request to send; false once all requests
  /// were handed out or the run was aborted.
  bool TakeRequest(size_t& index) {
    if (aborted || issued >= total) return false;
    index = static_cast<size_t>(issued++ % requests.size());
    return true;
  }
  bool more_to_send() const { return !aborted && issued < total; }
};

class LoadConnection {
 public:
  /// Borrows `shared`, which must outlive the connection and its handlers.
  LoadConnection(asio::io_context& io, LoadShared& shared);
  LoadConnection(const LoadConnection&) = delete;
  LoadConnection& operator=(const LoadConnection&) = delete;

  /// Opens the connection; from then on it runs on its own until finished.
  void Start();
  /// Fails what waited past its deadline: an opening, or the oldest request
  /// in flight. Called by the run's timer.
  void CheckDeadline(Clock::time_point now);
  /// Closes at once (the run gave up); nothing is in flight then.
  void Abandon() { Finish(); }
  bool finished() const { return phase_ == Phase::kFinished; }

 private:
  enum class Phase { kConnecting, kOpening, kRunning, kFinished };
  struct Slot {
    bool busy = false;
    uint64_t key = 0;
    size_t request = 0;
    Clock::time_point sent;
  };

  void Open();
  void OnConnected();
  /// The connection may carry `parallel_jobs` requests at once from now on.
  void Opened(size_t parallel_jobs);
  /// Hands out requests until the pipeline is full; finishes when there is
  /// nothing left in flight or to send.
  void Fill();
  void Send(ByteView bytes);
  void Flush();
  void Read();
  /// Frames and handles what was read; false when the connection was
  /// dropped on the way.
  bool ProcessInput(Clock::time_point now);
  bool HandleUnit(ByteView unit, Clock::time_point now);
  /// The connection broke: fails the requests in flight as `kind`, opens
  /// again or finishes.
  void Broken(uint64_t FailureCounts::*kind);
  /// Opening failed: fails one request, opens again or finishes.
  void OpeningFailed(const std::string& why);
  void ReopenOrFinish();
  /// Closes the socket and forgets the connection's state; handlers of the
  /// old socket see a new generation and do nothing.
  void Reset();
  void Finish();

  LoadShared& shared_;
  asio::ip::tcp::socket socket_;
  Phase phase_ = Phase::kConnecting;
  uint64_t generation_ = 0;
  size_t opening_step_ = 0;     // in Phase::kOpening
  Clock::time_point deadline_;  // of the opening step under way
  size_t depth_ = 1;
  std::vector<Slot> slots_;
  size_t in_flight_ = 0;
  uint16_t next_id_ = 1;
  Bytes stamped_;  // requests waiting for the write under way
  Bytes writing_;  // the bytes of the write under way
  bool write_pending_ = false;
  Bytes input_;  // read buffer; input_used_ bytes are filled
  size_t input_used_ = 0;
};

}  // namespace protolm::loadgen
