// Register function bodies (see register_access.h).
#include "proto/modbus/register_access.h"

#include <string>

#include "proto/modbus/encode_limits.h"
#include "proto/modbus/field_levels.h"

namespace protolm::modbus {
namespace {

// Most registers a one-byte byte count can announce.
constexpr size_t kMaxRegistersPerByteCount = 127;
// Most FIFO registers a two-byte byte count (which includes the FIFO count)
// can announce.
constexpr size_t kMaxFifoRegisters = (0xFFFF - 2) / 2;

// Reads "byte_count" followed by that many bytes of registers; the count must
// be even and equal 2 * `expected_quantity` when one is given.
Result<std::vector<uint16_t>> ReadCountedRegisters(
    PduReader& in, std::optional<uint16_t> expected_quantity) {
  const size_t count_at = in.offset();
  ASSIGN_OR_RETURN(uint8_t byte_count, in.U8("byte_count", kLevelAddressing));
  RETURN_IF_ERROR(in.ExpectRemaining(count_at, "byte_count", byte_count));
  if (expected_quantity && byte_count != 2u * *expected_quantity) {
    return in.MalformedAt(count_at,
                          "byte_count " + std::to_string(byte_count) +
                              " does not match quantity " +
                              std::to_string(*expected_quantity) + " (needs " +
                              std::to_string(2u * *expected_quantity) + ")");
  }
  if (byte_count % 2 != 0) {
    return in.MalformedAt(count_at, "byte_count " + std::to_string(byte_count) +
                                        " is odd; registers take 2 bytes each");
  }
  return in.Registers("registers", "register", byte_count / 2u, kLevelValues);
}

Status WriteCountedRegisters(const std::vector<uint16_t>& registers,
                             ByteWriter& out) {
  RETURN_IF_ERROR(CheckCountFits(registers.size(), kMaxRegistersPerByteCount,
                                 "register count"));
  out.U8(static_cast<uint8_t>(registers.size() * 2));
  for (uint16_t r : registers) out.U16Be(r);
  return Status::Ok();
}

}  // namespace

Result<RegistersResponse> DecodeRegistersResponse(PduReader& in) {
  ASSIGN_OR_RETURN(std::vector<uint16_t> registers,
                   ReadCountedRegisters(in, std::nullopt));
  return RegistersResponse{std::move(registers)};
}

Result<WriteRegistersRequest> DecodeWriteRegistersRequest(PduReader& in) {
  WriteRegistersRequest body;
  ASSIGN_OR_RETURN(body.address, in.U16("address", kLevelAddressing));
  ASSIGN_OR_RETURN(uint16_t quantity, in.U16("quantity", kLevelAddressing));
  ASSIGN_OR_RETURN(body.registers, ReadCountedRegisters(in, quantity));
  return body;
}

Result<MaskWrite> DecodeMaskWrite(PduReader& in) {
  MaskWrite body;
  ASSIGN_OR_RETURN(body.address, in.U16("address", kLevelAddressing));
  ASSIGN_OR_RETURN(body.and_mask, in.U16("and_mask", kLevelValues));
  ASSIGN_OR_RETURN(body.or_mask, in.U16("or_mask", kLevelValues));
  return body;
}

Result<ReadWriteRegistersRequest> DecodeReadWriteRegistersRequest(
    PduReader& in) {
  ReadWriteRegistersRequest body;
  ASSIGN_OR_RETURN(body.read_address, in.U16("read_address", kLevelAddressing));
  ASSIGN_OR_RETURN(body.read_quantity,
                   in.U16("read_quantity", kLevelAddressing));
  ASSIGN_OR_RETURN(body.write_address,
                   in.U16("write_address", kLevelAddressing));
  ASSIGN_OR_RETURN(uint16_t write_quantity,
                   in.U16("write_quantity", kLevelAddressing));
  ASSIGN_OR_RETURN(body.write_registers,
                   ReadCountedRegisters(in, write_quantity));
  return body;
}

Result<FifoRequest> DecodeFifoRequest(PduReader& in) {
  FifoRequest body;
  ASSIGN_OR_RETURN(body.address, in.U16("address", kLevelAddressing));
  return body;
}

Result<FifoResponse> DecodeFifoResponse(PduReader& in) {
  const size_t count_at = in.offset();
  ASSIGN_OR_RETURN(uint16_t byte_count, in.U16("byte_count", kLevelAddressing));
  RETURN_IF_ERROR(in.ExpectRemaining(count_at, "byte_count", byte_count));
  const size_t fifo_count_at = in.offset();
  ASSIGN_OR_RETURN(uint16_t fifo_count, in.U16("fifo_count", kLevelAddressing));
  if (byte_count != 2u + 2u * fifo_count) {
    return in.MalformedAt(fifo_count_at,
                          "fifo_count " + std::to_string(fifo_count) +
                              " needs byte_count " +
                              std::to_string(2u + 2u * fifo_count) +
                              ", the PDU says " + std::to_string(byte_count));
  }
  ASSIGN_OR_RETURN(
      std::vector<uint16_t> registers,
      in.Registers("registers", "register", fifo_count, kLevelValues));
  return FifoResponse{std::move(registers)};
}

Status EncodeBody(const RegistersResponse& body, ByteWriter& out) {
  return WriteCountedRegisters(body.registers, out);
}

Status EncodeBody(const WriteRegistersRequest& body, ByteWriter& out) {
  RETURN_IF_ERROR(CheckCountFits(body.registers.size(),
                                 kMaxRegistersPerByteCount, "register count"));
  out.U16Be(body.address);
  out.U16Be(static_cast<uint16_t>(body.registers.size()));
  return WriteCountedRegisters(body.registers, out);
}

Status EncodeBody(const MaskWrite& body, ByteWriter& out) {
  out.U16Be(body.address);
  out.U16Be(body.and_mask);
  out.U16Be(body.or_mask);
  return Status::Ok();
}

Status EncodeBody(const ReadWriteRegistersRequest& body, ByteWriter& out) {
  RETURN_IF_ERROR(CheckCountFits(body.write_registers.size(),
                                 kMaxRegistersPerByteCount,
                                 "write register count"));
  out.U16Be(body.read_address);
  out.U16Be(body.read_quantity);
  out.U16Be(body.write_address);
  out.U16Be(static_cast<uint16_t>(body.write_registers.size()));
  return WriteCountedRegisters(body.write_registers, out);
}

Status EncodeBody(const FifoRequest& body, ByteWriter& out) {
  out.U16Be(body.address);
  return Status::Ok();
}

Status EncodeBody(const FifoResponse& body, ByteWriter& out) {
  RETURN_IF_ERROR(CheckCountFits(body.registers.size(), kMaxFifoRegisters,
                                 "FIFO register count"));
  out.U16Be(static_cast<uint16_t>(2 + 2 * body.registers.size()));
  out.U16Be(static_cast<uint16_t>(body.registers.size()));
  for (uint16_t r : body.registers) out.U16Be(r);
  return Status::Ok();
}

}  // namespace protolm::modbus
