// Bit function bodies and bit packing (see bit_access.h).
#include "proto/modbus/bit_access.h"

#include <string>

#include "proto/modbus/encode_limits.h"
#include "proto/modbus/field_levels.h"

namespace protolm::modbus {
namespace {

size_t PackedSize(size_t bits) { return (bits + 7) / 8; }

}  // namespace

Bytes PackBits(const std::vector<bool>& bits) {
  Bytes packed(PackedSize(bits.size()), 0);
  for (size_t i = 0; i < bits.size(); ++i) {
    if (bits[i]) packed[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
  }
  return packed;
}

std::vector<bool> UnpackBits(ByteView packed, size_t count) {
  if (count > packed.size() * 8) count = packed.size() * 8;
  std::vector<bool> bits(count);
  for (size_t i = 0; i < count; ++i) bits[i] = (packed[i / 8] >> (i % 8)) & 1;
  return bits;
}

Result<BitsResponse> DecodeBitsResponse(PduReader& in,
                                        std::string_view bits_name) {
  const size_t count_at = in.offset();
  ASSIGN_OR_RETURN(uint8_t byte_count, in.U8("byte_count", kLevelAddressing));
  RETURN_IF_ERROR(in.ExpectRemaining(count_at, "byte_count", byte_count));
  ASSIGN_OR_RETURN(ByteView packed,
                   in.Hex(bits_name, byte_count, kLevelValues));
  return BitsResponse{Bytes(packed.begin(), packed.end())};
}

Result<WriteCoilsRequest> DecodeWriteCoilsRequest(PduReader& in) {
  WriteCoilsRequest body;
  ASSIGN_OR_RETURN(body.address, in.U16("address", kLevelAddressing));
  ASSIGN_OR_RETURN(body.quantity, in.U16("quantity", kLevelAddressing));
  const size_t count_at = in.offset();
  ASSIGN_OR_RETURN(uint8_t byte_count, in.U8("byte_count", kLevelAddressing));
  RETURN_IF_ERROR(in.ExpectRemaining(count_at, "byte_count", byte_count));
  if (byte_count != PackedSize(body.quantity)) {
    return in.MalformedAt(count_at,
                          "byte_count " + std::to_string(byte_count) +
                              " does not match quantity " +
                              std::to_string(body.quantity) + " (needs " +
                              std::to_string(PackedSize(body.quantity)) + ")");
  }
  ASSIGN_OR_RETURN(ByteView packed, in.Hex("coils", byte_count, kLevelValues));
  body.packed.assign(packed.begin(), packed.end());
  return body;
}

Status EncodeBody(const BitsResponse& body, ByteWriter& out) {
  RETURN_IF_ERROR(CheckCountFits(body.packed.size(), 255, "bit byte count"));
  out.U8(static_cast<uint8_t>(body.packed.size()));
  out.Append(body.packed);
  return Status::Ok();
}

Status EncodeBody(const WriteCoilsRequest& body, ByteWriter& out) {
  if (body.packed.size() != PackedSize(body.quantity)) {
    return InvalidArgument(
        "modbus encode: write_multiple_coils quantity " +
        std::to_string(body.quantity) + " needs " +
        std::to_string(PackedSize(body.quantity)) + " packed bytes, got " +
        std::to_string(body.packed.size()) + "; build it with PackBits");
  }
  RETURN_IF_ERROR(CheckCountFits(body.packed.size(), 255, "coil byte count"));
  out.U16Be(body.address);
  out.U16Be(body.quantity);
  out.U8(static_cast<uint8_t>(body.packed.size()));
  out.Append(body.packed);
  return Status::Ok();
}

}  // namespace protolm::modbus
