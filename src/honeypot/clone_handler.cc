// Sessions of a served model (clone_handler.h).
#include "honeypot/clone_handler.h"

#include "emu/responder.h"
#include "honeypot/validity_guard.h"

namespace protolm::honeypot {
namespace {

class CloneSession : public net::ProtocolSession {
 public:
  CloneSession(ServedModel& model, const CloneHandlerOptions& options)
      : model_(model),
        responder_(model.engine, *model.protocol,
                   emu::ResponderOptions{options.constrained, options.use_state,
                                         model.context, 0, model.known.get()},
                   model.state.get()) {}

  net::Reply Handle(ByteView framed_request) override {
    std::shared_ptr<const DecodedRequest> request =
        model_.protocol->DecodeRequest(framed_request);
    GuardedResponse guarded =
        GuardResponse(model_, *request, responder_.Generate(*request));
    Bytes answer = responder_.Commit(*request, guarded.bytes);
    const bool close = model_.protocol->EndsConnection(answer);
    net::Reply reply(std::move(answer), close);
    reply.valid = guarded.model_valid;
    reply.guard_action = std::move(guarded.action);
    reply.request = std::move(request);
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

std::unique_ptr<net::ProtocolHandler> NewCloneHandler(
    ServedModel& model, CloneHandlerOptions options) {
  return std::make_unique<CloneHandler>(model, model.protocol->codec(),
                                        options);
}

}  // namespace protolm::honeypot
