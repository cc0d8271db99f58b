// What an S7 clone knows of its PLC beyond the specification: the memory areas
// its probe revealed (learned_s7_areas.h; used only when they explain every
// item's return code) and the connection confirm, setup and SZL answers the
// PLC gave identically each time (s7_identity_answers.h). A checkpoint keeps
// them in provenance.extra under "s7_areas" and "s7_identity_answers". Plain
// values; pure functions; thread-safe.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <string_view>

#include "proto/device_knowledge.h"
#include "proto/s7comm/s7_validator.h"
#include "proto/s7comm/s7comm_codec.h"
#include "util/byte_exchange.h"
#include "util/status.h"

namespace protolm::s7comm {

class S7Knowledge final : public DeviceKnowledge {
 public:
  S7Knowledge() = default;
  explicit S7Knowledge(S7Rules rules) : rules(std::move(rules)) {}

  std::string_view protocol() const override { return kProtocolName; }
  void Store(nlohmann::json* extra) const override;

  S7Rules rules;  // areas (when learned), identity answers
};

/// Learns from the training split of a probe. `summary` (nullable) gets one
/// line for the log.
std::unique_ptr<S7Knowledge> LearnS7Device(
    std::span<const ByteExchange> training, std::string* summary);

/// What S7Knowledge::Store wrote; nullptr when `extra` holds neither key.
/// Errors: Malformed naming the field that does not parse.
Result<std::unique_ptr<S7Knowledge>> S7KnowledgeFromProvenance(
    const nlohmann::json& extra);

}  // namespace protolm::s7comm
