// PDU bodies shared by the bit and register functions: an address with a
// quantity (requests 1-4, responses 15-16) or with one value (5, 6).
//
// Bodies hold the fields after the function code exactly as on the wire;
// which function they belong to is the enclosing Request/Response's business
// (pdu.h). Each body has a decoder reading through PduReader (errors carry
// the byte offset) and an encoder appending the same bytes. Values outside
// the specification's ranges (quantity 0, coil value 0x1234) are kept: see
// range_check.h. Plain values; thread-safe to share.
#pragma once

#include <cstdint>

#include "proto/modbus/pdu_reader.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::modbus {

/// Request of read coils / discrete inputs / holding / input registers.
struct ReadRequest {
  uint16_t address = 0;
  uint16_t quantity = 0;
  bool operator==(const ReadRequest&) const = default;
};

/// Request and echoed response of write single coil (value 0xFF00 = on,
/// 0x0000 = off) and write single register.
struct SingleWrite {
  uint16_t address = 0;
  uint16_t value = 0;
  bool operator==(const SingleWrite&) const = default;
};

/// Response of write multiple coils / registers: what was written.
struct MultipleWriteResponse {
  uint16_t address = 0;
  uint16_t quantity = 0;
  bool operator==(const MultipleWriteResponse&) const = default;
};

Result<ReadRequest> DecodeReadRequest(PduReader& in);
Result<SingleWrite> DecodeSingleWrite(PduReader& in);
Result<MultipleWriteResponse> DecodeMultipleWriteResponse(PduReader& in);

Status EncodeBody(const ReadRequest& body, ByteWriter& out);
Status EncodeBody(const SingleWrite& body, ByteWriter& out);
Status EncodeBody(const MultipleWriteResponse& body, ByteWriter& out);

}  // namespace protolm::modbus
