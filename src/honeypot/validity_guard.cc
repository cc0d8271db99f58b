// The validity guard and its fallback (validity_guard.h).
#include "honeypot/validity_guard.h"

#include <limits>

namespace protolm::honeypot {
namespace {

/// Completions the fallback search tries at most.
constexpr size_t kMaxCompletions = 256;

bool IsValid(const ServedModel& model, const DecodedRequest& request,
             ByteView response) {
  return model.protocol->ValidateResponse(request, response, model.known.get())
      .ok();
}

/// Extends `prefix` through the grammar, taking end where allowed and
/// otherwise the lowest allowed byte.
Bytes PlainCompletion(const ResponseConstraint& grammar, Bytes prefix) {
  AllowedTokens allowed;
  for (;;) {
    allowed = AllowedTokens{};
    grammar.Allowed(prefix, &allowed);
    if (allowed.end || allowed.bytes.none()) return prefix;
    size_t next = 0;
    while (!allowed.bytes.test(next)) ++next;
    prefix.push_back(static_cast<uint8_t>(next));
  }
}

}  // namespace

Bytes FallbackResponse(const ServedModel& model,
                       const DecodedRequest& request) {
  auto grammar = model.protocol->MakeResponseConstraint(
      request, std::numeric_limits<size_t>::max(), model.known.get());
  if (grammar == nullptr) return {};
  const Bytes plain = PlainCompletion(*grammar, {});
  if (IsValid(model, request, plain)) return plain;
  if (IsValid(model, request, {})) return {};  // the device would stay silent
  // Where the plainest answer is not the one due (an exception where a
  // normal answer is due, another exception code), the choice that matters
  // is made early (a length, a function byte, a code): try the other
  // choices position by position, each completed plainly.
  size_t tried = 0;
  for (size_t position = 0; position < plain.size(); ++position) {
    Bytes prefix(plain.begin(), plain.begin() + position);
    AllowedTokens allowed;
    grammar->Allowed(prefix, &allowed);
    for (size_t byte = 0; byte < 256; ++byte) {
      if (!allowed.bytes.test(byte) || byte == plain[position]) continue;
      if (++tried > kMaxCompletions) return plain;
      prefix.push_back(static_cast<uint8_t>(byte));
      Bytes candidate = PlainCompletion(*grammar, prefix);
      if (IsValid(model, request, candidate)) return candidate;
      prefix.pop_back();
    }
  }
  return plain;  // valid under the specification, the grammar's guarantee
}

GuardedResponse GuardResponse(const ServedModel& model,
                              const DecodedRequest& request,
                              const Result<Bytes>& model_answer) {
  GuardedResponse out;
  if (model_answer.ok()) {
    Status valid = model.protocol->ValidateResponse(request, *model_answer,
                                                    model.known.get());
    if (valid.ok()) {
      out.bytes = *model_answer;
      return out;
    }
    out.reason = valid.message();
  } else {
    out.reason = "the model gave no answer: " + model_answer.status().message();
  }
  out.model_valid = false;
  out.action = "fallback";
  out.bytes = FallbackResponse(model, request);
  return out;
}

}  // namespace protolm::honeypot
