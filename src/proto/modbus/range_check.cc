// Specification ranges of request fields (see range_check.h).
#include "proto/modbus/range_check.h"

#include <variant>

namespace protolm::modbus {
namespace {

// Quantity limits per function (spec 6.1-6.4, 6.11, 6.12, 6.17).
constexpr uint16_t kMaxReadBits = 2000;
constexpr uint16_t kMaxReadRegisters = 125;
constexpr uint16_t kMaxWriteCoils = 1968;
constexpr uint16_t kMaxWriteRegisters = 123;
constexpr uint16_t kMaxReadWriteWriteRegisters = 121;
constexpr uint16_t kCoilOn = 0xFF00;
constexpr uint16_t kCoilOff = 0x0000;
// File record limits (spec 6.14, 6.15).
constexpr size_t kMinReadFileByteCount = 0x07;
constexpr size_t kMaxReadFileByteCount = 0xF5;
constexpr size_t kMinWriteFileDataLength = 0x09;
constexpr size_t kMaxWriteFileDataLength = 0xFB;
constexpr uint32_t kRecordsPerFile = 10000;  // record numbers 0..9999
constexpr uint32_t kAddressSpace = 0x10000;

using Violation = std::optional<RangeViolation>;

Violation Fail(ExceptionCode code, const Request& r, const std::string& what) {
  return RangeViolation{code, FunctionNameOf(r) + ": " + what};
}

Violation CheckQuantity(const Request& r, const char* field, uint32_t quantity,
                        uint32_t max) {
  if (quantity >= 1 && quantity <= max) return std::nullopt;
  return Fail(ExceptionCode::kIllegalDataValue, r,
              std::string(field) + " " + std::to_string(quantity) +
                  " outside 1.." + std::to_string(max));
}

Violation CheckAddressSpan(const Request& r, const char* field,
                           uint32_t address, uint32_t quantity) {
  if (address + quantity <= kAddressSpace) return std::nullopt;
  return Fail(ExceptionCode::kIllegalDataAddress, r,
              std::string(field) + " " + std::to_string(address) + " + " +
                  std::to_string(quantity) + " runs past address 65535");
}

Violation CheckReadOrWrite(const Request& r, uint16_t address,
                           uint32_t quantity, uint32_t max) {
  if (Violation v = CheckQuantity(r, "quantity", quantity, max)) return v;
  return CheckAddressSpan(r, "address", address, quantity);
}

Violation CheckDiagnostics(const Request& r, const DiagnosticsPdu& d) {
  const bool two_bytes = d.data.size() == 2;
  const uint16_t data = two_bytes ? (d.data[0] << 8) | d.data[1] : 0;
  switch (d.sub_function) {
    case diag::kReturnQueryData:
      return std::nullopt;
    case diag::kRestartCommunications:
      if (two_bytes && (data == 0x0000 || data == 0xFF00)) return std::nullopt;
      return Fail(ExceptionCode::kIllegalDataValue, r,
                  "restart_communications data must be 0x0000 or 0xFF00");
    case diag::kChangeAsciiInputDelimiter:
      if (two_bytes && d.data[1] == 0) return std::nullopt;
      return Fail(ExceptionCode::kIllegalDataValue, r,
                  "change_ascii_input_delimiter data must be a character "
                  "followed by 0x00");
    default:
      if (DiagnosticSubFunctionName(d.sub_function).empty()) {
        return Fail(ExceptionCode::kIllegalFunction, r,
                    "sub-function " + std::to_string(d.sub_function) +
                        " is not defined");
      }
      if (two_bytes && data == 0) return std::nullopt;
      return Fail(
          ExceptionCode::kIllegalDataValue, r,
          DiagnosticSubFunctionName(d.sub_function) + " data must be 0x0000");
  }
}

Violation CheckFileReference(const Request& r, uint8_t reference_type,
                             uint16_t file_number, uint16_t record_number,
                             uint32_t record_length) {
  if (reference_type != kFileReferenceType) {
    return Fail(
        ExceptionCode::kIllegalDataAddress, r,
        "reference type " + std::to_string(reference_type) + " is not 6");
  }
  if (file_number == 0) {
    return Fail(ExceptionCode::kIllegalDataAddress, r,
                "file number 0 outside 1..65535");
  }
  if (record_number + record_length > kRecordsPerFile) {
    return Fail(ExceptionCode::kIllegalDataAddress, r,
                "records " + std::to_string(record_number) + " + " +
                    std::to_string(record_length) + " run past record 9999");
  }
  return std::nullopt;
}

Violation CheckDataLength(const Request& r, const char* field, size_t length,
                          size_t min, size_t max) {
  if (length >= min && length <= max) return std::nullopt;
  return Fail(ExceptionCode::kIllegalDataValue, r,
              std::string(field) + " " + std::to_string(length) + " outside " +
                  std::to_string(min) + ".." + std::to_string(max));
}

}  // namespace

std::optional<RangeViolation> CheckRequestRanges(const Request& r) {
  if (const auto* read = std::get_if<ReadRequest>(&r.body)) {
    const bool bits =
        r.function == fc::kReadCoils || r.function == fc::kReadDiscreteInputs;
    return CheckReadOrWrite(r, read->address, read->quantity,
                            bits ? kMaxReadBits : kMaxReadRegisters);
  }
  if (const auto* write = std::get_if<SingleWrite>(&r.body)) {
    if (r.function != fc::kWriteSingleCoil || write->value == kCoilOn ||
        write->value == kCoilOff) {
      return std::nullopt;
    }
    return Fail(ExceptionCode::kIllegalDataValue, r,
                "value " + std::to_string(write->value) +
                    " is neither 0xFF00 (on) nor 0x0000 (off)");
  }
  if (const auto* coils = std::get_if<WriteCoilsRequest>(&r.body)) {
    return CheckReadOrWrite(r, coils->address, coils->quantity, kMaxWriteCoils);
  }
  if (const auto* regs = std::get_if<WriteRegistersRequest>(&r.body)) {
    return CheckReadOrWrite(r, regs->address,
                            static_cast<uint32_t>(regs->registers.size()),
                            kMaxWriteRegisters);
  }
  if (const auto* rw = std::get_if<ReadWriteRegistersRequest>(&r.body)) {
    const auto write_quantity =
        static_cast<uint32_t>(rw->write_registers.size());
    if (Violation v = CheckQuantity(r, "read_quantity", rw->read_quantity,
                                    kMaxReadRegisters)) {
      return v;
    }
    if (Violation v = CheckQuantity(r, "write_quantity", write_quantity,
                                    kMaxReadWriteWriteRegisters)) {
      return v;
    }
    if (Violation v = CheckAddressSpan(r, "read_address", rw->read_address,
                                       rw->read_quantity)) {
      return v;
    }
    return CheckAddressSpan(r, "write_address", rw->write_address,
                            write_quantity);
  }
  if (const auto* d = std::get_if<DiagnosticsPdu>(&r.body)) {
    return CheckDiagnostics(r, *d);
  }
  if (const auto* read = std::get_if<FileRecordReadRequest>(&r.body)) {
    if (Violation v =
            CheckDataLength(r, "byte count", 7 * read->references.size(),
                            kMinReadFileByteCount, kMaxReadFileByteCount)) {
      return v;
    }
    for (const FileRecordReference& ref : read->references) {
      if (Violation v =
              CheckFileReference(r, ref.reference_type, ref.file_number,
                                 ref.record_number, ref.record_length)) {
        return v;
      }
    }
    return std::nullopt;
  }
  if (const auto* write = std::get_if<FileRecordWritePdu>(&r.body)) {
    size_t data_length = 0;
    for (const FileRecordWrite& rec : write->records) {
      data_length += 7 + 2 * rec.registers.size();
    }
    if (Violation v =
            CheckDataLength(r, "request data length", data_length,
                            kMinWriteFileDataLength, kMaxWriteFileDataLength)) {
      return v;
    }
    for (const FileRecordWrite& rec : write->records) {
      if (Violation v = CheckFileReference(
              r, rec.reference_type, rec.file_number, rec.record_number,
              static_cast<uint32_t>(rec.registers.size()))) {
        return v;
      }
    }
    return std::nullopt;
  }
  if (const auto* id = std::get_if<DeviceIdRequest>(&r.body)) {
    if (id->read_code >= read_code::kBasic &&
        id->read_code <= read_code::kIndividual) {
      return std::nullopt;
    }
    return Fail(ExceptionCode::kIllegalDataValue, r,
                "read code " + std::to_string(id->read_code) + " outside 1..4");
  }
  if (const auto* mei = std::get_if<MeiPdu>(&r.body)) {
    if (mei->mei_type == kMeiCanopenGeneralReference) return std::nullopt;
    return Fail(
        ExceptionCode::kIllegalFunction, r,
        "MEI type " + std::to_string(mei->mei_type) + " is not defined");
  }
  if (std::holds_alternative<OpaquePdu>(r.body)) {
    if (IsModeledFunction(r.function)) {  // only ever built by hand
      return Fail(ExceptionCode::kIllegalDataValue, r,
                  "body does not have this function's request layout");
    }
    return Fail(
        ExceptionCode::kIllegalFunction, r,
        "function code " + std::to_string(r.function) + " is not defined");
  }
  return std::nullopt;  // 7, 11, 12, 17, 22, 24: no ranges to break
}

}  // namespace protolm::modbus
