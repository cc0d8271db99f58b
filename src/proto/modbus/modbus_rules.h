// What a Modbus device is configured to answer, as far as judging its
// responses goes: the functions it supports, the address ranges of its four
// tables, the unit ids it serves, the device identification objects it holds
// and the value ranges of registers bound to process variables.
//
// ExpectedModbusOutcome applies these rules after the specification's own
// (modbus::CheckRequestRanges) in the order of the specification's state
// diagrams: unsupported function (01), quantity or value out of range (03) or
// address span past 65535 (02), then addresses outside the device's tables
// (02). A rule set built with no device knowledge (`ModbusRules{}`) checks the
// specification alone and leaves device-dependent outcomes open. Plain values
// and pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "proto/modbus/exception_code.h"
#include "proto/modbus/pdu.h"
#include "util/bytes.h"

namespace protolm::modbus {

/// `count` addresses starting at `start` (count 0 = the table is empty).
struct AddressRange {
  uint32_t start = 0;
  uint32_t count = 0;
  /// True when address .. address + quantity - 1 all lie in the range.
  bool Contains(uint32_t address, uint32_t quantity) const;
};

/// What a device does with a request for a unit id it does not serve.
enum class UnknownUnitPolicy : uint8_t {
  kAnswer,            // answers as for a served unit
  kIgnore,            // sends nothing
  kGatewayException,  // exception 0x0B (gateway target failed to respond)
};

/// The four data tables of a Modbus device.
enum class ModbusTable : uint8_t {
  kCoils,
  kDiscreteInputs,
  kHoldingRegisters,
  kInputRegisters,
};

/// `quantity` entries of `table` starting at `address`.
struct TableSpan {
  ModbusTable table = ModbusTable::kCoils;
  uint32_t address = 0;
  uint32_t quantity = 0;
};

/// The table entries `request` touches, in the order a device checks them
/// (read/write multiple registers: the write, then the read); empty for a
/// request that addresses no table (identification, diagnostics, ...).
std::vector<TableSpan> TableSpans(const modbus::Request& request);

/// The table entries `request` writes (read/write multiple registers: its
/// write span only); empty for reads and requests without tables.
std::vector<TableSpan> WrittenSpans(const modbus::Request& request);

/// A holding or input register whose value is a process variable's; RVA-ε
/// measures its error against max - min rather than the 16-bit range.
struct RegisterValueRange {
  uint8_t function_table = 3;  // 3 holding registers, 4 input registers
  uint16_t address = 0;
  double min = 0;
  double max = 65535;
  bool is_signed = false;  // the register holds an int16
};

struct ModbusRules {
  /// True when the tables, functions and units below describe the device;
  /// false: only the specification's rules are known.
  bool device_known = false;
  std::vector<uint8_t> supported_functions;
  AddressRange coils;
  AddressRange discrete_inputs;
  AddressRange holding_registers;
  AddressRange input_registers;
  /// Served unit ids; empty = all.
  std::vector<uint8_t> unit_ids;
  UnknownUnitPolicy unknown_unit = UnknownUnitPolicy::kAnswer;
  /// Object ids the device identification holds (read code 4 of another
  /// id is answered with exception 02).
  std::vector<uint8_t> device_id_objects;
  std::vector<RegisterValueRange> value_ranges;
  /// Answers that do not depend on the device's state (device
  /// identification, report server id), by request PDU: the response PDU the
  /// device gave every time it was asked. Learned by a clone
  /// (learned_modbus_rules.h) for its grammar; the validators ignore it.
  std::map<Bytes, Bytes> identity_answers;

  /// True when `function` is one of supported_functions.
  bool Supports(uint8_t function) const;
  const AddressRange& Range(ModbusTable table) const;
  AddressRange& Range(ModbusTable table);
};

/// What answer a request deserves.
struct ExpectedOutcome {
  enum class Kind : uint8_t {
    kNormal,     // a regular response
    kException,  // exception `code`
    kNoAnswer,   // no response at all (unit id ignored by policy)
    kOpen,       // the rules cannot tell (normal or any exception 01-04)
  };
  Kind kind = Kind::kNormal;
  modbus::ExceptionCode code = modbus::ExceptionCode::kIllegalFunction;
};

/// The answer `request` to `unit_id` deserves under `rules`.
ExpectedOutcome ExpectedModbusOutcome(const modbus::Request& request,
                                      uint8_t unit_id,
                                      const ModbusRules& rules);

}  // namespace protolm::modbus
