// Drives a probe: the protocol's strategy, the connection, the recording
// (see probe_run.h).
#include "probe/probe_run.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <memory>

#include "probe/probe_connection.h"
#include "proto/registry/protocol_table.h"

namespace protolm::probe {
namespace {

int64_t NowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// The channel of a probe run: the connection, reconnecting and opening it
/// as needed, and the recorder.
class Prober : public ProbeChannel {
 public:
  Prober(const ProbeOptions& o, const Codec& codec, ProbeRecorder& recorder)
      : o_(o), codec_(codec), recorder_(recorder) {}

  size_t connections() const { return connections_; }

  Result<Bytes> Send(Bytes request) override {
    const uint32_t per_connection = o_.config.limits().requests_per_connection;
    if (connection_ && per_connection != 0 && sent_here_ >= per_connection)
      connection_.reset();
    RETURN_IF_ERROR(EnsureConnected());
    ASSIGN_OR_RETURN(Bytes response, Exchange(request));
    ++sent_here_;
    if (!connection_->usable()) {
      connection_.reset();
      ++drops_;
    }
    return response;
  }

  uint16_t NextReference() override {
    if (next_reference_ == 0) next_reference_ = 1;
    return next_reference_++;
  }

  void Progress(size_t sent) override {
    if (o_.on_progress) o_.on_progress(sent);
  }

 private:
  /// Sends `request` on the open connection and records the exchange.
  Result<Bytes> Exchange(const Bytes& request) {
    const int64_t sent_us = NowUs();
    auto answer = connection_->Exchange(request);
    Bytes response = answer.ok() ? std::move(answer).value() : Bytes{};
    RETURN_IF_ERROR(recorder_.Record(request, sent_us, response, NowUs()));
    return response;
  }

  Status EnsureConnected() {
    if (connection_) return Status::Ok();
    if (drops_ > o_.max_reconnects)
      return IoError("target " + Target() + " dropped the connection " +
                     std::to_string(drops_) +
                     " times; giving up (see the dataset's last records)");
    ASSIGN_OR_RETURN(connection_, ProbeConnection::Connect(o_.host, o_.port,
                                                           codec_, o_.timeout));
    ++connections_;
    sent_here_ = 0;
    RETURN_IF_ERROR(
        recorder_.BeginSession(connection_->local(), connection_->peer()));
    return Open();
  }

  /// The protocol's opening (S7: COTP connect, then setup communication
  /// with one job in flight and the next reference), every step recorded.
  Status Open() {
    ASSIGN_OR_RETURN(std::unique_ptr<ConnectionOpening> opening,
                     o_.config.settings->Opening(
                         1, [this] { return NextReference(); }));
    if (opening == nullptr) return Status::Ok();
    for (size_t step = 0; step < opening->requests().size(); ++step) {
      ASSIGN_OR_RETURN(Bytes answer, Exchange(opening->requests()[step]));
      Result<uint16_t> accepted = opening->Accept(step, answer);
      if (!accepted.ok() || !connection_->usable()) {
        connection_.reset();
        return IoError("target " + Target() + " " +
                       (answer.empty()
                            ? "did not answer " + opening->step_name(step)
                            : accepted.status().message()));
      }
    }
    return Status::Ok();
  }

  std::string Target() const {
    return o_.host + ":" + std::to_string(o_.port);
  }

  const ProbeOptions& o_;
  const Codec& codec_;
  ProbeRecorder& recorder_;
  std::unique_ptr<ProbeConnection> connection_;
  size_t connections_ = 0;
  size_t drops_ = 0;      // connections the device closed or broke
  size_t sent_here_ = 0;  // requests on the current connection
  uint16_t next_reference_ = 1;
};

}  // namespace

Result<ProbeSummary> RunProbe(const ProbeOptions& o) {
  const Protocol* protocol = FindProtocol(o.config.protocol);
  if (protocol == nullptr || o.config.settings == nullptr)
    return InvalidArgument("unknown protocol '" + o.config.protocol +
                           "' (use " + ProbeableProtocolNames() + ")");
  const std::vector<std::string> strategies = o.config.settings->strategies();
  if (std::find(strategies.begin(), strategies.end(), o.strategy) ==
      strategies.end())
    return InvalidArgument("unknown strategy '" + o.strategy + "' (" +
                           o.config.protocol + " has " +
                           fmt::format("{}", fmt::join(strategies, ", ")) +
                           ")");
  ASSIGN_OR_RETURN(std::unique_ptr<ProbeRecorder> recorder,
                   ProbeRecorder::Open(protocol->codec(), o.dataset_path,
                                       o.pcap_path, o.context));
  Prober prober(o, protocol->codec(), *recorder);
  Status run = o.config.settings->Probe({o.strategy, o.size, o.seed}, prober);
  Status closed = recorder->Close(NowUs());
  RETURN_IF_ERROR(run);
  RETURN_IF_ERROR(closed);
  return ProbeSummary{recorder->tally(), prober.connections()};
}

}  // namespace protolm::probe
