// Learning, storing and loading what a Modbus clone knows (modbus_knowledge.h).
#include "proto/modbus/modbus_knowledge.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "proto/modbus/learned_modbus_memory.h"
#include "proto/modbus/learned_modbus_rules.h"

namespace protolm::modbus {
namespace {

constexpr const char* kRulesKey = "modbus_rules";
constexpr const char* kMemoryKey = "modbus_memory";

std::string DescribeRules(const LearnedModbusRules& learned) {
  const ModbusRules& r = learned.rules;
  auto range = [](const AddressRange& a) {
    return a.count == 0 ? std::string("none")
                        : fmt::format("{}-{}", a.start, a.start + a.count - 1);
  };
  std::string line = fmt::format(
      "device rules learned from {} exchanges (coils {}, discrete inputs {}, "
      "holding registers {}, input registers {}, {} identification objects, "
      "{} identification answers) explain {}",
      learned.exchanges, range(r.coils), range(r.discrete_inputs),
      range(r.holding_registers), range(r.input_registers),
      r.device_id_objects.size(), r.identity_answers.size(), learned.explained);
  if (learned.usable()) return line + ": decoding follows them";
  line += ": not used; decoding follows the specification alone";
  for (const std::string& u : learned.unexplained) line += "\n  " + u;
  return line;
}

std::string DescribeMemory(const ModbusMemoryImage& m) {
  using T = ModbusTable;
  return fmt::format(
      "; starting memory seen by the training reads: {} coils, {} discrete "
      "inputs, {} holding registers, {} input registers",
      m.Known(T::kCoils).size(), m.Known(T::kDiscreteInputs).size(),
      m.Known(T::kHoldingRegisters).size(), m.Known(T::kInputRegisters).size());
}

}  // namespace

void ModbusKnowledge::Store(nlohmann::json* extra) const {
  if (rules.device_known) (*extra)[kRulesKey] = ModbusRulesToJson(rules);
  nlohmann::json memory = ModbusMemoryToJson(starting_memory);
  if (!memory.empty()) (*extra)[kMemoryKey] = std::move(memory);
}

std::unique_ptr<ModbusKnowledge> LearnModbusDevice(
    std::span<const ByteExchange> training,
    std::span<const ByteExchange> sequence, std::string* summary) {
  auto known = std::make_unique<ModbusKnowledge>();
  const LearnedModbusRules learned = LearnModbusRules(training);
  if (learned.usable()) known->rules = learned.rules;
  known->starting_memory = LearnModbusStartingMemory(sequence);
  if (summary != nullptr)
    *summary = DescribeRules(learned) + DescribeMemory(known->starting_memory);
  return known;
}

Result<std::unique_ptr<ModbusKnowledge>> ModbusKnowledgeFromProvenance(
    const nlohmann::json& extra) {
  if (!extra.is_object() ||
      (!extra.contains(kRulesKey) && !extra.contains(kMemoryKey)))
    return std::unique_ptr<ModbusKnowledge>();
  auto known = std::make_unique<ModbusKnowledge>();
  if (extra.contains(kRulesKey)) {
    ASSIGN_OR_RETURN(known->rules, ModbusRulesFromJson(extra[kRulesKey]));
  }
  if (extra.contains(kMemoryKey)) {
    ASSIGN_OR_RETURN(known->starting_memory,
                     ModbusMemoryFromJson(extra[kMemoryKey]));
  }
  return known;
}

}  // namespace protolm::modbus
