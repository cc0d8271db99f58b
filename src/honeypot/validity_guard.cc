// The validity guard and its fallbacks (validity_guard.h).
#include "honeypot/validity_guard.h"

#include "emu/response_constraint.h"
#include "metrics/response_validator.h"
#include "proto/modbus/adu.h"
#include "proto/modbus/builders.h"

namespace protolm::honeypot {
namespace {

/// The plainest response the protocol's grammar admits for `request`.
Bytes PlainestGrammarResponse(const std::string& protocol, ByteView request) {
  auto grammar = emu::MakeResponseConstraint(protocol, request);
  Bytes response;
  if (grammar == nullptr) return response;
  lm::AllowedTokens allowed;
  for (;;) {
    allowed = lm::AllowedTokens{};
    grammar->Allowed(response, &allowed);
    if (allowed.end || allowed.bytes.none()) return response;
    size_t next = 0;
    while (!allowed.bytes.test(next)) ++next;
    response.push_back(static_cast<uint8_t>(next));
  }
}

/// The Modbus exception (or silence) the rules make due, if one is.
std::optional<Bytes> DueModbusException(const ServedModel& model,
                                        ByteView request) {
  auto adu = modbus::DecodeRequestAdu(request);
  if (!adu.ok()) return std::nullopt;  // the grammar knows malformed requests
  metrics::ExpectedOutcome due = metrics::ExpectedModbusOutcome(
      adu->pdu, adu->mbap.unit_id, model.modbus_rules);
  if (due.kind == metrics::ExpectedOutcome::Kind::kNoAnswer) return Bytes{};
  if (due.kind != metrics::ExpectedOutcome::Kind::kException)
    return std::nullopt;
  auto bytes = modbus::BuildResponseAdu(
      adu->mbap.transaction_id, adu->mbap.unit_id,
      modbus::ExceptionResponse(adu->pdu.function, due.code));
  if (!bytes.ok()) return std::nullopt;
  return std::move(*bytes);
}

}  // namespace

Bytes FallbackResponse(const ServedModel& model, ByteView request) {
  if (model.protocol == "modbus") {
    if (auto exception = DueModbusException(model, request)) return *exception;
  }
  return PlainestGrammarResponse(model.protocol, request);
}

GuardedResponse GuardResponse(const ServedModel& model, ByteView request,
                              const Result<Bytes>& model_answer) {
  GuardedResponse out;
  if (model_answer.ok()) {
    Status valid =
        metrics::ValidateResponse(model.protocol, request, *model_answer,
                                  model.modbus_rules, model.s7_rules);
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
