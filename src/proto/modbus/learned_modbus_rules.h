// The rules of a Modbus device a clone learns from its probe: which functions
// it refuses, which addresses of its four tables exist, which units it serves
// and which identification objects it holds.
//
// The boundaries probe (LLMPot §3.2) asks for the lowest and highest entries
// of every table and spans across their ends, so the normal answers bound
// each table and the exceptions 02 show where it ends. LearnModbusRules turns
// those observations into modbus::ModbusRules: a table is the hull of the
// spans answered normally (empty when only exceptions 02 were seen, the whole
// 16-bit space when it was never asked); a function is unsupported when it
// was answered with exception 01 (every other function the codec models is
// kept); identification objects are those any answer listed; unit ids are
// restricted only when some unit was ignored or got exception 0B; the
// answers to identification requests (43/14, 17), which do not depend on the
// device's state, are kept whole when the device gave the same one each time
// (the clone then repeats the device's identity byte for byte). The rules
// are then checked against every observed exchange: they are usable only
// when they predict each outcome seen (normal, which exception, or silence).
// Constrained decoding (modbus_response_constraint.h) then lets the model
// choose data, never whether an address exists. The JSON form travels in the
// checkpoint's provenance (modbus_knowledge.h). Pure functions; thread-safe.
#pragma once

#include <span>

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/byte_exchange.h"
#include "proto/modbus/modbus_rules.h"
#include "util/status.h"

namespace protolm::modbus {

struct LearnedModbusRules {
  modbus::ModbusRules rules;
  size_t exchanges = 0;  // requests that decode (the others teach nothing)
  size_t explained = 0;  // of those, outcomes the rules predict
  /// Up to five exchanges the rules do not explain, for the log.
  std::vector<std::string> unexplained;
  /// True when the rules explain every exchange (and there was one).
  bool usable() const { return exchanges > 0 && explained == exchanges; }
};

/// Learns from request/response ADU pairs (responses empty when the device
/// sent nothing).
LearnedModbusRules LearnModbusRules(std::span<const ByteExchange> exchanges);

/// {"functions":[...], "coils":[start,count], "discrete_inputs":..,
///  "holding_registers":.., "input_registers":.., "unit_ids":[..],
///  "unknown_unit":"answer"|"ignore"|"gateway", "device_id_objects":[..]}
nlohmann::json ModbusRulesToJson(const modbus::ModbusRules& rules);

/// The rules ModbusRulesToJson wrote (device_known set). Errors: Malformed
/// naming the missing or mistyped field.
Result<modbus::ModbusRules> ModbusRulesFromJson(const nlohmann::json& json);

}  // namespace protolm::modbus
