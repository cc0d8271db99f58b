// Answering one request of a session (see responder.h).
#include "emu/responder.h"

#include <algorithm>
#include <memory>

#include "lm/engine/tokens.h"

namespace protolm::emu {

Responder::Responder(const lm::Engine& engine, const Protocol& protocol,
                     ResponderOptions options, StateOverlay* shared_state)
    : engine_(engine),
      protocol_(protocol),
      options_(options),
      state_(shared_state),
      numbering_(protocol.NewConnectionNumbering()) {}

Result<Bytes> Responder::Answer(ByteView framed) {
  const std::shared_ptr<const DecodedRequest> request =
      protocol_.DecodeRequest(framed);
  ASSIGN_OR_RETURN(Bytes response, Generate(*request));
  return Commit(*request, response);
}

Result<Bytes> Responder::Generate(const DecodedRequest& decoded) const {
  const ByteView request = decoded.framed();
  const lm::ModelConfig& config = engine_.config();
  ASSIGN_OR_RETURN(lm::TokenSequence prompt,
                   lm::EncodePrompt(context_, request,
                                    static_cast<size_t>(config.max_positions),
                                    static_cast<size_t>(config.max_offset)));
  // Each response byte takes a position after the prompt; keep one spare so
  // that the model can still say kEnd after the last byte.
  const size_t free_positions =
      static_cast<size_t>(config.max_positions) - prompt.tokens.size();
  size_t cap = options_.max_response_bytes != 0
                   ? options_.max_response_bytes
                   : protocol_.max_response_bytes();
  cap = std::min(cap, free_positions > 0 ? free_positions - 1 : 0);

  std::unique_ptr<ResponseConstraint> constraint;
  if (options_.constrained)
    constraint = protocol_.MakeResponseConstraint(decoded, cap, options_.known);
  lm::DecodeOptions decode;
  decode.max_response_bytes = cap;
  decode.constraint = constraint.get();
  return engine_.Generate(context_, request, decode);
}

Bytes Responder::Commit(const DecodedRequest& decoded,
                        ByteView model_response) {
  const ByteView request = decoded.framed();
  Bytes response(model_response.begin(), model_response.end());
  if (numbering_ != nullptr) response = numbering_->Number(response);
  if (options_.use_state && state_ != nullptr)
    response = state_->Settle(decoded, response);
  if (options_.context > 0) {
    context_.push_back({Bytes(request.begin(), request.end()), response});
    if (context_.size() > options_.context)
      context_.erase(context_.begin(),
                     context_.end() - static_cast<ptrdiff_t>(options_.context));
  }
  return response;
}

}  // namespace protolm::emu
