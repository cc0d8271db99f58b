// The validity guard: no response that fails the protocol's validator ever
// leaves the honeypot.
//
// LLMPot's honeypot echoed the request back when the model's output was not
// valid, which gives a honeypot away. Here every response the model
// produces is checked with the validator the evaluation uses (RVA), under
// the served model's rules (served_model.h). When it fails — or the model
// could not answer at all — the guard sends the protocol-correct fallback:
// the plainest answer the response grammar admits that the validator
// accepts under the model's rules. The plainest answer is the grammar
// walked taking end where allowed and otherwise the lowest allowed byte
// (zero data, the shortest acknowledgement); where that is not the answer
// due (an exception where a normal answer is due, or another exception
// code), the other choices are tried position by position, and where the
// device would stay silent (a unit it ignores) nothing is sent. The
// grammar only admits answers the spec-only validator accepts, so even
// when no candidate fits the device's rules the fallback is valid under the
// specification. Pure and thread-safe.
#pragma once

#include <string>

#include "honeypot/served_model.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::honeypot {

struct GuardedResponse {
  Bytes bytes;              // what to send (empty: send nothing)
  bool model_valid = true;  // the model's own answer passed the validator
  std::string action;       // "" (sent as the model said) or "fallback"
  std::string reason;       // why the model's answer was replaced
};

/// Checks `model_answer` (the model's response, or its error) to `request`
/// (decoded by the model's protocol) and returns what to send.
GuardedResponse GuardResponse(const ServedModel& model,
                              const DecodedRequest& request,
                              const Result<Bytes>& model_answer);

/// The fallback for `request` (file comment), for tests and the guard.
Bytes FallbackResponse(const ServedModel& model,
                       const DecodedRequest& request);

}  // namespace protolm::honeypot
