// Sessions of a served model (clone_handler.h).
#include "honeypot/clone_handler.h"

#include "emu/responder.h"
#include "honeypot/validity_guard.h"
#include "proto/registry/codec_registry.h"
#include "proto/s7comm/cotp.h"

namespace protolm::honeypot {
namespace {

/// Bytes of the TPKT header before an S7 response's COTP TPDU.
constexpr size_t kTpktHeader = 4;

/// True when an S7 answer ends the ISO connection: a disconnect request
/// (refusing a connection) or the confirm of the client's disconnect.
bool EndsConnection(const std::string& protocol, ByteView response) {
  if (protocol != "s7comm" || response.size() <= kTpktHeader) return false;
  auto tpdu = s7comm::ParseCotp(response.subspan(kTpktHeader));
  return tpdu.ok() && (tpdu->type == s7comm::CotpType::kDisconnectRequest ||
                       tpdu->type == s7comm::CotpType::kDisconnectConfirm);
}

class CloneSession : public net::ProtocolSession {
 public:
  CloneSession(ServedModel& model, const CloneHandlerOptions& options)
      : model_(model),
        responder_(model.engine, model.protocol,
                   emu::ResponderOptions{options.constrained, options.use_state,
                                         model.context, 0,
                                         &model.learned_rules},
                   model.state.get()) {}

  net::Reply Handle(ByteView framed_request) override {
    GuardedResponse guarded = GuardResponse(
        model_, framed_request, responder_.Generate(framed_request));
    Bytes answer = responder_.Commit(framed_request, guarded.bytes);
    const bool close = EndsConnection(model_.protocol, answer);
    net::Reply reply(std::move(answer), close);
    reply.valid = guarded.model_valid;
    reply.guard_action = std::move(guarded.action);
    return reply;
  }

 private:
  ServedModel& model_;
  emu::Responder responder_;
};

class CloneHandler : public net::ProtocolHandler {
 public:
  CloneHandler(ServedModel& model, const Codec& codec,
               CloneHandlerOptions options)
      : model_(model), codec_(codec), options_(options) {}

  const Codec& codec() const override { return codec_; }
  std::unique_ptr<net::ProtocolSession> NewSession(
      const std::string&) override {
    return std::make_unique<CloneSession>(model_, options_);
  }

 private:
  ServedModel& model_;
  const Codec& codec_;
  CloneHandlerOptions options_;
};

}  // namespace

Result<std::unique_ptr<net::ProtocolHandler>> NewCloneHandler(
    ServedModel& model, CloneHandlerOptions options) {
  const Codec* codec = FindCodec(model.protocol);
  if (codec == nullptr) {
    return InvalidArgument("no codec frames protocol \"" + model.protocol +
                           "\" (known: " + CodecNames() + ")");
  }
  return std::unique_ptr<net::ProtocolHandler>(
      new CloneHandler(model, *codec, options));
}

}  // namespace protolm::honeypot
