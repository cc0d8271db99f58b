// Typed model of one S7comm PDU (the payload of COTP data units).
//
// An S7Pdu is a plain value: the header fields that are not lengths, and a
// body whose alternative follows the ROSCTR and the function code (setup
// communication, read/write var request and response, userdata, or an opaque
// body for functions this codec keeps as bytes). Lengths and counts on the
// wire (parameter length, data length, item count, data item length) are not
// stored: the encoder derives them, and the decoder accepts a PDU only when
// they agree with what follows, so Encode(Decode(bytes)) == bytes. Fields that
// are counts on the wire only in fragments (the SZL list count) are stored.
// Values are safe to copy and to read from several threads.
#pragma once

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "util/bytes.h"

namespace protolm::s7comm {

inline constexpr uint8_t kProtocolId = 0x32;      // S7comm
inline constexpr uint8_t kPlusProtocolId = 0x72;  // S7comm-plus (kept opaque)

/// Remote operating service control: the PDU kind.
enum class Rosctr : uint8_t {
  kJob = 0x01,
  kAck = 0x02,
  kAckData = 0x03,
  kUserdata = 0x07,
};

/// Function code: the first byte of a job/ack_data parameter.
enum class Function : uint8_t {
  kCpuServices = 0x00,
  kReadVar = 0x04,
  kWriteVar = 0x05,
  kRequestDownload = 0x1a,
  kDownloadBlock = 0x1b,
  kDownloadEnded = 0x1c,
  kStartUpload = 0x1d,
  kUpload = 0x1e,
  kEndUpload = 0x1f,
  kPlcControl = 0x28,
  kPlcStop = 0x29,
  kSetupCommunication = 0xf0,
};

/// Memory area of an any-pointer address.
enum class Area : uint8_t {
  kSystemInfo = 0x03,
  kSystemFlags = 0x05,
  kAnalogInputs = 0x06,
  kAnalogOutputs = 0x07,
  kCounter = 0x1c,
  kTimer = 0x1d,
  kIecCounter = 0x1e,
  kIecTimer = 0x1f,
  kPeripheral = 0x80,
  kInputs = 0x81,
  kOutputs = 0x82,
  kFlags = 0x83,
  kDataBlock = 0x84,
  kInstanceDataBlock = 0x85,
  kLocalData = 0x86,
  kPreviousLocalData = 0x87,
};

/// Transport size of an any-pointer item (the element type of the access).
enum class ItemType : uint8_t {
  kBit = 0x01,
  kByte = 0x02,
  kChar = 0x03,
  kWord = 0x04,
  kInt = 0x05,
  kDword = 0x06,
  kDint = 0x07,
  kReal = 0x08,
  kDate = 0x09,
  kTimeOfDay = 0x0a,
  kTime = 0x0b,
  kS5Time = 0x0c,
  kDateAndTime = 0x0f,
  kCounter = 0x1c,
  kTimer = 0x1d,
  kIecCounter = 0x1e,
  kIecTimer = 0x1f,
  kHsCounter = 0x20,
};

/// Transport size of a data item: says in which unit its length counts.
enum class DataType : uint8_t {
  kNull = 0x00,
  kBit = 0x03,          // length = number of bits, one byte each
  kByte = 0x04,         // byte/word/dword; length in bits
  kInteger = 0x05,      // length in bits
  kDinteger = 0x06,     // length in bytes
  kReal = 0x07,         // length in bytes
  kOctetString = 0x09,  // length in bytes
};

/// Return code of a data item or of a write var response item.
enum class ReturnCode : uint8_t {
  kReserved = 0x00,
  kHardwareFault = 0x01,
  kAccessDenied = 0x03,
  kAddressOutOfRange = 0x05,
  kDataTypeNotSupported = 0x06,
  kDataTypeInconsistent = 0x07,
  kObjectDoesNotExist = 0x0a,
  kSuccess = 0xff,
};

/// Userdata parameter type (high nibble of the type/group byte).
enum class UserdataType : uint8_t {
  kPush = 0x0,
  kRequest = 0x4,
  kResponse = 0x8,
};

/// Userdata function groups (low nibble of the type/group byte).
enum class UserdataGroup : uint8_t {
  kModeTransition = 0x0,
  kProgrammer = 0x1,
  kCyclicData = 0x2,
  kBlockFunctions = 0x3,
  kCpuFunctions = 0x4,
  kSecurity = 0x5,
  kPbc = 0x6,
  kTimeFunctions = 0x7,
  kNcProgramming = 0xf,
};

inline constexpr uint8_t kSubfunctionSzlRead = 0x01;  // group 4 (CPU)
inline constexpr uint8_t kSyntaxIdAny = 0x10;         // S7ANY pointer
inline constexpr uint8_t kVarSpecType = 0x12;         // item head byte
inline constexpr uint8_t kUserdataMethodRequest = 0x11;
inline constexpr uint8_t kUserdataMethodResponse = 0x12;

/// S7ANY address: `length` elements of `type` at area/db/byte.bit.
struct AnyPointer {
  ItemType type = ItemType::kByte;
  uint16_t length = 1;
  uint16_t db = 0;  // DB number; 0 outside DB/DI
  Area area = Area::kDataBlock;
  uint32_t byte_offset = 0;  // < 2^21
  uint8_t bit_offset = 0;    // < 8
  bool operator==(const AnyPointer&) const = default;
};

/// An item address of another syntax (DB-read 0xb0, symbolic, ...), kept as
/// the bytes after its syntax id.
struct OpaqueAddress {
  uint8_t syntax_id = 0;
  Bytes body;
  bool operator==(const OpaqueAddress&) const = default;
};

/// One item of a read/write var parameter (wire: 0x12, length, syntax id, ...).
using VarItem = std::variant<AnyPointer, OpaqueAddress>;

/// One item of the data part of a read var response or write var request.
struct DataItem {
  uint8_t return_code = static_cast<uint8_t>(ReturnCode::kSuccess);
  DataType type = DataType::kByte;
  Bytes value;  // the wire length field is derived from value and type
  bool operator==(const DataItem&) const = default;
};

/// Setup communication (function 0xf0), job and ack_data alike.
struct SetupCommunication {
  uint8_t reserved = 0;
  uint16_t max_amq_calling = 1;
  uint16_t max_amq_called = 1;
  uint16_t pdu_length = 480;
  bool operator==(const SetupCommunication&) const = default;
};

struct ReadVarRequest {
  std::vector<VarItem> items;
  bool operator==(const ReadVarRequest&) const = default;
};

struct ReadVarResponse {
  std::vector<DataItem> items;
  bool operator==(const ReadVarResponse&) const = default;
};

struct WriteVarRequest {
  std::vector<VarItem> items;
  std::vector<DataItem> data;  // one per item, same order
  bool operator==(const WriteVarRequest&) const = default;
};

struct WriteVarResponse {
  std::vector<uint8_t> return_codes;  // ReturnCode values, one per item
  bool operator==(const WriteVarResponse&) const = default;
};

/// Userdata parameter. `continuation` is present when the parameter's own
/// length byte is 8 (responses, and follow-up requests of fragmented reads).
struct UserdataParam {
  struct Continuation {
    uint8_t data_unit_ref = 0;
    uint8_t last_data_unit = 0;  // 0x00: last; 0x01: more follow
    uint16_t error_code = 0;
    bool operator==(const Continuation&) const = default;
  };
  uint8_t method = kUserdataMethodRequest;
  UserdataType type = UserdataType::kRequest;
  uint8_t group = static_cast<uint8_t>(UserdataGroup::kCpuFunctions);  // < 16
  uint8_t subfunction = kSubfunctionSzlRead;
  uint8_t sequence = 0;
  std::optional<Continuation> continuation;
  Bytes extra;  // bytes past the 4 base bytes when the length byte is not 8
  bool operator==(const UserdataParam&) const = default;
};

/// SZL read request data: which list (id) and which part of it (index).
struct SzlRequest {
  uint16_t id = 0;
  uint16_t index = 0;
  bool operator==(const SzlRequest&) const = default;
};

/// SZL read response data. `record_count` is the wire's count; it exceeds
/// records.size() only in the first fragment of a response that continues in
/// later PDUs, whose incomplete last record is `tail`.
struct SzlResponse {
  uint16_t id = 0;
  uint16_t index = 0;
  uint16_t record_length = 0;
  uint16_t record_count = 0;
  std::vector<Bytes> records;  // each record_length bytes
  Bytes tail;
  bool operator==(const SzlResponse&) const = default;
};

/// The data part of a userdata PDU: a return code and transport size, then a
/// payload that is decoded for SZL reads and kept as bytes otherwise.
struct UserdataData {
  uint8_t return_code = static_cast<uint8_t>(ReturnCode::kSuccess);
  DataType type = DataType::kOctetString;
  std::variant<Bytes, SzlRequest, SzlResponse> payload;
  bool operator==(const UserdataData&) const = default;
};

struct Userdata {
  UserdataParam param;
  std::optional<UserdataData> data;  // absent when the data length is 0
  bool operator==(const Userdata&) const = default;
};

/// Parameter and data kept as bytes: functions this codec does not model
/// (upload, download, PLC control/stop, CPU services), acks without a
/// parameter, and error ack_data whose data part was left out.
struct OpaqueBody {
  Bytes param;  // param[0] is the function code when not empty
  Bytes data;
  bool operator==(const OpaqueBody&) const = default;
};

using Body =
    std::variant<OpaqueBody, SetupCommunication, ReadVarRequest,
                 ReadVarResponse, WriteVarRequest, WriteVarResponse, Userdata>;

/// One S7comm PDU. error_class/error_code travel only in ack and ack_data.
struct S7Pdu {
  Rosctr rosctr = Rosctr::kJob;
  uint16_t redundancy_id = 0;
  uint16_t pdu_ref = 0;
  uint8_t error_class = 0;
  uint8_t error_code = 0;
  Body body;
  bool operator==(const S7Pdu&) const = default;
};

/// True for the four ROSCTR values S7comm defines (1, 2, 3, 7).
inline bool IsKnownRosctr(uint8_t r) {
  return r == 1 || r == 2 || r == 3 || r == 7;
}

/// True for ROSCTRs whose header carries error class and code (ack, ack_data).
inline bool HasErrorFields(Rosctr r) {
  return r == Rosctr::kAck || r == Rosctr::kAckData;
}

}  // namespace protolm::s7comm
