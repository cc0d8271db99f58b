// What a Modbus clone knows of its device beyond the specification: the rules
// its probe revealed (tables, refused functions, units, identification
// objects and answers: learned_modbus_rules.h), used only when they explain
// every training exchange, and the memory the device started from
// (learned_modbus_memory.h), which seeds the clone's memory image. A
// checkpoint keeps them in provenance.extra under "modbus_rules" and
// "modbus_memory". Plain values; pure functions; thread-safe.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <string_view>

#include "proto/device_knowledge.h"
#include "proto/modbus/modbus_codec.h"
#include "proto/modbus/modbus_memory_image.h"
#include "proto/modbus/modbus_rules.h"
#include "util/byte_exchange.h"
#include "util/status.h"

namespace protolm::modbus {

class ModbusKnowledge final : public DeviceKnowledge {
 public:
  ModbusKnowledge() = default;
  ModbusKnowledge(ModbusRules rules, ModbusMemoryImage starting_memory)
      : rules(std::move(rules)), starting_memory(std::move(starting_memory)) {}

  std::string_view protocol() const override { return kProtocolName; }
  void Store(nlohmann::json* extra) const override;

  ModbusRules rules;                  // the specification's alone when unknown
  ModbusMemoryImage starting_memory;  // the values the device started from
};

/// Learns the rules from `training` and the starting memory from the whole
/// probe `sequence` (held-out answers empty). `summary` (nullable) gets one
/// line for the log.
std::unique_ptr<ModbusKnowledge> LearnModbusDevice(
    std::span<const ByteExchange> training,
    std::span<const ByteExchange> sequence, std::string* summary);

/// What ModbusKnowledge::Store wrote; nullptr when `extra` holds neither key.
/// Errors: Malformed naming the field that does not parse.
Result<std::unique_ptr<ModbusKnowledge>> ModbusKnowledgeFromProvenance(
    const nlohmann::json& extra);

}  // namespace protolm::modbus
