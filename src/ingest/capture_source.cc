// Capture → flows → codec per flow → PDUs → trace events (see
// capture_source.h).
#include "ingest/capture_source.h"

#include <map>
#include <memory>
#include <utility>

#include "ingest/pdu_framer.h"
#include "proto/registry/codec_registry.h"
#include "proto/registry/protocol_table.h"
#include "trace/protocol_token.h"

namespace protolm {
namespace {

/// Everything the source keeps about one TCP flow a codec claimed.
struct FlowState {
  const Codec* codec = nullptr;
  TraceInfo trace;
  std::unique_ptr<PduFramer> framers[2];
  std::unique_ptr<SessionDecryptor> decryptor;  // nullptr: none
};

/// The CaptureSink that turns flows into traces for a TraceSink.
class FlowsToTraces : public CaptureSink {
 public:
  FlowsToTraces(const Codec* forced, std::optional<int> token_depth,
                const KeyLogs* key_logs, TraceSink& sink,
                CaptureSourceStats& stats)
      : forced_(forced),
        token_depth_(token_depth),
        key_logs_(key_logs),
        sink_(sink),
        stats_(stats) {}

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
      if (context.state->decryptor == nullptr) {
        OnPdu(*context.state, context.dir, context.ts_us, pdu);
        return;
      }
      context.state->decryptor->Decrypt(
          pdu, context.dir, [this, &context](ByteView unit) {
            OnPdu(*context.state, context.dir, context.ts_us, unit);
          });
    });
  }

  void OnStreamGap(const FlowInfo& flow, Direction dir, int64_t,
                   uint64_t) override {
    auto it = flows_.find(flow.id);
    if (it == flows_.end()) return;
    it->second.framers[static_cast<int>(dir)]->Gap();
    if (it->second.decryptor != nullptr) it->second.decryptor->Gap(dir);
  }

  /// ReadCapture ends every flow it started, so every trace ends here.
  void OnFlowEnd(const FlowInfo& flow) override {
    undecided_.erase(flow.id);
    auto it = flows_.find(flow.id);
    if (it == flows_.end()) return;
    for (auto& f : it->second.framers) {
      stats_.skipped_bytes += f->skipped_bytes();
      stats_.resyncs += f->resyncs();
    }
    const SessionDecryptor* decryptor = it->second.decryptor.get();
    if (decryptor != nullptr && decryptor->decrypted())
      ++stats_.decrypted_sessions;
    sink_.OnTraceEnd(it->second.trace);
    flows_.erase(it);
  }

  void OnWarning(const CaptureWarning& w) override {
    sink_.OnWarning(Malformed(w.text));
  }

 private:
  /// The flow's state, choosing its codec on its first data (and starting
  /// its trace); nullptr when no codec claims the flow.
  FlowState* Claim(const FlowInfo& flow, ByteView first_data) {
    auto it = flows_.find(flow.id);
    if (it != flows_.end()) return &it->second;
    if (undecided_.erase(flow.id) == 0) return nullptr;  // rejected before
    const Codec* codec = ChooseCodec(flow, first_data);
    if (codec == nullptr) return nullptr;
    FlowState& state = flows_[flow.id];
    state.codec = codec;
    NetworkPeers peers{Endpoint{flow.client_ip, flow.client_port},
                       Endpoint{flow.server_ip, flow.server_port},
                       flow.saw_handshake};
    state.trace.id = peers.client.ToString() + "-" + peers.server.ToString();
    state.trace.number = flow.id;
    state.trace.protocol = std::string(codec->name());
    state.trace.network = std::move(peers);
    state.trace.first_record = flow.first_packet;
    for (auto& f : state.framers) f = std::make_unique<PduFramer>(*codec);
    if (const KeyLog* log =
            key_logs_ ? key_logs_->For(codec->name()) : nullptr) {
      state.decryptor = log->NewSession(
          [this, id = state.trace.id](const std::string& warning) {
            sink_.OnWarning(Malformed(id + ": " + warning));
          });
    }
    sink_.OnTraceStart(state.trace);
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

  /// Refills the one reused event (see TraceSink::OnEvent) and hands it on.
  void OnPdu(FlowState& state, Direction dir, int64_t ts_us, ByteView pdu) {
    event_.time_us = ts_us;
    event_.actor = dir;
    event_.bytes.assign(pdu.begin(), pdu.end());
    event_.fields.clear();
    event_.pdu = state.codec->Inspect(pdu, dir);
    if (token_depth_) {
      event_.token = ProtocolToken(*state.codec, pdu, dir, *token_depth_);
    } else {
      event_.token.clear();
    }
    sink_.OnEvent(state.trace, event_);
  }

  /// What OnStreamData's framer callback needs about the current chunk.
  struct PduContext {
    FlowState* state;
    Direction dir;
    int64_t ts_us;
  };

  const Codec* forced_;
  std::optional<int> token_depth_;
  const KeyLogs* key_logs_;  // nullable
  TraceSink& sink_;
  CaptureSourceStats& stats_;
  std::map<uint64_t, FlowInfo> undecided_;  // TCP flows with no data yet
  std::map<uint64_t, FlowState> flows_;     // flows a codec claimed
  TraceEvent event_;
};

}  // namespace

CaptureSource::CaptureSource(std::string path, CaptureSourceOptions options)
    : path_(std::move(path)), options_(std::move(options)) {}

Status CaptureSource::Run(TraceSink& sink) {
  const Codec* forced = nullptr;
  if (options_.protocol != "auto") {
    forced = FindCodec(options_.protocol);
    if (forced == nullptr)
      return InvalidArgument("unknown protocol '" + options_.protocol +
                             "' (use auto, " + ProtocolNames() + ")");
  }
  FlowsToTraces flows(forced, options_.token_depth, options_.key_logs.get(),
                      sink, stats_);
  CaptureOptions capture_options;
  capture_options.on_progress = options_.on_progress;
  capture_options.is_server_port = [forced](uint16_t port) {
    if (forced != nullptr) {
      for (uint16_t p : forced->well_known_ports())
        if (p == port) return true;
      return false;
    }
    return CodecForPort(port) != nullptr;
  };
  ASSIGN_OR_RETURN(stats_.capture, ReadCapture(path_, capture_options, flows));
  return Status::Ok();
}

}  // namespace protolm
