// Reading a span before a probe write and writing it back afterwards (see
// modbus_restore.h).
#include "probe/modbus_restore.h"

#include <variant>
#include <vector>

#include "proto/modbus/adu.h"
#include "proto/modbus/builders.h"
#include "proto/modbus/modbus_rules.h"
#include "proto/modbus/range_check.h"

namespace protolm::probe {
namespace {

namespace fc = modbus::fc;
using modbus::ModbusTable;

/// The one span a well-formed write changes.
std::optional<modbus::TableSpan> ChangedSpan(const modbus::Request& write) {
  if (modbus::CheckRequestRanges(write)) return std::nullopt;
  const std::vector<modbus::TableSpan> spans = modbus::WrittenSpans(write);
  if (spans.size() != 1 || spans[0].quantity == 0 ||
      spans[0].address + spans[0].quantity > 0x10000)
    return std::nullopt;
  return spans[0];
}

bool IsSingle(uint8_t function) {
  return function == fc::kWriteSingleCoil ||
         function == fc::kWriteSingleRegister ||
         function == fc::kMaskWriteRegister;
}

}  // namespace

std::optional<modbus::Request> ReadBefore(const modbus::Request& write) {
  const std::optional<modbus::TableSpan> span = ChangedSpan(write);
  if (!span) return std::nullopt;
  const auto address = static_cast<uint16_t>(span->address);
  const auto quantity = static_cast<uint16_t>(span->quantity);
  if (span->table == ModbusTable::kCoils)
    return modbus::ReadCoils(address, quantity);
  return modbus::ReadHoldingRegisters(address, quantity);
}

std::optional<modbus::Request> RestoreWrite(const modbus::Request& write,
                                            ByteView read_answer) {
  const std::optional<modbus::TableSpan> span = ChangedSpan(write);
  if (!span) return std::nullopt;
  auto answer = modbus::DecodeResponseAdu(read_answer);
  if (!answer.ok()) return std::nullopt;
  const modbus::Response& pdu = answer->pdu;
  const auto address = static_cast<uint16_t>(span->address);
  const bool single = IsSingle(write.function);
  if (span->table == ModbusTable::kCoils) {
    const auto* bits = std::get_if<modbus::BitsResponse>(&pdu.body);
    if (pdu.function != fc::kReadCoils || bits == nullptr ||
        bits->packed.size() != (span->quantity + 7) / 8)
      return std::nullopt;
    const std::vector<bool> values =
        modbus::UnpackBits(bits->packed, span->quantity);
    if (single) return modbus::WriteSingleCoil(address, values[0]);
    return modbus::WriteMultipleCoils(address, values);
  }
  const auto* registers = std::get_if<modbus::RegistersResponse>(&pdu.body);
  if (pdu.function != fc::kReadHoldingRegisters || registers == nullptr ||
      registers->registers.size() != span->quantity)
    return std::nullopt;
  if (single)
    return modbus::WriteSingleRegister(address, registers->registers[0]);
  return modbus::WriteMultipleRegisters(address, registers->registers);
}

}  // namespace protolm::probe
