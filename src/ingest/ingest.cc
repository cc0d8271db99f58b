// The ingestion pipeline: capture source → PDUs → exchanges (see ingest.h).
#include "ingest/ingest.h"

#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/capture_source.h"
#include "trace/exchange_pairer.h"

namespace protolm {

nlohmann::json IngestSummary::ToJson() const {
  return {
      {"packets", capture.packets},
      {"bytes", capture.bytes},
      {"tcp_flows", capture.tcp_flows},
      {"udp_flows", capture.udp_flows},
      {"sessions", sessions},
      {"pdus", pdus},
      {"requests", requests},
      {"responses", responses},
      {"events", events},
      {"control", control},
      {"exchanges", exchanges},
      {"malformed", malformed},
      {"unanswered", unanswered},
      {"orphans", orphans},
      {"skipped_bytes", skipped_bytes},
      {"resyncs", resyncs},
      {"decrypted_sessions", decrypted_sessions},
      {"lost_bytes", capture.lost_bytes},
      {"retransmitted_bytes", capture.retransmitted_bytes},
      {"malformed_packets", capture.malformed_packets},
      {"warnings", capture.warnings},
      {"truncated_file", capture.truncated_file},
  };
}

namespace {

/// What ingest keeps about one session (trace) of the capture.
struct SessionState {
  Session session;
  std::unique_ptr<ExchangePairer> pairer;
};

/// Pairs each trace's PDUs into exchanges, counts them and hands the
/// exchanges to the callback.
class PairingSink : public TraceSink {
 public:
  PairingSink(const IngestOptions& options, const ExchangeCallback& on_exchange,
              IngestSummary& summary)
      : options_(options), on_exchange_(on_exchange), summary_(summary) {}

  void OnTraceStart(const TraceInfo& trace) override {
    ++summary_.sessions;
    SessionState& state = sessions_[trace.number];
    NetworkPeers peers = trace.network.value_or(NetworkPeers{});
    state.session.id = trace.number;
    state.session.protocol = trace.protocol;
    state.session.client = std::move(peers.client);
    state.session.server = std::move(peers.server);
    state.session.saw_handshake = peers.saw_handshake;
    Session* session = &state.session;
    state.pairer = std::make_unique<ExchangePairer>(
        trace.number, [this, session](Exchange&& e) {
          Emit(e, *session);
          Recycle(e);
        });
  }

  /// The capture source inspects every PDU and names its direction.
  void OnEvent(const TraceInfo& trace, TraceEvent& event) override {
    Message m;
    m.session_id = trace.number;
    m.time_us = event.time_us.value_or(0);
    m.direction = std::get<Direction>(event.actor);
    m.bytes = std::move(event.bytes);
    // The source copies the next PDU into a spent buffer: no allocation.
    event.bytes = TakeSpareBuffer();
    m.dissection.info = std::move(event.pdu->info);
    m.dissection.status = std::move(event.pdu->status);
    const PduInfo& info = m.dissection.info;
    if (info.application_pdu) {
      ++summary_.pdus;
      if (info.role == PduRole::kRequest) ++summary_.requests;
      if (info.role == PduRole::kResponse) ++summary_.responses;
      if (info.role == PduRole::kEvent) ++summary_.events;
    } else {
      ++summary_.control;
    }
    if (!m.dissection.status.ok()) ++summary_.malformed;
    sessions_.at(trace.number).pairer->Add(std::move(m));
  }

  void OnTraceEnd(const TraceInfo& trace) override {
    auto it = sessions_.find(trace.number);
    it->second.pairer->Finish();
    sessions_.erase(it);
  }

  void OnWarning(const Status& warning) override {
    if (options_.on_warning) options_.on_warning(warning.message());
  }

  const Status& output_status() const { return output_status_; }

 private:
  void Emit(const Exchange& e, const Session& session) {
    ++summary_.exchanges;
    if (e.status == ExchangeStatus::kUnanswered) ++summary_.unanswered;
    if (e.status == ExchangeStatus::kOrphan) ++summary_.orphans;
    if (!output_status_.ok()) return;
    output_status_ = on_exchange_(e, session);
  }

  /// Keeps the byte buffers of an emitted exchange for later PDUs, so a
  /// steady session copies its PDUs without allocating.
  void Recycle(Exchange& e) {
    for (std::optional<Message>* m : {&e.request, &e.response}) {
      if (*m && spare_buffers_.size() < kMaxSpareBuffers &&
          (*m)->bytes.capacity() <= kMaxSpareBufferBytes)
        spare_buffers_.push_back(std::move((*m)->bytes));
    }
  }

  Bytes TakeSpareBuffer() {
    if (spare_buffers_.empty()) return Bytes();
    Bytes buffer = std::move(spare_buffers_.back());
    spare_buffers_.pop_back();
    return buffer;
  }

  static constexpr size_t kMaxSpareBuffers = 64;
  static constexpr size_t kMaxSpareBufferBytes = 64 << 10;

  const IngestOptions& options_;
  const ExchangeCallback& on_exchange_;
  IngestSummary& summary_;
  std::map<uint64_t, SessionState> sessions_;  // open traces by number
  std::vector<Bytes> spare_buffers_;           // emptied PDU buffers to reuse
  Status output_status_;
};

}  // namespace

Result<IngestSummary> IngestCapture(const std::string& path,
                                    const IngestOptions& options,
                                    const ExchangeCallback& on_exchange) {
  CaptureSourceOptions source_options;
  source_options.protocol = options.protocol;
  source_options.key_logs = options.key_logs;
  source_options.on_progress = options.on_progress;
  CaptureSource source(path, std::move(source_options));
  IngestSummary summary;
  PairingSink sink(options, on_exchange, summary);
  RETURN_IF_ERROR(source.Run(sink));
  RETURN_IF_ERROR(sink.output_status());
  summary.capture = source.stats().capture;
  summary.skipped_bytes = source.stats().skipped_bytes;
  summary.resyncs = source.stats().resyncs;
  summary.decrypted_sessions = source.stats().decrypted_sessions;
  return summary;
}

}  // namespace protolm
