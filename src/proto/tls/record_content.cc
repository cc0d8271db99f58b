// Alerts, ChangeCipherSpec, heartbeats and application data (see
// record_content.h).
#include "proto/tls/record_content.h"

#include "proto/tls/field_levels.h"
#include "proto/tls/names.h"

namespace protolm::tls {
namespace {

constexpr size_t kAlertSize = 2;
constexpr uint8_t kWarning = 1;
constexpr uint8_t kFatal = 2;
constexpr uint8_t kChangeCipherSpecValue = 1;
constexpr size_t kHeartbeatHeaderSize = 3;
constexpr size_t kMinHeartbeatPadding = 16;

/// A whole number of alerts, each with a known level and description.
bool PlaintextAlerts(ByteView bytes) {
  if (bytes.empty() || bytes.size() % kAlertSize != 0) return false;
  for (size_t at = 0; at < bytes.size(); at += kAlertSize) {
    if (bytes[at] != kWarning && bytes[at] != kFatal) return false;
    if (!IsKnownAlertDescription(bytes[at + 1])) return false;
  }
  return true;
}

}  // namespace

Status DissectAlert(Cursor& body, Field& record, AlertFacts* facts) {
  const size_t start = body.at();
  if (body.remaining() < kAlertSize)
    return body.Fault(StatusCode::kTruncated, "alert", start,
                      "needs 2 bytes, " + std::to_string(body.remaining()) +
                          " left");
  const ByteView bytes = body.Rest();
  if (!PlaintextAlerts(bytes) && bytes.size() != kAlertSize) {
    facts->encrypted = true;
    record.AddText("description", "encrypted", start, 0, kLevelMessage);
    AddBytes(record, "encrypted_alert", bytes, start);
    return Status::Ok();
  }
  for (size_t at = 0; at < bytes.size(); at += kAlertSize) {
    const uint8_t level = bytes[at];
    const uint8_t description = bytes[at + 1];
    AddCode(record, "level", level, AlertLevelName(level), start + at, 1,
            kLevelKeyFields);
    AddCode(record, "description", description,
            AlertDescriptionName(description), start + at + 1, 1,
            kLevelMessage);
    if (level == kFatal) facts->fatal = true;
    if (level != kWarning && level != kFatal)
      return body.Fault(StatusCode::kMalformed, "alert.level", start + at,
                        "unknown level " + std::to_string(level));
  }
  return Status::Ok();
}

Status DissectChangeCipherSpec(Cursor& body, Field& record) {
  const size_t at = body.at();
  ASSIGN_OR_RETURN(uint32_t value, body.Uint("change_cipher_spec", 1));
  record.AddNumber("change_cipher_spec", value, at, 1);
  if (value != kChangeCipherSpecValue)
    return body.Fault(StatusCode::kMalformed, "change_cipher_spec", at,
                      "value " + std::to_string(value) + " is not 1");
  return body.ExpectEnd("change_cipher_spec");
}

Status DissectHeartbeat(Cursor& body, Field& record, uint8_t* type) {
  const size_t size = body.remaining();
  const size_t type_at = body.at();
  ASSIGN_OR_RETURN(uint32_t type_value, body.Uint("heartbeat.type", 1));
  *type = static_cast<uint8_t>(type_value);
  AddCode(record, "heartbeat_type", type_value, HeartbeatTypeName(*type),
          type_at, 1, kLevelMessage);
  const size_t length_at = body.at();
  ASSIGN_OR_RETURN(uint32_t payload_length,
                   body.Uint("heartbeat.payload_length", 2));
  record.AddNumber("payload_length", payload_length, length_at, 2);
  const size_t room = size - kHeartbeatHeaderSize;
  const size_t payload_at = body.at();
  const ByteView payload = *body.Take("heartbeat.payload",
                                      std::min<size_t>(payload_length, room));
  AddBytes(record, "payload", payload, payload_at);
  const size_t padding_at = body.at();
  AddBytes(record, "padding", body.Rest(), padding_at);
  if (payload_length > room)
    return body.Fault(StatusCode::kMalformed, "heartbeat.payload_length",
                      length_at,
                      std::to_string(payload_length) + " exceeds the " +
                          std::to_string(room) +
                          " bytes the message holds");
  if (room - payload_length < kMinHeartbeatPadding)
    return body.Fault(StatusCode::kMalformed, "heartbeat.padding", padding_at,
                      std::to_string(room - payload_length) +
                          " bytes, fewer than 16");
  return Status::Ok();
}

void DissectApplicationData(Cursor& body, Field& record) {
  const size_t at = body.at();
  const size_t length = body.Rest().size();
  record.AddText("encrypted_data", std::to_string(length) + " bytes", at,
                 length);
}

}  // namespace protolm::tls
