// Bodies of the serial-line diagnostic functions: read exception status (7),
// diagnostics with its sub-functions (8), get comm event counter (11), get
// comm event log (12) and report server id (17).
//
// Their requests other than 8 carry no fields (EmptyBody in pdu.h). The
// diagnostics data after the sub-function is kept as bytes because its
// meaning depends on the sub-function (an echo for 0, a counter in most
// responses). Plain values; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "proto/modbus/pdu_reader.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::modbus {

/// Sub-function codes of diagnostics (spec 6.8.1).
namespace diag {
inline constexpr uint16_t kReturnQueryData = 0x00;
inline constexpr uint16_t kRestartCommunications = 0x01;
inline constexpr uint16_t kReturnDiagnosticRegister = 0x02;
inline constexpr uint16_t kChangeAsciiInputDelimiter = 0x03;
inline constexpr uint16_t kForceListenOnlyMode = 0x04;
inline constexpr uint16_t kClearCountersAndDiagnosticRegister = 0x0A;
inline constexpr uint16_t kReturnBusMessageCount = 0x0B;
inline constexpr uint16_t kReturnBusCommunicationErrorCount = 0x0C;
inline constexpr uint16_t kReturnBusExceptionErrorCount = 0x0D;
inline constexpr uint16_t kReturnServerMessageCount = 0x0E;
inline constexpr uint16_t kReturnServerNoResponseCount = 0x0F;
inline constexpr uint16_t kReturnServerNakCount = 0x10;
inline constexpr uint16_t kReturnServerBusyCount = 0x11;
inline constexpr uint16_t kReturnBusCharacterOverrunCount = 0x12;
inline constexpr uint16_t kClearOverrunCounterAndFlag = 0x14;
}  // namespace diag

/// "return_query_data", "restart_communications", ...; empty for
/// sub-functions the specification does not define.
std::string DiagnosticSubFunctionName(uint16_t sub_function);

/// Response of read exception status: eight exception status outputs.
struct ExceptionStatusResponse {
  uint8_t outputs = 0;
  bool operator==(const ExceptionStatusResponse&) const = default;
};

/// Request and response of diagnostics.
struct DiagnosticsPdu {
  uint16_t sub_function = 0;
  Bytes data;  // usually 2 bytes; any length for return query data
  bool operator==(const DiagnosticsPdu&) const = default;
};

/// Response of get comm event counter.
struct CommEventCounterResponse {
  uint16_t status = 0;  // 0xFFFF while a previous command is busy
  uint16_t event_count = 0;
  bool operator==(const CommEventCounterResponse&) const = default;
};

/// Response of get comm event log; byte count = 6 + events.size().
struct CommEventLogResponse {
  uint16_t status = 0;
  uint16_t event_count = 0;
  uint16_t message_count = 0;
  Bytes events;  // newest first, at most 64 in the specification
  bool operator==(const CommEventLogResponse&) const = default;
};

/// Response of report server id: server id, run indicator (0x00 off, 0xFF
/// on) and additional data, all device specific, so kept as one block.
struct ServerIdResponse {
  Bytes data;  // byte count = data.size()
  bool operator==(const ServerIdResponse&) const = default;
};

Result<ExceptionStatusResponse> DecodeExceptionStatusResponse(PduReader& in);
/// Errors: fewer than 2 bytes for the sub-function.
Result<DiagnosticsPdu> DecodeDiagnostics(PduReader& in);
Result<CommEventCounterResponse> DecodeCommEventCounterResponse(PduReader& in);
/// Errors: byte count below 6 or disagreeing with the PDU length.
Result<CommEventLogResponse> DecodeCommEventLogResponse(PduReader& in);
Result<ServerIdResponse> DecodeServerIdResponse(PduReader& in);

Status EncodeBody(const ExceptionStatusResponse& body, ByteWriter& out);
Status EncodeBody(const DiagnosticsPdu& body, ByteWriter& out);
Status EncodeBody(const CommEventCounterResponse& body, ByteWriter& out);
Status EncodeBody(const CommEventLogResponse& body, ByteWriter& out);
Status EncodeBody(const ServerIdResponse& body, ByteWriter& out);

}  // namespace protolm::modbus
