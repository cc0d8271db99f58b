// Function-code dispatch for decoding and encoding PDUs (see pdu.h).
#include "proto/modbus/pdu.h"

#include <utility>

#include "proto/modbus/field_levels.h"

namespace protolm::modbus {
namespace {

// Converts the result of one body decoder into the body variant.
template <typename Body, typename T>
Result<Body> As(Result<T> decoded) {
  if (!decoded.ok()) return decoded.status();
  return Body(std::move(decoded).value());
}

Result<OpaquePdu> DecodeOpaque(PduReader& in) {
  ASSIGN_OR_RETURN(ByteView data, in.Hex("data", in.remaining(), kLevelValues));
  return OpaquePdu{Bytes(data.begin(), data.end())};
}

// Reads function 43's MEI type, names the context after it and returns it.
Result<uint8_t> ReadMeiType(PduReader& in, PduHead& head,
                            const char* direction) {
  ASSIGN_OR_RETURN(uint8_t mei_type, in.U8("mei_type", kLevelFunction));
  head.mei_type = mei_type;
  in.set_context(FunctionName(fc::kEncapsulatedInterfaceTransport, mei_type) +
                 " " + direction);
  return mei_type;
}

Result<RequestBody> DecodeRequestBody(uint8_t function, PduReader& in,
                                      PduHead& head) {
  switch (function) {
    case fc::kReadCoils:
    case fc::kReadDiscreteInputs:
    case fc::kReadHoldingRegisters:
    case fc::kReadInputRegisters:
      return As<RequestBody>(DecodeReadRequest(in));
    case fc::kWriteSingleCoil:
    case fc::kWriteSingleRegister:
      return As<RequestBody>(DecodeSingleWrite(in));
    case fc::kReadExceptionStatus:
    case fc::kGetCommEventCounter:
    case fc::kGetCommEventLog:
    case fc::kReportServerId:
      return RequestBody(EmptyBody{});
    case fc::kDiagnostics:
      return As<RequestBody>(DecodeDiagnostics(in));
    case fc::kWriteMultipleCoils:
      return As<RequestBody>(DecodeWriteCoilsRequest(in));
    case fc::kWriteMultipleRegisters:
      return As<RequestBody>(DecodeWriteRegistersRequest(in));
    case fc::kReadFileRecord:
      return As<RequestBody>(DecodeReadFileRecordRequest(in));
    case fc::kWriteFileRecord:
      return As<RequestBody>(DecodeWriteFileRecord(in));
    case fc::kMaskWriteRegister:
      return As<RequestBody>(DecodeMaskWrite(in));
    case fc::kReadWriteMultipleRegisters:
      return As<RequestBody>(DecodeReadWriteRegistersRequest(in));
    case fc::kReadFifoQueue:
      return As<RequestBody>(DecodeFifoRequest(in));
    case fc::kEncapsulatedInterfaceTransport: {
      ASSIGN_OR_RETURN(uint8_t mei_type, ReadMeiType(in, head, "request"));
      if (mei_type == kMeiReadDeviceIdentification) {
        return As<RequestBody>(DecodeDeviceIdRequest(in));
      }
      return As<RequestBody>(DecodeMeiPdu(in, mei_type));
    }
    default:
      return As<RequestBody>(DecodeOpaque(in));
  }
}

Result<ResponseBody> DecodeResponseBody(uint8_t function, PduReader& in,
                                        PduHead& head) {
  switch (function) {
    case fc::kReadCoils:
      return As<ResponseBody>(DecodeBitsResponse(in, "coils"));
    case fc::kReadDiscreteInputs:
      return As<ResponseBody>(DecodeBitsResponse(in, "inputs"));
    case fc::kReadHoldingRegisters:
    case fc::kReadInputRegisters:
    case fc::kReadWriteMultipleRegisters:
      return As<ResponseBody>(DecodeRegistersResponse(in));
    case fc::kWriteSingleCoil:
    case fc::kWriteSingleRegister:
      return As<ResponseBody>(DecodeSingleWrite(in));
    case fc::kReadExceptionStatus:
      return As<ResponseBody>(DecodeExceptionStatusResponse(in));
    case fc::kDiagnostics:
      return As<ResponseBody>(DecodeDiagnostics(in));
    case fc::kGetCommEventCounter:
      return As<ResponseBody>(DecodeCommEventCounterResponse(in));
    case fc::kGetCommEventLog:
      return As<ResponseBody>(DecodeCommEventLogResponse(in));
    case fc::kWriteMultipleCoils:
    case fc::kWriteMultipleRegisters:
      return As<ResponseBody>(DecodeMultipleWriteResponse(in));
    case fc::kReportServerId:
      return As<ResponseBody>(DecodeServerIdResponse(in));
    case fc::kReadFileRecord:
      return As<ResponseBody>(DecodeReadFileRecordResponse(in));
    case fc::kWriteFileRecord:
      return As<ResponseBody>(DecodeWriteFileRecord(in));
    case fc::kMaskWriteRegister:
      return As<ResponseBody>(DecodeMaskWrite(in));
    case fc::kReadFifoQueue:
      return As<ResponseBody>(DecodeFifoResponse(in));
    case fc::kEncapsulatedInterfaceTransport: {
      ASSIGN_OR_RETURN(uint8_t mei_type, ReadMeiType(in, head, "response"));
      if (mei_type == kMeiReadDeviceIdentification) {
        return As<ResponseBody>(DecodeDeviceIdResponse(in));
      }
      return As<ResponseBody>(DecodeMeiPdu(in, mei_type));
    }
    default:
      return As<ResponseBody>(DecodeOpaque(in));
  }
}

Status EncodeBody(const EmptyBody&, ByteWriter&) { return Status::Ok(); }

Status EncodeBody(const ExceptionBody& body, ByteWriter& out) {
  out.U8(static_cast<uint8_t>(body.code));
  return Status::Ok();
}

Status EncodeBody(const OpaquePdu& body, ByteWriter& out) {
  out.Append(body.data);
  return Status::Ok();
}

template <typename BodyVariant>
Result<Bytes> EncodeWithCode(uint8_t function_byte, const BodyVariant& body) {
  ByteWriter out;
  out.U8(function_byte);
  RETURN_IF_ERROR(std::visit(
      [&out](const auto& b) -> Status { return EncodeBody(b, out); }, body));
  return out.Take();
}

}  // namespace

Result<Request> ReadRequestPdu(PduReader& in, PduHead& head) {
  in.set_context("request");
  ASSIGN_OR_RETURN(uint8_t function, in.U8("function_code", kLevelFunction));
  head.function_byte = function;
  in.set_context(FunctionName(function) + " request");
  ASSIGN_OR_RETURN(RequestBody body, DecodeRequestBody(function, in, head));
  RETURN_IF_ERROR(in.ExpectEnd());
  return Request{function, std::move(body)};
}

Result<Response> ReadResponsePdu(PduReader& in, PduHead& head) {
  in.set_context("response");
  ASSIGN_OR_RETURN(uint8_t function_byte,
                   in.U8("function_code", kLevelFunction));
  head.function_byte = function_byte;
  const auto function = static_cast<uint8_t>(function_byte & ~kExceptionBit);
  if ((function_byte & kExceptionBit) == 0) {
    in.set_context(FunctionName(function) + " response");
    ASSIGN_OR_RETURN(ResponseBody body, DecodeResponseBody(function, in, head));
    RETURN_IF_ERROR(in.ExpectEnd());
    return Response{function, std::move(body)};
  }
  // The tree shows the function answered; the root name marks the exception.
  if (Field* code_field = in.last_field()) {
    code_field->number = function;
    code_field->value = std::to_string(function);
  }
  in.set_context(FunctionName(function) + " exception response");
  ASSIGN_OR_RETURN(uint8_t code, in.U8("exception_code", kLevelFunction));
  RETURN_IF_ERROR(in.ExpectEnd());
  return Response{function, ExceptionBody{static_cast<ExceptionCode>(code)}};
}

Result<Bytes> EncodePdu(const Request& request) {
  return EncodeWithCode(request.function, request.body);
}

Result<Bytes> EncodePdu(const Response& response) {
  const uint8_t function_byte =
      response.is_exception()
          ? static_cast<uint8_t>(response.function | kExceptionBit)
          : response.function;
  return EncodeWithCode(function_byte, response.body);
}

std::string FunctionNameOf(const Request& request) {
  std::optional<uint8_t> mei_type;
  if (std::holds_alternative<DeviceIdRequest>(request.body)) {
    mei_type = kMeiReadDeviceIdentification;
  } else if (const auto* mei = std::get_if<MeiPdu>(&request.body)) {
    mei_type = mei->mei_type;
  }
  return FunctionName(request.function, mei_type);
}

std::string FunctionNameOf(const Response& response) {
  std::optional<uint8_t> mei_type;
  if (std::holds_alternative<DeviceIdResponse>(response.body)) {
    mei_type = kMeiReadDeviceIdentification;
  } else if (const auto* mei = std::get_if<MeiPdu>(&response.body)) {
    mei_type = mei->mei_type;
  }
  return FunctionName(response.function, mei_type);
}

}  // namespace protolm::modbus
