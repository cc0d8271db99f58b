// Diagnostic function bodies (see diagnostics.h).
#include "proto/modbus/diagnostics.h"

#include "proto/modbus/encode_limits.h"
#include "proto/modbus/field_levels.h"

namespace protolm::modbus {
namespace {

// Status, event count and message count in front of the events.
constexpr size_t kEventLogHeaderSize = 6;

}  // namespace

std::string DiagnosticSubFunctionName(uint16_t sub_function) {
  switch (sub_function) {
    case diag::kReturnQueryData:
      return "return_query_data";
    case diag::kRestartCommunications:
      return "restart_communications";
    case diag::kReturnDiagnosticRegister:
      return "return_diagnostic_register";
    case diag::kChangeAsciiInputDelimiter:
      return "change_ascii_input_delimiter";
    case diag::kForceListenOnlyMode:
      return "force_listen_only_mode";
    case diag::kClearCountersAndDiagnosticRegister:
      return "clear_counters_and_diagnostic_register";
    case diag::kReturnBusMessageCount:
      return "return_bus_message_count";
    case diag::kReturnBusCommunicationErrorCount:
      return "return_bus_communication_error_count";
    case diag::kReturnBusExceptionErrorCount:
      return "return_bus_exception_error_count";
    case diag::kReturnServerMessageCount:
      return "return_server_message_count";
    case diag::kReturnServerNoResponseCount:
      return "return_server_no_response_count";
    case diag::kReturnServerNakCount:
      return "return_server_nak_count";
    case diag::kReturnServerBusyCount:
      return "return_server_busy_count";
    case diag::kReturnBusCharacterOverrunCount:
      return "return_bus_character_overrun_count";
    case diag::kClearOverrunCounterAndFlag:
      return "clear_overrun_counter_and_flag";
    default:
      return "";
  }
}

Result<ExceptionStatusResponse> DecodeExceptionStatusResponse(PduReader& in) {
  ExceptionStatusResponse body;
  ASSIGN_OR_RETURN(body.outputs, in.U8("outputs", kLevelValues));
  return body;
}

Result<DiagnosticsPdu> DecodeDiagnostics(PduReader& in) {
  DiagnosticsPdu body;
  ASSIGN_OR_RETURN(body.sub_function, in.U16("sub_function", kLevelAddressing));
  ASSIGN_OR_RETURN(ByteView data, in.Hex("data", in.remaining(), kLevelValues));
  body.data.assign(data.begin(), data.end());
  return body;
}

Result<CommEventCounterResponse> DecodeCommEventCounterResponse(PduReader& in) {
  CommEventCounterResponse body;
  ASSIGN_OR_RETURN(body.status, in.U16("status", kLevelValues));
  ASSIGN_OR_RETURN(body.event_count, in.U16("event_count", kLevelValues));
  return body;
}

Result<CommEventLogResponse> DecodeCommEventLogResponse(PduReader& in) {
  CommEventLogResponse body;
  const size_t count_at = in.offset();
  ASSIGN_OR_RETURN(uint8_t byte_count, in.U8("byte_count", kLevelAddressing));
  RETURN_IF_ERROR(in.ExpectRemaining(count_at, "byte_count", byte_count));
  if (byte_count < kEventLogHeaderSize) {
    return in.MalformedAt(count_at, "byte_count " + std::to_string(byte_count) +
                                        " is below 6 (status, event count "
                                        "and message count)");
  }
  ASSIGN_OR_RETURN(body.status, in.U16("status", kLevelValues));
  ASSIGN_OR_RETURN(body.event_count, in.U16("event_count", kLevelValues));
  ASSIGN_OR_RETURN(body.message_count, in.U16("message_count", kLevelValues));
  ASSIGN_OR_RETURN(
      ByteView events,
      in.Hex("events", byte_count - kEventLogHeaderSize, kLevelValues));
  body.events.assign(events.begin(), events.end());
  return body;
}

Result<ServerIdResponse> DecodeServerIdResponse(PduReader& in) {
  const size_t count_at = in.offset();
  ASSIGN_OR_RETURN(uint8_t byte_count, in.U8("byte_count", kLevelAddressing));
  RETURN_IF_ERROR(in.ExpectRemaining(count_at, "byte_count", byte_count));
  ASSIGN_OR_RETURN(ByteView data, in.Hex("data", byte_count, kLevelValues));
  return ServerIdResponse{Bytes(data.begin(), data.end())};
}

Status EncodeBody(const ExceptionStatusResponse& body, ByteWriter& out) {
  out.U8(body.outputs);
  return Status::Ok();
}

Status EncodeBody(const DiagnosticsPdu& body, ByteWriter& out) {
  out.U16Be(body.sub_function);
  out.Append(body.data);
  return Status::Ok();
}

Status EncodeBody(const CommEventCounterResponse& body, ByteWriter& out) {
  out.U16Be(body.status);
  out.U16Be(body.event_count);
  return Status::Ok();
}

Status EncodeBody(const CommEventLogResponse& body, ByteWriter& out) {
  RETURN_IF_ERROR(CheckCountFits(body.events.size(), 255 - kEventLogHeaderSize,
                                 "event count"));
  out.U8(static_cast<uint8_t>(kEventLogHeaderSize + body.events.size()));
  out.U16Be(body.status);
  out.U16Be(body.event_count);
  out.U16Be(body.message_count);
  out.Append(body.events);
  return Status::Ok();
}

Status EncodeBody(const ServerIdResponse& body, ByteWriter& out) {
  RETURN_IF_ERROR(CheckCountFits(body.data.size(), 255, "server id bytes"));
  out.U8(static_cast<uint8_t>(body.data.size()));
  out.Append(body.data);
  return Status::Ok();
}

}  // namespace protolm::modbus
