// Device profile → the validators' knowledge (see profile_rules.h).
#include "device/profile_rules.h"

#include "proto/modbus/modbus_knowledge.h"
#include "proto/s7comm/s7_knowledge.h"

namespace protolm::device {
namespace {

modbus::AddressRange RangeOf(const ModbusTable& table) {
  return modbus::AddressRange{table.start, table.count};
}

std::vector<uint8_t> IdentityObjects(const device::ModbusIdentity& id) {
  std::vector<uint8_t> objects = {0, 1, 2};
  const std::string* regular[] = {&id.vendor_url, &id.product_name,
                                  &id.model_name, &id.user_application_name};
  for (uint8_t i = 0; i < 4; ++i)
    if (!regular[i]->empty()) objects.push_back(static_cast<uint8_t>(3 + i));
  for (const auto& [object_id, value] : id.extended)
    objects.push_back(object_id);
  return objects;
}

}  // namespace

modbus::ModbusRules ModbusRulesFromProfile(const DeviceProfile& profile) {
  const device::ModbusProfile& m = profile.modbus;
  modbus::ModbusRules rules;
  rules.device_known = true;
  rules.supported_functions = m.supported_functions;
  rules.coils = RangeOf(m.coils);
  rules.discrete_inputs = RangeOf(m.discrete_inputs);
  rules.holding_registers = RangeOf(m.holding_registers);
  rules.input_registers = RangeOf(m.input_registers);
  rules.unit_ids = m.unit_ids;
  rules.unknown_unit = m.unknown_unit;
  rules.device_id_objects = IdentityObjects(m.identity);
  for (const device::ProcessSpec& process : profile.processes) {
    for (const device::VariableBinding& b : process.bindings) {
      const bool holding = b.space == device::BindingSpace::kHoldingRegister;
      if (!holding && b.space != device::BindingSpace::kInputRegister) continue;
      if (b.type != device::ValueType::kInt16) continue;
      rules.value_ranges.push_back(
          modbus::RegisterValueRange{static_cast<uint8_t>(holding ? 3 : 4),
                                     b.address, -32768, 32767, true});
    }
  }
  return rules;
}

s7comm::S7Rules S7RulesFromProfile(const DeviceProfile& profile) {
  s7comm::S7Rules rules;
  rules.device_known = true;
  for (const device::S7Area& a : profile.s7.areas) {
    s7comm::S7AreaSize size{s7comm::Area::kDataBlock, a.db_number, a.size};
    switch (a.kind) {
      case device::S7AreaKind::kDataBlock:
        break;
      case device::S7AreaKind::kMerker:
        size = {s7comm::Area::kFlags, 0, a.size};
        break;
      case device::S7AreaKind::kInputs:
        size = {s7comm::Area::kInputs, 0, a.size};
        break;
      case device::S7AreaKind::kOutputs:
        size = {s7comm::Area::kOutputs, 0, a.size};
        break;
      case device::S7AreaKind::kTimers:
      case device::S7AreaKind::kCounters:
        continue;  // addressed by number, not judged
    }
    rules.areas.push_back(size);
  }
  return rules;
}

std::shared_ptr<const DeviceKnowledge> KnowledgeFromProfile(
    const DeviceProfile& profile, const Protocol& protocol) {
  if (protocol.name() == modbus::kProtocolName && profile.modbus.enabled) {
    return std::make_shared<modbus::ModbusKnowledge>(
        ModbusRulesFromProfile(profile), modbus::ModbusMemoryImage{});
  }
  if (protocol.name() == s7comm::kProtocolName && profile.s7.enabled)
    return std::make_shared<s7comm::S7Knowledge>(S7RulesFromProfile(profile));
  return nullptr;
}

}  // namespace protolm::device
