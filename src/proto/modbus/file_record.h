// Bodies of read file record (20) and write file record (21).
//
// Both carry a list of sub-requests, each naming a reference type (6 in the
// specification), a file number, a record number and a record length in
// registers. Read responses return one register block per sub-request; write
// requests carry the registers to write and are echoed as the response.
// Lengths and byte counts are not stored: they follow from the lists.
// Plain values; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "proto/modbus/pdu_reader.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::modbus {

/// The only reference type the specification defines.
inline constexpr uint8_t kFileReferenceType = 6;

/// One sub-request of read file record.
struct FileRecordReference {
  uint8_t reference_type = kFileReferenceType;
  uint16_t file_number = 0;
  uint16_t record_number = 0;
  uint16_t record_length = 0;  // registers
  bool operator==(const FileRecordReference&) const = default;
};

/// One sub-response of read file record.
struct FileRecordData {
  uint8_t reference_type = kFileReferenceType;
  std::vector<uint16_t> registers;
  bool operator==(const FileRecordData&) const = default;
};

/// One sub-request of write file record; record length = registers.size().
struct FileRecordWrite {
  uint8_t reference_type = kFileReferenceType;
  uint16_t file_number = 0;
  uint16_t record_number = 0;
  std::vector<uint16_t> registers;
  bool operator==(const FileRecordWrite&) const = default;
};

struct FileRecordReadRequest {
  std::vector<FileRecordReference> references;  // byte count = 7 * size
  bool operator==(const FileRecordReadRequest&) const = default;
};

struct FileRecordReadResponse {
  std::vector<FileRecordData> records;
  bool operator==(const FileRecordReadResponse&) const = default;
};

/// Request and echoed response of write file record.
struct FileRecordWritePdu {
  std::vector<FileRecordWrite> records;
  bool operator==(const FileRecordWritePdu&) const = default;
};

/// Errors: data lengths disagreeing with the PDU length, a byte count that is
/// not a multiple of 7, sub-response lengths that are even or zero, register
/// blocks running past the end.
Result<FileRecordReadRequest> DecodeReadFileRecordRequest(PduReader& in);
Result<FileRecordReadResponse> DecodeReadFileRecordResponse(PduReader& in);
Result<FileRecordWritePdu> DecodeWriteFileRecord(PduReader& in);

/// OutOfRange when the lists do not fit the one-byte data lengths.
Status EncodeBody(const FileRecordReadRequest& body, ByteWriter& out);
Status EncodeBody(const FileRecordReadResponse& body, ByteWriter& out);
Status EncodeBody(const FileRecordWritePdu& body, ByteWriter& out);

}  // namespace protolm::modbus
