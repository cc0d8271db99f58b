// Typed Modbus PDUs: a request or response is a function code plus a body.
//
// The body variant holds the fields after the function code in the shape
// that function uses (bodies live in data_access.h, bit_access.h,
// register_access.h, diagnostics.h, file_record.h, device_identification.h).
// Several functions share a shape (1-4 all send a ReadRequest), so the
// function code is kept beside the body and chooses the shape on decoding.
// Decoding is strict: a PDU decodes only if every byte is accounted for and
// every count agrees, and then encoding the result gives the same bytes.
// Function codes the codec does not model are kept as OpaquePdu. Building a
// Request by hand with a body of another function's shape is allowed (the
// prober sends such things): it encodes to that shape's bytes.
// Plain values; thread-safe to share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "proto/modbus/bit_access.h"
#include "proto/modbus/data_access.h"
#include "proto/modbus/device_identification.h"
#include "proto/modbus/diagnostics.h"
#include "proto/modbus/exception_code.h"
#include "proto/modbus/file_record.h"
#include "proto/modbus/function_code.h"
#include "proto/modbus/pdu_reader.h"
#include "proto/modbus/register_access.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::modbus {

/// Body of requests without fields (7, 11, 12, 17).
struct EmptyBody {
  bool operator==(const EmptyBody&) const = default;
};

/// Body of an exception response (function code | 0x80 on the wire).
struct ExceptionBody {
  ExceptionCode code = ExceptionCode::kIllegalFunction;
  bool operator==(const ExceptionBody&) const = default;
};

/// Body of a function the codec does not model: the bytes after the code.
struct OpaquePdu {
  Bytes data;
  bool operator==(const OpaquePdu&) const = default;
};

using RequestBody =
    std::variant<EmptyBody, ReadRequest, SingleWrite, WriteCoilsRequest,
                 WriteRegistersRequest, DiagnosticsPdu, FileRecordReadRequest,
                 FileRecordWritePdu, MaskWrite, ReadWriteRegistersRequest,
                 FifoRequest, DeviceIdRequest, MeiPdu, OpaquePdu>;

using ResponseBody =
    std::variant<ExceptionBody, BitsResponse, RegistersResponse, SingleWrite,
                 MultipleWriteResponse, ExceptionStatusResponse, DiagnosticsPdu,
                 CommEventCounterResponse, CommEventLogResponse,
                 ServerIdResponse, FileRecordReadResponse, FileRecordWritePdu,
                 MaskWrite, FifoResponse, DeviceIdResponse, MeiPdu, OpaquePdu>;

struct Request {
  uint8_t function = 0;
  RequestBody body;
  bool operator==(const Request&) const = default;
};

/// `function` is the function answered, without the exception bit; an
/// ExceptionBody sets the bit on the wire (so keep function <= 127 there).
struct Response {
  uint8_t function = 0;
  ResponseBody body;
  bool is_exception() const {
    return std::holds_alternative<ExceptionBody>(body);
  }
  bool operator==(const Response&) const = default;
};

/// What a reader learned about a PDU before any fault, so a partial
/// dissection can still name the function.
struct PduHead {
  std::optional<uint8_t> function_byte;  // as on the wire (exception bit kept)
  std::optional<uint8_t> mei_type;       // function 43 only
};

/// Reads one PDU, function code first, up to the end of `in`; records its
/// fields, sets `in`'s error context and fills `head` as it goes. Errors are
/// Truncated or Malformed with the byte offset (see pdu_reader.h).
Result<Request> ReadRequestPdu(PduReader& in, PduHead& head);
Result<Response> ReadResponsePdu(PduReader& in, PduHead& head);

/// The PDU bytes (function code first, no MBAP header). OutOfRange or
/// InvalidArgument when a body cannot be written (see the body headers).
Result<Bytes> EncodePdu(const Request& request);
Result<Bytes> EncodePdu(const Response& response);

/// PduInfo.function of a typed PDU: FunctionName with the MEI type for 43.
std::string FunctionNameOf(const Request& request);
std::string FunctionNameOf(const Response& response);

}  // namespace protolm::modbus
