// Bodies of the bit functions: read coils / discrete inputs responses (1, 2)
// and the write multiple coils request (15).
//
// Bits travel packed, the first item in the least significant bit of the
// first byte. Bodies keep the packed bytes as they are (padding bits in the
// last byte included) so that decoding and re-encoding give the same bytes;
// PackBits and UnpackBits convert to and from one bool per item. Byte counts
// are not stored: they are the size of `packed`. Plain values; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "proto/modbus/pdu_reader.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::modbus {

/// Response of read coils / read discrete inputs.
struct BitsResponse {
  Bytes packed;  // byte count = packed.size() (at most 255)
  bool operator==(const BitsResponse&) const = default;
};

/// Request of write multiple coils. Invariant for encoding:
/// packed.size() == (quantity + 7) / 8.
struct WriteCoilsRequest {
  uint16_t address = 0;
  uint16_t quantity = 0;
  Bytes packed;
  bool operator==(const WriteCoilsRequest&) const = default;
};

/// One bit per item, first item in bit 0 of byte 0; unused bits are zero.
Bytes PackBits(const std::vector<bool>& bits);
/// The first `count` bits of `packed` (fewer if `packed` is shorter).
std::vector<bool> UnpackBits(ByteView packed, size_t count);

/// `bits_name` names the data field: "coils" or "inputs".
Result<BitsResponse> DecodeBitsResponse(PduReader& in,
                                        std::string_view bits_name);
/// Errors: byte count disagreeing with the PDU length or with the quantity.
Result<WriteCoilsRequest> DecodeWriteCoilsRequest(PduReader& in);

Status EncodeBody(const BitsResponse& body, ByteWriter& out);
/// InvalidArgument if `packed` does not hold exactly `quantity` bits.
Status EncodeBody(const WriteCoilsRequest& body, ByteWriter& out);

}  // namespace protolm::modbus
