// The answer a Modbus request deserves under a device's rules (see
// modbus_rules.h).
#include "metrics/modbus_rules.h"

#include <algorithm>
#include <variant>

#include "proto/modbus/function_code.h"
#include "proto/modbus/range_check.h"

namespace protolm::metrics {
namespace {

using modbus::ExceptionCode;
using Kind = ExpectedOutcome::Kind;

bool Has(const std::vector<uint8_t>& list, uint8_t v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

ExpectedOutcome Normal() { return {Kind::kNormal, ExceptionCode{}}; }
ExpectedOutcome Open() { return {Kind::kOpen, ExceptionCode{}}; }
ExpectedOutcome Exception(ExceptionCode code) {
  return {Kind::kException, code};
}

/// 02 when the span lies outside `range`, else a normal answer.
ExpectedOutcome InRange(const AddressRange& range, uint32_t address,
                        uint32_t quantity) {
  return range.Contains(address, quantity)
             ? Normal()
             : Exception(ExceptionCode::kIllegalDataAddress);
}

/// The device-table check of a request that keeps the specification's ranges.
ExpectedOutcome TableOutcome(const modbus::Request& r,
                             const ModbusRules& rules) {
  namespace fc = modbus::fc;
  if (const auto* read = std::get_if<modbus::ReadRequest>(&r.body)) {
    switch (r.function) {
      case fc::kReadCoils:
        return InRange(rules.coils, read->address, read->quantity);
      case fc::kReadDiscreteInputs:
        return InRange(rules.discrete_inputs, read->address, read->quantity);
      case fc::kReadHoldingRegisters:
        return InRange(rules.holding_registers, read->address, read->quantity);
      case fc::kReadInputRegisters:
        return InRange(rules.input_registers, read->address, read->quantity);
      default:
        return Open();
    }
  }
  if (const auto* single = std::get_if<modbus::SingleWrite>(&r.body)) {
    if (r.function == fc::kWriteSingleCoil)
      return InRange(rules.coils, single->address, 1);
    if (r.function == fc::kWriteSingleRegister)
      return InRange(rules.holding_registers, single->address, 1);
    return Open();
  }
  if (const auto* coils = std::get_if<modbus::WriteCoilsRequest>(&r.body))
    return InRange(rules.coils, coils->address, coils->quantity);
  if (const auto* regs = std::get_if<modbus::WriteRegistersRequest>(&r.body)) {
    return InRange(rules.holding_registers, regs->address,
                   static_cast<uint32_t>(regs->registers.size()));
  }
  if (const auto* mask = std::get_if<modbus::MaskWrite>(&r.body))
    return InRange(rules.holding_registers, mask->address, 1);
  if (const auto* rw =
          std::get_if<modbus::ReadWriteRegistersRequest>(&r.body)) {
    ExpectedOutcome write =
        InRange(rules.holding_registers, rw->write_address,
                static_cast<uint32_t>(rw->write_registers.size()));
    if (write.kind != Kind::kNormal) return write;
    return InRange(rules.holding_registers, rw->read_address,
                   rw->read_quantity);
  }
  if (const auto* id = std::get_if<modbus::DeviceIdRequest>(&r.body)) {
    if (id->read_code != modbus::read_code::kIndividual) return Normal();
    if (rules.device_id_objects.empty()) return Open();
    return Has(rules.device_id_objects, id->object_id)
               ? Normal()
               : Exception(ExceptionCode::kIllegalDataAddress);
  }
  if (std::holds_alternative<modbus::EmptyBody>(r.body)) return Normal();
  if (const auto* diag = std::get_if<modbus::DiagnosticsPdu>(&r.body)) {
    return diag->sub_function == modbus::diag::kReturnQueryData ? Normal()
                                                                : Open();
  }
  return Open();
}

}  // namespace

bool ModbusRules::Supports(uint8_t function) const {
  return Has(supported_functions, function);
}

bool AddressRange::Contains(uint32_t address, uint32_t quantity) const {
  return address >= start && address + quantity <= start + count;
}

ExpectedOutcome ExpectedModbusOutcome(const modbus::Request& request,
                                      uint8_t unit_id,
                                      const ModbusRules& rules) {
  if (rules.device_known && !rules.unit_ids.empty() &&
      !Has(rules.unit_ids, unit_id)) {
    if (rules.unknown_unit == UnknownUnitPolicy::kIgnore)
      return {Kind::kNoAnswer, ExceptionCode{}};
    if (rules.unknown_unit == UnknownUnitPolicy::kGatewayException)
      return Exception(ExceptionCode::kGatewayTargetFailedToRespond);
  }
  const bool modeled = modbus::IsModeledFunction(request.function);
  if (rules.device_known && !rules.Supports(request.function))
    return Exception(ExceptionCode::kIllegalFunction);
  if (!modeled) return Exception(ExceptionCode::kIllegalFunction);
  if (auto violation = modbus::CheckRequestRanges(request))
    return Exception(violation->exception);
  if (!rules.device_known) return Open();
  return TableOutcome(request, rules);
}

}  // namespace protolm::metrics
