// Bodies of the register functions: read responses (3, 4, 23), write
// multiple registers (16), mask write register (22), read/write multiple
// registers (23) and read FIFO queue (24).
//
// Register lists hold the 16-bit values; byte counts and write quantities are
// not stored, they follow from the list sizes (decoding rejects PDUs where
// they disagree, so re-encoding gives the same bytes). Read quantities are
// stored, since they are requests for data not present. Plain values;
// thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "proto/modbus/pdu_reader.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::modbus {

/// Response of read holding / input registers and read/write registers.
struct RegistersResponse {
  std::vector<uint16_t> registers;  // byte count = 2 * size (at most 127)
  bool operator==(const RegistersResponse&) const = default;
};

/// Request of write multiple registers; quantity = registers.size().
struct WriteRegistersRequest {
  uint16_t address = 0;
  std::vector<uint16_t> registers;
  bool operator==(const WriteRegistersRequest&) const = default;
};

/// Request and echoed response of mask write register:
/// result = (current AND and_mask) OR (or_mask AND NOT and_mask).
struct MaskWrite {
  uint16_t address = 0;
  uint16_t and_mask = 0;
  uint16_t or_mask = 0;
  bool operator==(const MaskWrite&) const = default;
};

/// Request of read/write multiple registers; the write happens first.
struct ReadWriteRegistersRequest {
  uint16_t read_address = 0;
  uint16_t read_quantity = 0;
  uint16_t write_address = 0;
  std::vector<uint16_t> write_registers;  // write quantity = size
  bool operator==(const ReadWriteRegistersRequest&) const = default;
};

/// Request of read FIFO queue.
struct FifoRequest {
  uint16_t address = 0;
  bool operator==(const FifoRequest&) const = default;
};

/// Response of read FIFO queue; FIFO count = registers.size().
struct FifoResponse {
  std::vector<uint16_t> registers;
  bool operator==(const FifoResponse&) const = default;
};

/// Errors: byte counts disagreeing with the PDU length, odd register byte
/// counts, byte counts disagreeing with quantities.
Result<RegistersResponse> DecodeRegistersResponse(PduReader& in);
Result<WriteRegistersRequest> DecodeWriteRegistersRequest(PduReader& in);
Result<MaskWrite> DecodeMaskWrite(PduReader& in);
Result<ReadWriteRegistersRequest> DecodeReadWriteRegistersRequest(
    PduReader& in);
Result<FifoRequest> DecodeFifoRequest(PduReader& in);
Result<FifoResponse> DecodeFifoResponse(PduReader& in);

/// OutOfRange when a list is too long for its one-byte byte count.
Status EncodeBody(const RegistersResponse& body, ByteWriter& out);
Status EncodeBody(const WriteRegistersRequest& body, ByteWriter& out);
Status EncodeBody(const MaskWrite& body, ByteWriter& out);
Status EncodeBody(const ReadWriteRegistersRequest& body, ByteWriter& out);
Status EncodeBody(const FifoRequest& body, ByteWriter& out);
Status EncodeBody(const FifoResponse& body, ByteWriter& out);

}  // namespace protolm::modbus
