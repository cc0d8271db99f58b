// Learning, storing and loading a clone's device rules (see device_rules.h).
#include "emu/device_rules.h"

#include <fmt/format.h>

#include "emu/answer_table_json.h"
#include "emu/learned_modbus_memory.h"
#include "emu/learned_modbus_rules.h"
#include "emu/learned_s7_areas.h"
#include "emu/s7_identity_answers.h"

namespace protolm::emu {
namespace {

constexpr const char* kModbusKey = "modbus_rules";
constexpr const char* kS7Key = "s7_identity_answers";
constexpr const char* kS7AreasKey = "s7_areas";
constexpr const char* kModbusMemoryKey = "modbus_memory";

/// [[area code, db, size], ...]
nlohmann::json AreasToJson(const std::vector<metrics::S7AreaSize>& areas) {
  nlohmann::json list = nlohmann::json::array();
  for (const metrics::S7AreaSize& a : areas)
    list.push_back({static_cast<unsigned>(a.area), a.db, a.size});
  return list;
}

Result<std::vector<metrics::S7AreaSize>> AreasFromJson(
    const nlohmann::json& json) {
  const auto refuse = [] {
    return Malformed(std::string("\"") + kS7AreasKey +
                     "\" is not a list of [area, db, size]");
  };
  if (!json.is_array()) return refuse();
  std::vector<metrics::S7AreaSize> areas;
  for (const auto& a : json) {
    if (!a.is_array() || a.size() != 3 || !a[0].is_number_unsigned() ||
        !a[1].is_number_unsigned() || !a[2].is_number_unsigned() ||
        a[0].get<uint64_t>() > 0xFF || a[1].get<uint64_t>() > 0xFFFF ||
        a[2].get<uint64_t>() > 0xFFFFFFFF)
      return refuse();
    areas.push_back({static_cast<s7comm::Area>(a[0].get<uint8_t>()),
                     a[1].get<uint16_t>(), a[2].get<uint32_t>()});
  }
  return areas;
}

std::string DescribeModbus(const LearnedModbusRules& learned) {
  const metrics::ModbusRules& r = learned.rules;
  auto range = [](const metrics::AddressRange& a) {
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

}  // namespace

DeviceRules LearnDeviceRules(std::string_view protocol,
                             const std::vector<lm::ByteExchange>& exchanges,
                             std::string* summary) {
  DeviceRules rules;
  std::string line = "no device rules learned for " + std::string(protocol);
  if (protocol == "modbus") {
    const LearnedModbusRules learned = LearnModbusRules(exchanges);
    if (learned.usable()) rules.modbus = learned.rules;
    line = DescribeModbus(learned);
  } else if (protocol == "s7comm") {
    rules.s7.identity_answers = LearnS7IdentityAnswers(exchanges);
    const LearnedS7Areas areas = LearnS7Areas(exchanges);
    if (areas.usable()) {
      rules.s7.device_known = true;
      rules.s7.areas = areas.areas;
    }
    line = fmt::format(
        "device rules learned from {} exchanges: {} memory areas explain {} "
        "of {} item return codes{}; {} identity answers (connection, setup "
        "and SZL answers the PLC repeated unchanged) are sent as the PLC sent "
        "them",
        exchanges.size(), areas.areas.size(), areas.explained, areas.items,
        areas.usable() ? "" : " (not used)", rules.s7.identity_answers.size());
  }
  if (summary != nullptr) *summary = std::move(line);
  return rules;
}

void StoreDeviceRules(const DeviceRules& rules, nlohmann::json* extra) {
  if (rules.modbus.device_known)
    (*extra)[kModbusKey] = ModbusRulesToJson(rules.modbus);
  if (rules.s7.device_known) (*extra)[kS7AreasKey] = AreasToJson(rules.s7.areas);
  if (!rules.s7.identity_answers.empty())
    (*extra)[kS7Key] = AnswerTableToJson(rules.s7.identity_answers);
  nlohmann::json memory = ModbusMemoryToJson(rules.modbus_memory);
  if (!memory.empty()) (*extra)[kModbusMemoryKey] = std::move(memory);
}

Result<DeviceRules> DeviceRulesOf(const lm::Provenance& provenance) {
  DeviceRules rules;
  const nlohmann::json& extra = provenance.extra;
  if (!extra.is_object()) return rules;
  if (extra.contains(kModbusKey)) {
    ASSIGN_OR_RETURN(rules.modbus, ModbusRulesFromJson(extra[kModbusKey]));
  }
  if (extra.contains(kS7AreasKey)) {
    ASSIGN_OR_RETURN(rules.s7.areas, AreasFromJson(extra[kS7AreasKey]));
    rules.s7.device_known = true;
  }
  if (extra.contains(kS7Key)) {
    ASSIGN_OR_RETURN(rules.s7.identity_answers,
                     AnswerTableFromJson(extra[kS7Key], kS7Key));
  }
  if (extra.contains(kModbusMemoryKey)) {
    ASSIGN_OR_RETURN(rules.modbus_memory,
                     ModbusMemoryFromJson(extra[kModbusMemoryKey]));
  }
  return rules;
}

}  // namespace protolm::emu
