// The answer a Modbus request deserves under a device's rules (see
// modbus_rules.h).
#include "proto/modbus/modbus_rules.h"

#include <algorithm>
#include <utility>
#include <variant>

#include "proto/modbus/function_code.h"
#include "proto/modbus/range_check.h"

namespace protolm::modbus {
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

/// The device-table check of a request that keeps the specification's ranges.
ExpectedOutcome TableOutcome(const modbus::Request& r,
                             const ModbusRules& rules) {
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
  const std::vector<TableSpan> spans = TableSpans(r);
  if (spans.empty()) return Open();
  for (const TableSpan& span : spans) {
    if (!rules.Range(span.table).Contains(span.address, span.quantity))
      return Exception(ExceptionCode::kIllegalDataAddress);
  }
  return Normal();
}

}  // namespace

std::vector<TableSpan> TableSpans(const modbus::Request& r) {
  namespace fc = modbus::fc;
  using T = ModbusTable;
  if (const auto* read = std::get_if<modbus::ReadRequest>(&r.body)) {
    switch (r.function) {
      case fc::kReadCoils:
        return {{T::kCoils, read->address, read->quantity}};
      case fc::kReadDiscreteInputs:
        return {{T::kDiscreteInputs, read->address, read->quantity}};
      case fc::kReadHoldingRegisters:
        return {{T::kHoldingRegisters, read->address, read->quantity}};
      case fc::kReadInputRegisters:
        return {{T::kInputRegisters, read->address, read->quantity}};
      default:
        return {};
    }
  }
  if (const auto* single = std::get_if<modbus::SingleWrite>(&r.body)) {
    if (r.function == fc::kWriteSingleCoil)
      return {{T::kCoils, single->address, 1}};
    if (r.function == fc::kWriteSingleRegister)
      return {{T::kHoldingRegisters, single->address, 1}};
    return {};
  }
  if (const auto* coils = std::get_if<modbus::WriteCoilsRequest>(&r.body))
    return {{T::kCoils, coils->address, coils->quantity}};
  if (const auto* regs = std::get_if<modbus::WriteRegistersRequest>(&r.body)) {
    return {{T::kHoldingRegisters, regs->address,
             static_cast<uint32_t>(regs->registers.size())}};
  }
  if (const auto* mask = std::get_if<modbus::MaskWrite>(&r.body))
    return {{T::kHoldingRegisters, mask->address, 1}};
  if (const auto* rw =
          std::get_if<modbus::ReadWriteRegistersRequest>(&r.body)) {
    return {{T::kHoldingRegisters, rw->write_address,
             static_cast<uint32_t>(rw->write_registers.size())},
            {T::kHoldingRegisters, rw->read_address, rw->read_quantity}};
  }
  return {};
}

std::vector<TableSpan> WrittenSpans(const modbus::Request& r) {
  if (std::holds_alternative<modbus::ReadRequest>(r.body)) return {};
  std::vector<TableSpan> spans = TableSpans(r);
  if (std::holds_alternative<modbus::ReadWriteRegistersRequest>(r.body))
    spans.resize(std::min<size_t>(spans.size(), 1));
  return spans;
}

bool ModbusRules::Supports(uint8_t function) const {
  return Has(supported_functions, function);
}

const AddressRange& ModbusRules::Range(ModbusTable table) const {
  switch (table) {
    case ModbusTable::kCoils:
      return coils;
    case ModbusTable::kDiscreteInputs:
      return discrete_inputs;
    case ModbusTable::kHoldingRegisters:
      return holding_registers;
    case ModbusTable::kInputRegisters:
      break;
  }
  return input_registers;
}

AddressRange& ModbusRules::Range(ModbusTable table) {
  return const_cast<AddressRange&>(std::as_const(*this).Range(table));
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

}  // namespace protolm::modbus
