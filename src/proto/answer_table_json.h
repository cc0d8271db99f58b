// The JSON form of a table of learned answers (request bytes -> answer
// bytes): [[request hex, answer hex], ...]. Used for the identification
// answers of Modbus (learned_modbus_rules.h) and S7 (s7comm/s7_knowledge.h) kept in
// a checkpoint's provenance. Pure functions; thread-safe.
#pragma once

#include <map>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

nlohmann::json AnswerTableToJson(const std::map<Bytes, Bytes>& table);

/// Errors: Malformed naming `what` when `json` is not a list of two-string
/// lists of hex digits.
Result<std::map<Bytes, Bytes>> AnswerTableFromJson(const nlohmann::json& json,
                                                   std::string_view what);

}  // namespace protolm
