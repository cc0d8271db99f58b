// A load run on one io_context (see load_run.h).
#include "loadgen/load_run.h"

#include <algorithm>
#include <memory>

#include "loadgen/load_connection.h"
#include "probe/probe_config.h"
#include "proto/registry/protocol_table.h"

namespace protolm::loadgen {
namespace {

/// Distinct requests generated when no dataset is given.
constexpr size_t kGeneratedRequests = 4096;
constexpr auto kProgressInterval = std::chrono::milliseconds(200);
/// The identifier of the opening's own request (S7 setup communication):
/// one the load's requests, counting from 1, do not reach for 65534 sends.
constexpr uint16_t kOpeningRef = 0xffff;

double Millis(std::chrono::nanoseconds ns) {
  return static_cast<double>(ns.count()) / 1e6;
}

Status CheckOptions(const LoadOptions& o, const RequestList& list) {
  if (o.connections == 0 || o.requests == 0)
    return InvalidArgument(
        "a load needs at least one connection and one "
        "request");
  if (o.pipeline == 0 || o.pipeline > kMaxPipeline)
    return InvalidArgument("pipeline " + std::to_string(o.pipeline) +
                           " is outside 1.." + std::to_string(kMaxPipeline));
  if (o.timeout.count() <= 0)
    return InvalidArgument("the timeout must be at least 1 ms");
  if (o.port == 0) return InvalidArgument("the target needs a port 1..65535");
  if (list.requests.empty()) return InvalidArgument("no request to send");
  return Status::Ok();
}

Result<asio::ip::tcp::endpoint> Resolve(asio::io_context& io,
                                        const std::string& host, uint16_t port,
                                        const std::string& target) {
  asio::ip::tcp::resolver resolver(io);
  asio::error_code ec;
  auto found =
      resolver.resolve(asio::ip::tcp::v4(), host, std::to_string(port), ec);
  if (ec || found.empty())
    return InvalidArgument("target " + target + ": " +
                           (ec ? ec.message() : "no address") +
                           " (give an IPv4 address or a name that has one)");
  return found.begin()->endpoint();
}

/// Calls the connections' deadline checks and the progress callback every
/// `period` until the run ends.
class RunTimer {
 public:
  RunTimer(asio::io_context& io, LoadShared& shared,
           std::vector<std::unique_ptr<LoadConnection>>& connections,
           std::chrono::milliseconds period, const LoadProgressFn& progress)
      : timer_(io),
        shared_(shared),
        connections_(connections),
        period_(period),
        progress_(progress) {}

  void Start(Clock::time_point start) {
    start_ = start;
    last_progress_ = start;
    Arm();
  }
  void Stop() { timer_.cancel(); }

 private:
  void Arm() {
    timer_.expires_after(period_);
    timer_.async_wait([this](const asio::error_code& ec) {
      if (ec) return;
      Tick(Clock::now());
      if (shared_.running > 0) Arm();
    });
  }

  void Tick(Clock::time_point now) {
    for (auto& c : connections_) c->CheckDeadline(now);
    // Every connection failed to open and none ever did: the target is not
    // there, so stop instead of failing every request one by one.
    if (shared_.openings == 0 &&
        shared_.failed.connect >= connections_.size() && !shared_.aborted) {
      shared_.aborted = true;
      for (auto& c : connections_) c->Abandon();
    }
    if (progress_ && now - last_progress_ >= kProgressInterval) {
      last_progress_ = now;
      progress_(
          LoadProgress{shared_.completed, shared_.failed.total(), shared_.total,
                       std::chrono::duration<double>(now - start_).count()});
    }
  }

  asio::steady_timer timer_;
  LoadShared& shared_;
  std::vector<std::unique_ptr<LoadConnection>>& connections_;
  std::chrono::milliseconds period_;
  const LoadProgressFn& progress_;
  Clock::time_point start_;
  Clock::time_point last_progress_;
};

}  // namespace

Result<RequestList> LoadRequests(const LoadOptions& options) {
  if (!options.dataset_path.empty())
    return DatasetRequests(options.dataset_path, options.protocol);
  return GeneratedRequests(options.protocol, options.strategy,
                           static_cast<size_t>(std::min<uint64_t>(
                               options.requests, kGeneratedRequests)),
                           options.seed);
}

Result<LoadReport> RunLoad(const LoadOptions& options,
                           const LoadProgressFn& on_progress) {
  ASSIGN_OR_RETURN(RequestList requests, LoadRequests(options));
  return RunLoad(options, requests, on_progress);
}

Result<LoadReport> RunLoad(const LoadOptions& options,
                           const RequestList& requests,
                           const LoadProgressFn& on_progress) {
  RETURN_IF_ERROR(CheckOptions(options, requests));
  const std::string target = options.host + ":" + std::to_string(options.port);
  asio::io_context io(1);
  ASSIGN_OR_RETURN(asio::ip::tcp::endpoint endpoint,
                   Resolve(io, options.host, options.port, target));
  // The opening of the protocol's built-in probe configuration (S7: its
  // TSAPs and PDU size), asking for the pipeline's depth in flight.
  ASSIGN_OR_RETURN(probe::ProbeConfig config,
                   probe::DefaultProbeConfig(options.protocol));
  ASSIGN_OR_RETURN(std::unique_ptr<ConnectionOpening> opening,
                   config.settings->Opening(
                       static_cast<uint16_t>(options.pipeline),
                       [] { return kOpeningRef; }));
  const Protocol& protocol = *FindProtocol(options.protocol);

  LoadShared shared(options, requests.requests, protocol, opening.get(),
                    endpoint, target);
  const size_t count = static_cast<size_t>(
      std::min<uint64_t>(options.connections, options.requests));
  std::vector<std::unique_ptr<LoadConnection>> connections;
  for (size_t i = 0; i < count; ++i)
    connections.push_back(std::make_unique<LoadConnection>(io, shared));
  // Deadlines are checked at a tenth of the timeout (1..20 ms), so a
  // request fails at most that much later than its timeout.
  const auto period =
      std::clamp(options.timeout / 10, std::chrono::milliseconds(1),
                 std::chrono::milliseconds(20));
  RunTimer timer(io, shared, connections, period, on_progress);
  shared.running = count;
  shared.on_all_finished = [&timer] { timer.Stop(); };

  const Clock::time_point start = Clock::now();
  shared.last_finish = start;
  timer.Start(start);
  for (auto& c : connections) c->Start();
  io.run();

  if (shared.openings == 0)
    return IoError(shared.first_opening_error.empty()
                       ? "could not open a connection to " + target
                       : shared.first_opening_error);
  LoadReport report;
  report.target = target;
  report.protocol = options.protocol;
  report.connections = count;
  report.pipeline = options.pipeline;
  report.requests = options.requests;
  report.completed = shared.completed;
  report.failed = shared.failed;
  report.connections_opened = shared.openings;
  report.seconds =
      std::chrono::duration<double>(shared.last_finish - start).count();
  report.responses_per_s =
      report.seconds > 0
          ? static_cast<double>(report.completed) / report.seconds
          : 0;
  report.latency = LatencySummary{Millis(shared.latency.Percentile(50)),
                                  Millis(shared.latency.Percentile(90)),
                                  Millis(shared.latency.Percentile(99)),
                                  Millis(shared.latency.max())};
  return report;
}

}  // namespace protolm::loadgen
