// File record bodies (see file_record.h).
#include "proto/modbus/file_record.h"

#include <string>

#include "proto/modbus/encode_limits.h"
#include "proto/modbus/field_levels.h"

namespace protolm::modbus {
namespace {

// Reference type, file number, record number, record length.
constexpr size_t kSubRequestSize = 7;
constexpr size_t kMaxDataLength = 255;

}  // namespace

Result<FileRecordReadRequest> DecodeReadFileRecordRequest(PduReader& in) {
  const size_t count_at = in.offset();
  ASSIGN_OR_RETURN(uint8_t byte_count, in.U8("byte_count", kLevelAddressing));
  RETURN_IF_ERROR(in.ExpectRemaining(count_at, "byte_count", byte_count));
  if (byte_count % kSubRequestSize != 0) {
    return in.MalformedAt(count_at, "byte_count " + std::to_string(byte_count) +
                                        " is not a multiple of 7, the size "
                                        "of one sub-request");
  }
  FileRecordReadRequest body;
  while (in.remaining() > 0) {
    in.Open("sub_request");
    FileRecordReference ref;
    ASSIGN_OR_RETURN(ref.reference_type,
                     in.U8("reference_type", kLevelAddressing));
    ASSIGN_OR_RETURN(ref.file_number, in.U16("file_number", kLevelAddressing));
    ASSIGN_OR_RETURN(ref.record_number,
                     in.U16("record_number", kLevelAddressing));
    ASSIGN_OR_RETURN(ref.record_length,
                     in.U16("record_length", kLevelAddressing));
    in.Close();
    body.references.push_back(ref);
  }
  return body;
}

Result<FileRecordReadResponse> DecodeReadFileRecordResponse(PduReader& in) {
  const size_t count_at = in.offset();
  ASSIGN_OR_RETURN(uint8_t data_length, in.U8("data_length", kLevelAddressing));
  RETURN_IF_ERROR(in.ExpectRemaining(count_at, "data_length", data_length));
  FileRecordReadResponse body;
  while (in.remaining() > 0) {
    in.Open("sub_response");
    const size_t length_at = in.offset();
    ASSIGN_OR_RETURN(uint8_t length, in.U8("length", kLevelHidden));
    if (length % 2 == 0) {
      return in.MalformedAt(length_at,
                            "sub-response length " + std::to_string(length) +
                                " must be odd (reference type plus 2-byte "
                                "registers)");
    }
    FileRecordData record;
    ASSIGN_OR_RETURN(record.reference_type,
                     in.U8("reference_type", kLevelAddressing));
    ASSIGN_OR_RETURN(record.registers,
                     in.Registers("record_data", "register", (length - 1u) / 2u,
                                  kLevelValues));
    in.Close();
    body.records.push_back(std::move(record));
  }
  return body;
}

Result<FileRecordWritePdu> DecodeWriteFileRecord(PduReader& in) {
  const size_t count_at = in.offset();
  ASSIGN_OR_RETURN(uint8_t data_length, in.U8("data_length", kLevelAddressing));
  RETURN_IF_ERROR(in.ExpectRemaining(count_at, "data_length", data_length));
  FileRecordWritePdu body;
  while (in.remaining() > 0) {
    in.Open("sub_request");
    FileRecordWrite record;
    ASSIGN_OR_RETURN(record.reference_type,
                     in.U8("reference_type", kLevelAddressing));
    ASSIGN_OR_RETURN(record.file_number,
                     in.U16("file_number", kLevelAddressing));
    ASSIGN_OR_RETURN(record.record_number,
                     in.U16("record_number", kLevelAddressing));
    ASSIGN_OR_RETURN(uint16_t record_length,
                     in.U16("record_length", kLevelAddressing));
    ASSIGN_OR_RETURN(
        record.registers,
        in.Registers("record_data", "register", record_length, kLevelValues));
    in.Close();
    body.records.push_back(std::move(record));
  }
  return body;
}

Status EncodeBody(const FileRecordReadRequest& body, ByteWriter& out) {
  const size_t byte_count = kSubRequestSize * body.references.size();
  RETURN_IF_ERROR(CheckCountFits(byte_count, kMaxDataLength,
                                 "read_file_record byte count"));
  out.U8(static_cast<uint8_t>(byte_count));
  for (const FileRecordReference& ref : body.references) {
    out.U8(ref.reference_type);
    out.U16Be(ref.file_number);
    out.U16Be(ref.record_number);
    out.U16Be(ref.record_length);
  }
  return Status::Ok();
}

Status EncodeBody(const FileRecordReadResponse& body, ByteWriter& out) {
  size_t data_length = 0;
  for (const FileRecordData& record : body.records) {
    data_length += 2 + 2 * record.registers.size();
  }
  RETURN_IF_ERROR(CheckCountFits(data_length, kMaxDataLength,
                                 "read_file_record response data length"));
  out.U8(static_cast<uint8_t>(data_length));
  for (const FileRecordData& record : body.records) {
    out.U8(static_cast<uint8_t>(1 + 2 * record.registers.size()));
    out.U8(record.reference_type);
    for (uint16_t r : record.registers) out.U16Be(r);
  }
  return Status::Ok();
}

Status EncodeBody(const FileRecordWritePdu& body, ByteWriter& out) {
  size_t data_length = 0;
  for (const FileRecordWrite& record : body.records) {
    data_length += kSubRequestSize + 2 * record.registers.size();
  }
  RETURN_IF_ERROR(CheckCountFits(data_length, kMaxDataLength,
                                 "write_file_record data length"));
  out.U8(static_cast<uint8_t>(data_length));
  for (const FileRecordWrite& record : body.records) {
    out.U8(record.reference_type);
    out.U16Be(record.file_number);
    out.U16Be(record.record_number);
    out.U16Be(static_cast<uint16_t>(record.registers.size()));
    for (uint16_t r : record.registers) out.U16Be(r);
  }
  return Status::Ok();
}

}  // namespace protolm::modbus
