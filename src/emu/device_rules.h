// What a clone knows of its device's rules, by protocol: learned from the
// training split of its probe, kept in the checkpoint, given to the response
// grammars so that the model chooses data, never whether an address exists
// or what the device's identity is.
//
// Modbus: the tables, refused functions, identification objects and
// identification answers of learned_modbus_rules.h, used only when they
// explain every training exchange. S7comm: the memory areas of
// learned_s7_areas.h (used only when they explain every item's return code)
// and the connection confirm, setup and userdata (SZL) answers the PLC gave
// identically each time (s7_identity_answers.h). The checkpoint keeps them in
// provenance.extra under "modbus_rules", "s7_areas" and
// "s7_identity_answers". Beside the rules, a Modbus clone keeps the memory
// its device started from (learned_modbus_memory.h, key "modbus_memory"),
// which seeds its state overlay. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "emu/modbus_memory_image.h"
#include "lm/engine/checkpoint.h"
#include "lm/engine/tokens.h"
#include "metrics/modbus_rules.h"
#include "metrics/s7_validator.h"
#include "util/status.h"

namespace protolm::emu {

struct DeviceRules {
  metrics::ModbusRules modbus;  // the specification's alone when none learned
  metrics::S7Rules s7;          // areas (when learned), identity answers
  ModbusMemoryImage modbus_memory;  // the values the device started from
};

/// Learns the rules of a `protocol` device from its exchanges (other
/// protocols: none). `summary` (nullable) gets one line for the log.
DeviceRules LearnDeviceRules(std::string_view protocol,
                             const std::vector<lm::ByteExchange>& exchanges,
                             std::string* summary);

/// Adds what was learned to a checkpoint's provenance.extra.
void StoreDeviceRules(const DeviceRules& rules, nlohmann::json* extra);

/// The rules a checkpoint keeps (none: the specification's alone). Errors:
/// Malformed naming the field that does not parse.
Result<DeviceRules> DeviceRulesOf(const lm::Provenance& provenance);

}  // namespace protolm::emu
