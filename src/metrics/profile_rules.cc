// Device profile → Modbus validator rules (see profile_rules.h).
#include "metrics/profile_rules.h"

namespace protolm::metrics {
namespace {

AddressRange RangeOf(const device::ModbusTable& table) {
  return AddressRange{table.start, table.count};
}

UnknownUnitPolicy PolicyOf(device::UnknownUnitPolicy policy) {
  switch (policy) {
    case device::UnknownUnitPolicy::kIgnore:
      return UnknownUnitPolicy::kIgnore;
    case device::UnknownUnitPolicy::kGatewayException:
      return UnknownUnitPolicy::kGatewayException;
    case device::UnknownUnitPolicy::kAnswer:
      break;
  }
  return UnknownUnitPolicy::kAnswer;
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

ModbusRules ModbusRulesFromProfile(const device::DeviceProfile& profile) {
  const device::ModbusProfile& m = profile.modbus;
  ModbusRules rules;
  rules.device_known = true;
  rules.supported_functions = m.supported_functions;
  rules.coils = RangeOf(m.coils);
  rules.discrete_inputs = RangeOf(m.discrete_inputs);
  rules.holding_registers = RangeOf(m.holding_registers);
  rules.input_registers = RangeOf(m.input_registers);
  rules.unit_ids = m.unit_ids;
  rules.unknown_unit = PolicyOf(m.unknown_unit);
  rules.device_id_objects = IdentityObjects(m.identity);
  for (const device::ProcessSpec& process : profile.processes) {
    for (const device::VariableBinding& b : process.bindings) {
      const bool holding = b.space == device::BindingSpace::kHoldingRegister;
      if (!holding && b.space != device::BindingSpace::kInputRegister) continue;
      if (b.type != device::ValueType::kInt16) continue;
      rules.value_ranges.push_back(
          RegisterValueRange{static_cast<uint8_t>(holding ? 3 : 4), b.address,
                             -32768, 32767, true});
    }
  }
  return rules;
}

S7Rules S7RulesFromProfile(const device::DeviceProfile& profile) {
  S7Rules rules;
  rules.device_known = true;
  for (const device::S7Area& a : profile.s7.areas) {
    S7AreaSize size{s7comm::Area::kDataBlock, a.db_number, a.size};
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

}  // namespace protolm::metrics
