// Reading a span before a probe write and writing it back afterwards (see
// modbus_restore.h).
#include "proto/modbus/modbus_restore.h"

#include <variant>
#include <vector>

#include "proto/modbus/adu.h"
#include "proto/modbus/builders.h"
#include "proto/modbus/modbus_rules.h"
#include "proto/modbus/range_check.h"

namespace protolm::modbus {
namespace {

/// The one span a well-formed write changes.
std::optional<TableSpan> ChangedSpan(const Request& write) {
  if (CheckRequestRanges(write)) return std::nullopt;
  const std::vector<TableSpan> spans = WrittenSpans(write);
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

std::optional<Request> ReadBefore(const Request& write) {
  const std::optional<TableSpan> span = ChangedSpan(write);
  if (!span) return std::nullopt;
  const auto address = static_cast<uint16_t>(span->address);
  const auto quantity = static_cast<uint16_t>(span->quantity);
  if (span->table == ModbusTable::kCoils)
    return ReadCoils(address, quantity);
  return ReadHoldingRegisters(address, quantity);
}

std::optional<Request> RestoreWrite(const Request& write,
                                            ByteView read_answer) {
  const std::optional<TableSpan> span = ChangedSpan(write);
  if (!span) return std::nullopt;
  auto answer = DecodeResponseAdu(read_answer);
  if (!answer.ok()) return std::nullopt;
  const Response& pdu = answer->pdu;
  const auto address = static_cast<uint16_t>(span->address);
  const bool single = IsSingle(write.function);
  if (span->table == ModbusTable::kCoils) {
    const auto* bits = std::get_if<BitsResponse>(&pdu.body);
    if (pdu.function != fc::kReadCoils || bits == nullptr ||
        bits->packed.size() != (span->quantity + 7) / 8)
      return std::nullopt;
    const std::vector<bool> values =
        UnpackBits(bits->packed, span->quantity);
    if (single) return WriteSingleCoil(address, values[0]);
    return WriteMultipleCoils(address, values);
  }
  const auto* registers = std::get_if<RegistersResponse>(&pdu.body);
  if (pdu.function != fc::kReadHoldingRegisters || registers == nullptr ||
      registers->registers.size() != span->quantity)
    return std::nullopt;
  if (single)
    return WriteSingleRegister(address, registers->registers[0]);
  return WriteMultipleRegisters(address, registers->registers);
}

}  // namespace protolm::modbus
