// Learning a Modbus device's rules from its probe (see learned_modbus_rules.h).
#include "proto/modbus/learned_modbus_rules.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <variant>

#include "proto/answer_table_json.h"
#include "proto/modbus/adu.h"
#include "proto/modbus/function_code.h"
#include "proto/modbus/range_check.h"

namespace protolm::modbus {
namespace {

using modbus::AddressRange;
using modbus::ModbusTable;
using modbus::UnknownUnitPolicy;
using Kind = modbus::ExpectedOutcome::Kind;

/// A table the probe never asked about is assumed whole.
constexpr uint32_t kWholeTable = 65536;
constexpr size_t kUnexplainedKept = 5;

/// What the device did with one request.
struct Observed {
  Kind kind = Kind::kNormal;  // kNormal, kException or kNoAnswer
  uint8_t code = 0;           // the exception code
};

/// Nothing for a response too short to say (it teaches nothing).
std::optional<Observed> Classify(ByteView response) {
  if (response.empty()) return Observed{Kind::kNoAnswer, 0};
  if (response.size() <= modbus::kMbapSize) return std::nullopt;
  const uint8_t function = response[modbus::kMbapSize];
  if (!(function & modbus::kExceptionBit)) return Observed{Kind::kNormal, 0};
  if (response.size() <= modbus::kMbapSize + 1) return std::nullopt;
  return Observed{Kind::kException, response[modbus::kMbapSize + 1]};
}

bool Explains(const modbus::ExpectedOutcome& due, const Observed& seen) {
  if (due.kind == Kind::kOpen) return true;
  if (due.kind != seen.kind) return false;
  return due.kind != Kind::kException ||
         static_cast<uint8_t>(due.code) == seen.code;
}

std::string Describe(const modbus::ExpectedOutcome& due) {
  switch (due.kind) {
    case Kind::kNormal:
      return "a normal answer";
    case Kind::kException:
      return "exception " + std::to_string(static_cast<int>(due.code));
    case Kind::kNoAnswer:
      return "no answer";
    case Kind::kOpen:
      break;
  }
  return "any answer";
}

/// Requests whose answers do not depend on the device's state: device
/// identification and report server id.
bool IsIdentityRequest(const modbus::Request& pdu) {
  return pdu.function == modbus::fc::kReportServerId ||
         std::holds_alternative<modbus::DeviceIdRequest>(pdu.body);
}

/// Entries seen answered normally, and whether the table was asked at all.
struct TableEvidence {
  bool asked = false;
  bool answered = false;
  uint32_t lowest = 0;
  uint32_t end = 0;  // one past the highest entry answered
};

struct Decoded {
  modbus::RequestAdu adu;
  Observed seen;
  Bytes request, response;
};

std::vector<Decoded> DecodeAll(std::span<const ByteExchange> exchanges) {
  std::vector<Decoded> decoded;
  for (const ByteExchange& e : exchanges) {
    auto adu = modbus::DecodeRequestAdu(e.request);
    auto seen = Classify(e.response);
    if (adu.ok() && seen)
      decoded.push_back({*adu, *seen, e.request, e.response});
  }
  return decoded;
}

modbus::ModbusRules Infer(const std::vector<Decoded>& decoded) {
  std::array<TableEvidence, 4> tables{};
  std::set<uint8_t> refused, objects, answered_units;
  std::map<Bytes, Bytes> identity;
  std::set<Bytes> varying;  // identity requests answered differently
  bool ignored = false, gateway = false;
  for (const Decoded& d : decoded) {
    const modbus::Request& pdu = d.adu.pdu;
    const Observed& seen = d.seen;
    const uint8_t gateway_code = static_cast<uint8_t>(
        modbus::ExceptionCode::kGatewayTargetFailedToRespond);
    if (seen.kind == Kind::kNoAnswer) {
      ignored = true;
      continue;
    }
    if (seen.kind == Kind::kException && seen.code == gateway_code) {
      gateway = true;
      continue;
    }
    answered_units.insert(d.adu.mbap.unit_id);
    if (seen.kind == Kind::kException &&
        seen.code == static_cast<uint8_t>(modbus::ExceptionCode::kIllegalFunction))
      refused.insert(pdu.function);
    if (modbus::CheckRequestRanges(pdu)) continue;  // the specification's
    for (const modbus::TableSpan& span : modbus::TableSpans(pdu)) {
      TableEvidence& t = tables[static_cast<size_t>(span.table)];
      t.asked = true;
      if (seen.kind != Kind::kNormal) continue;
      const uint32_t end = span.address + span.quantity;
      t.lowest = t.answered ? std::min(t.lowest, span.address) : span.address;
      t.end = t.answered ? std::max(t.end, end) : end;
      t.answered = true;
    }
    if (IsIdentityRequest(pdu) && seen.kind == Kind::kNormal) {
      Bytes asked(d.request.begin() + modbus::kMbapSize, d.request.end());
      Bytes answer(d.response.begin() + modbus::kMbapSize, d.response.end());
      auto [it, inserted] = identity.emplace(asked, answer);
      if (!inserted && it->second != answer) varying.insert(asked);
    }
    if (std::holds_alternative<modbus::DeviceIdRequest>(pdu.body) &&
        seen.kind == Kind::kNormal) {
      // Stream and individual answers alike list the objects they carry.
      auto answer = modbus::DecodeResponseAdu(d.response);
      const auto* objects_seen =
          answer.ok() ? std::get_if<modbus::DeviceIdResponse>(&answer->pdu.body)
                      : nullptr;
      if (objects_seen != nullptr) {
        for (const modbus::DeviceObject& object : objects_seen->objects)
          objects.insert(object.id);
      }
    }
  }
  modbus::ModbusRules rules;
  rules.device_known = true;
  for (int f = 1; f < modbus::kExceptionBit; ++f) {
    const auto function = static_cast<uint8_t>(f);
    if (modbus::IsModeledFunction(function) && !refused.count(function))
      rules.supported_functions.push_back(function);
  }
  for (size_t t = 0; t < tables.size(); ++t) {
    const TableEvidence& e = tables[t];
    AddressRange range{0, kWholeTable};
    if (e.answered) range = {e.lowest, e.end - e.lowest};
    else if (e.asked) range = {0, 0};
    rules.Range(static_cast<ModbusTable>(t)) = range;
  }
  if (ignored || gateway) {
    rules.unit_ids.assign(answered_units.begin(), answered_units.end());
    rules.unknown_unit = ignored ? UnknownUnitPolicy::kIgnore
                                 : UnknownUnitPolicy::kGatewayException;
  }
  rules.device_id_objects.assign(objects.begin(), objects.end());
  for (const Bytes& asked : varying) identity.erase(asked);
  rules.identity_answers = std::move(identity);
  return rules;
}

const char* PolicyName(UnknownUnitPolicy policy) {
  switch (policy) {
    case UnknownUnitPolicy::kIgnore:
      return "ignore";
    case UnknownUnitPolicy::kGatewayException:
      return "gateway";
    case UnknownUnitPolicy::kAnswer:
      break;
  }
  return "answer";
}

nlohmann::json RangeJson(const AddressRange& range) {
  return nlohmann::json::array({range.start, range.count});
}

}  // namespace

LearnedModbusRules LearnModbusRules(
    std::span<const ByteExchange> exchanges) {
  const std::vector<Decoded> decoded = DecodeAll(exchanges);
  LearnedModbusRules learned;
  learned.rules = Infer(decoded);
  learned.exchanges = decoded.size();
  for (const Decoded& d : decoded) {
    const modbus::ExpectedOutcome due = modbus::ExpectedModbusOutcome(
        d.adu.pdu, d.adu.mbap.unit_id, learned.rules);
    if (Explains(due, d.seen)) {
      ++learned.explained;
    } else if (learned.unexplained.size() < kUnexplainedKept) {
      learned.unexplained.push_back(
          "request " + ToHex(d.request) + ": the rules expect " +
          Describe(due) + ", the device gave " +
          Describe({d.seen.kind, modbus::ExceptionCode{d.seen.code}}));
    }
  }
  return learned;
}

nlohmann::json ModbusRulesToJson(const modbus::ModbusRules& rules) {
  return {
      {"functions", rules.supported_functions},
      {"coils", RangeJson(rules.coils)},
      {"discrete_inputs", RangeJson(rules.discrete_inputs)},
      {"holding_registers", RangeJson(rules.holding_registers)},
      {"input_registers", RangeJson(rules.input_registers)},
      {"unit_ids", rules.unit_ids},
      {"unknown_unit", PolicyName(rules.unknown_unit)},
      {"device_id_objects", rules.device_id_objects},
      {"identity_answers", AnswerTableToJson(rules.identity_answers)},
  };
}

Result<modbus::ModbusRules> ModbusRulesFromJson(const nlohmann::json& json) {
  auto bytes = [&json](const char* key) -> Result<std::vector<uint8_t>> {
    auto it = json.find(key);
    if (it == json.end() || !it->is_array())
      return Malformed(std::string("modbus rules: \"") + key +
                       "\" is missing or not a list");
    std::vector<uint8_t> out;
    for (const auto& v : *it) {
      if (!v.is_number_unsigned() || v.get<uint64_t>() > 0xFF)
        return Malformed(std::string("modbus rules: \"") + key +
                         "\" holds something other than a byte");
      out.push_back(v.get<uint8_t>());
    }
    return out;
  };
  auto range = [&json](const char* key) -> Result<AddressRange> {
    auto it = json.find(key);
    if (it == json.end() || !it->is_array() || it->size() != 2 ||
        !(*it)[0].is_number_unsigned() || !(*it)[1].is_number_unsigned() ||
        (*it)[0].get<uint64_t>() + (*it)[1].get<uint64_t>() > kWholeTable)
      return Malformed(std::string("modbus rules: \"") + key +
                       "\" is not [start, count] within 65536 entries");
    return AddressRange{(*it)[0].get<uint32_t>(), (*it)[1].get<uint32_t>()};
  };
  if (!json.is_object()) return Malformed("modbus rules: not an object");
  modbus::ModbusRules rules;
  rules.device_known = true;
  ASSIGN_OR_RETURN(rules.supported_functions, bytes("functions"));
  ASSIGN_OR_RETURN(rules.coils, range("coils"));
  ASSIGN_OR_RETURN(rules.discrete_inputs, range("discrete_inputs"));
  ASSIGN_OR_RETURN(rules.holding_registers, range("holding_registers"));
  ASSIGN_OR_RETURN(rules.input_registers, range("input_registers"));
  ASSIGN_OR_RETURN(rules.unit_ids, bytes("unit_ids"));
  ASSIGN_OR_RETURN(rules.device_id_objects, bytes("device_id_objects"));
  if (json.contains("identity_answers")) {
    auto answers = AnswerTableFromJson(json["identity_answers"],
                                       "identity_answers");
    if (!answers.ok())
      return Malformed("modbus rules: " + answers.status().message());
    rules.identity_answers = std::move(answers).value();
  }
  auto policy = json.find("unknown_unit");
  const std::string name =
      policy != json.end() && policy->is_string() ? policy->get<std::string>()
                                                  : "";
  if (name == "ignore") {
    rules.unknown_unit = UnknownUnitPolicy::kIgnore;
  } else if (name == "gateway") {
    rules.unknown_unit = UnknownUnitPolicy::kGatewayException;
  } else if (name != "answer") {
    return Malformed(
        "modbus rules: \"unknown_unit\" is not answer, ignore or gateway");
  }
  return rules;
}

}  // namespace protolm::modbus
