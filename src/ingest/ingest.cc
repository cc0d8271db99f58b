// The ingestion pipeline: capture → flows → PDUs → exchanges (see ingest.h).
#include "ingest/ingest.h"

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/pdu_framer.h"
#include "proto/registry/codec_registry.h"
#include "proto/registry/protocol_table.h"
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
      {"lost_bytes", capture.lost_bytes},
      {"retransmitted_bytes", capture.retransmitted_bytes},
      {"malformed_packets", capture.malformed_packets},
      {"warnings", capture.warnings},
      {"truncated_file", capture.truncated_file},
  };
}

namespace {

/// Everything ingest keeps about one TCP flow a codec claimed.
struct FlowState {
  const Codec* codec = nullptr;
  Session session;
  std::unique_ptr<PduFramer> framers[2];
  std::unique_ptr<ExchangePairer> pairer;
};

class IngestPipeline : public CaptureSink {
 public:
  IngestPipeline(const Codec* forced, const IngestOptions& options,
                 const ExchangeCallback& on_exchange, IngestSummary& summary)
      : forced_(forced), options_(options), on_exchange_(on_exchange),
        summary_(summary) {}

  void OnFlowStart(const FlowInfo& flow) override {
    if (flow.transport != FlowInfo::Transport::kTcp) return;
    undecided_.emplace(flow.id, flow);
  }

  void OnStreamData(const FlowInfo& flow, Direction dir, int64_t ts_us,
                    ByteView data) override {
    FlowState* state = Claim(flow, data);
    if (state == nullptr) return;
    PduFramer& framer = *state->framers[static_cast<int>(dir)];
    // Two pointers fit std::function's inline storage: no allocation per call.
    PduContext context{state, dir, ts_us};
    framer.Feed(data, [this, &context](ByteView pdu) {
      OnPdu(*context.state, context.dir, context.ts_us, pdu);
    });
  }

  void OnStreamGap(const FlowInfo& flow, Direction dir, int64_t,
                   uint64_t) override {
    auto it = flows_.find(flow.id);
    if (it != flows_.end()) it->second.framers[static_cast<int>(dir)]->Gap();
  }

  void OnFlowEnd(const FlowInfo& flow) override {
    undecided_.erase(flow.id);
    auto it = flows_.find(flow.id);
    if (it == flows_.end()) return;
    Close(it->second);
    flows_.erase(it);
  }

  void OnWarning(const CaptureWarning& w) override {
    if (options_.on_warning) options_.on_warning(w.text);
  }

  /// Ends every flow still open when the capture ends.
  void FinishAll() {
    for (auto& [id, state] : flows_) Close(state);
    flows_.clear();
    undecided_.clear();
  }

  const Status& output_status() const { return output_status_; }

 private:
  /// The flow's state, choosing its codec on its first data; nullptr when no
  /// codec claims the flow.
  FlowState* Claim(const FlowInfo& flow, ByteView first_data) {
    auto it = flows_.find(flow.id);
    if (it != flows_.end()) return &it->second;
    if (undecided_.erase(flow.id) == 0) return nullptr;  // rejected before
    const Codec* codec = ChooseCodec(flow, first_data);
    if (codec == nullptr) return nullptr;
    FlowState& state = flows_[flow.id];
    state.codec = codec;
    state.session.id = flow.id;
    state.session.protocol = std::string(codec->name());
    state.session.client = Endpoint{flow.client_ip, flow.client_port};
    state.session.server = Endpoint{flow.server_ip, flow.server_port};
    state.session.saw_handshake = flow.saw_handshake;
    for (auto& f : state.framers) f = std::make_unique<PduFramer>(*codec);
    Session* session = &state.session;
    state.pairer = std::make_unique<ExchangePairer>(
        flow.id, [this, session](Exchange&& e) {
          Emit(e, *session);
          Recycle(e);
        });
    ++summary_.sessions;
    return &state;
  }

  const Codec* ChooseCodec(const FlowInfo& flow, ByteView first_data) const {
    if (forced_ != nullptr) {
      auto ports = forced_->well_known_ports();
      for (uint16_t p : ports)
        if (p == flow.server_port || p == flow.client_port) return forced_;
      return forced_->DetectScore(first_data) >= 50 ? forced_ : nullptr;
    }
    if (const Codec* c = CodecForPort(flow.server_port)) return c;
    if (const Codec* c = CodecForPort(flow.client_port)) return c;
    return DetectCodec(first_data);
  }

  void OnPdu(FlowState& state, Direction dir, int64_t ts_us, ByteView pdu) {
    Message m;
    m.session_id = state.session.id;
    m.time_us = ts_us;
    m.direction = dir;
    if (!spare_buffers_.empty()) {
      m.bytes = std::move(spare_buffers_.back());
      spare_buffers_.pop_back();
    }
    m.bytes.assign(pdu.begin(), pdu.end());
    Inspection inspection = state.codec->Inspect(pdu, dir);
    m.dissection.info = std::move(inspection.info);
    m.dissection.status = std::move(inspection.status);
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
    state.pairer->Add(std::move(m));
  }

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

  void Close(FlowState& state) {
    state.pairer->Finish();
    for (auto& f : state.framers) {
      summary_.skipped_bytes += f->skipped_bytes();
      summary_.resyncs += f->resyncs();
    }
  }

  /// What OnStreamData's framer callback needs about the current chunk.
  struct PduContext {
    FlowState* state;
    Direction dir;
    int64_t ts_us;
  };
  static constexpr size_t kMaxSpareBuffers = 64;
  static constexpr size_t kMaxSpareBufferBytes = 64 << 10;

  const Codec* forced_;
  const IngestOptions& options_;
  const ExchangeCallback& on_exchange_;
  IngestSummary& summary_;
  std::map<uint64_t, FlowInfo> undecided_;  // TCP flows with no data yet
  std::map<uint64_t, FlowState> flows_;     // flows a codec claimed
  std::vector<Bytes> spare_buffers_;        // emptied PDU buffers to reuse
  Status output_status_;
};

}  // namespace

Result<IngestSummary> IngestCapture(const std::string& path,
                                    const IngestOptions& options,
                                    const ExchangeCallback& on_exchange) {
  const Codec* forced = nullptr;
  if (options.protocol != "auto") {
    forced = FindCodec(options.protocol);
    if (forced == nullptr)
      return InvalidArgument("unknown protocol '" + options.protocol +
                             "' (use auto, " + ProtocolNames() + ")");
  }
  IngestSummary summary;
  IngestPipeline pipeline(forced, options, on_exchange, summary);
  CaptureOptions capture_options;
  capture_options.on_progress = options.on_progress;
  capture_options.is_server_port = [forced](uint16_t port) {
    if (forced != nullptr) {
      for (uint16_t p : forced->well_known_ports())
        if (p == port) return true;
      return false;
    }
    return CodecForPort(port) != nullptr;
  };
  ASSIGN_OR_RETURN(summary.capture,
                   ReadCapture(path, capture_options, pipeline));
  pipeline.FinishAll();
  RETURN_IF_ERROR(pipeline.output_status());
  return summary;
}

}  // namespace protolm
