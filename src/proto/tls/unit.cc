// Dissection of a framed TLS unit (see unit.h).
#include "proto/tls/unit.h"

#include <string>

#include "proto/tls/field_cursor.h"
#include "proto/tls/field_levels.h"
#include "proto/tls/handshake.h"
#include "proto/tls/names.h"
#include "proto/tls/record.h"
#include "proto/tls/record_content.h"
#include "proto/tls/sslv2.h"

namespace protolm::tls {
namespace {

/// What the records of a unit said, for PduInfo.
struct UnitFacts {
  std::string function;
  bool exception = false;
};

/// Keeps the first fault.
void Note(Status fault, Status* first) {
  if (first->ok() && !fault.ok()) *first = std::move(fault);
}

/// The content of one record other than handshake, into `record`.
Status DissectContent(uint8_t type, ByteView body, size_t body_at,
                      Field& record, UnitFacts* facts) {
  UnitMap map;
  map.Append(body_at, body.size());
  Cursor in(body, 0, map);
  Field content;
  Status status;
  switch (type) {
    case kAlert: {
      AlertFacts alert;
      status = DissectAlert(in, content, &alert);
      facts->function = "alert";
      facts->exception = alert.fatal;
      break;
    }
    case kChangeCipherSpec:
      status = DissectChangeCipherSpec(in, content);
      facts->function = "change_cipher_spec";
      break;
    case kHeartbeat: {
      uint8_t heartbeat_type = 0;
      status = DissectHeartbeat(in, content, &heartbeat_type);
      facts->function = HeartbeatTypeName(heartbeat_type);
      break;
    }
    case kApplicationData:
      DissectApplicationData(in, content);
      facts->function = "application_data";
      break;
    default:
      AddBytes(content, "data", in.Rest(), 0);
      facts->function = "unknown_content_type_" + std::to_string(type);
      break;
  }
  for (Field& field : content.children) {
    map.Remap(field);
    record.Add(std::move(field));
  }
  return status;
}

/// The record header at `at` into `record`; faults for what is out of spec.
Status DissectHeader(const RecordHeader& header, size_t at, bool first,
                     Field& record) {
  AddCode(record, "content_type", header.type, ContentTypeName(header.type), at,
          1, first ? kLevelContentType : kLevelHidden);
  AddCode(record, "version", header.version, VersionName(header.version),
          at + 1, 2);
  record.AddNumber("length", header.length, at + 3, 2);
  const std::string where = " at offset " + std::to_string(at);
  if (!IsKnownContentType(header.type))
    return Malformed("tls: record.content_type: unknown content type " +
                     std::to_string(header.type) + where);
  if ((header.version >> 8) != kRecordMajorVersion)
    return Malformed("tls: record.version: " + VersionName(header.version) +
                     " is no TLS record version at offset " +
                     std::to_string(at + 1));
  if (header.length > kMaxRecordLength)
    return Malformed("tls: record.length: " + std::to_string(header.length) +
                     " exceeds " + std::to_string(kMaxRecordLength) +
                     " at offset " + std::to_string(at + 3));
  return Status::Ok();
}

/// The records of `unit` into `root`.
Status DissectRecords(ByteView unit, Field& root, UnitFacts* facts) {
  Status first_fault;
  Bytes handshake_bytes;
  UnitMap handshake_map;
  size_t at = 0;
  bool handshake_first = false;
  for (size_t index = 0; at < unit.size(); ++index) {
    std::optional<RecordHeader> header = ReadRecordHeader(unit.subspan(at));
    if (!header) {
      Note(Truncated("tls: record: header needs 5 bytes, " +
                     std::to_string(unit.size() - at) + " left at offset " +
                     std::to_string(at)),
           &first_fault);
      break;
    }
    const size_t body_at = at + kRecordHeaderSize;
    const size_t available = std::min<size_t>(header->length, unit.size() - body_at);
    Field& record = root.Add(Group("record", at, kRecordHeaderSize + available));
    Note(DissectHeader(*header, at, index == 0, record), &first_fault);
    if (available < header->length)
      Note(Truncated("tls: record.length: " + std::to_string(header->length) +
                     " runs past the " + std::to_string(available) +
                     " bytes left at offset " + std::to_string(at + 3)),
           &first_fault);
    const ByteView body = unit.subspan(body_at, available);
    if (header->type == kHandshake) {
      if (index == 0) handshake_first = true;
      handshake_map.Append(body_at, body.size());
      handshake_bytes.insert(handshake_bytes.end(), body.begin(), body.end());
    } else {
      UnitFacts content_facts;
      Note(DissectContent(header->type, body, body_at, record, &content_facts),
           &first_fault);
      if (index == 0) *facts = content_facts;
    }
    at = body_at + available;
  }
  if (handshake_first || !handshake_bytes.empty()) {
    Field messages;
    std::string first_name;
    Note(DissectHandshakeStream(handshake_bytes, handshake_map, messages,
                                &first_name),
         &first_fault);
    for (Field& message : messages.children) {
      handshake_map.Remap(message);
      root.Add(std::move(message));
    }
    if (handshake_first) facts->function = first_name;
  }
  return first_fault;
}

}  // namespace

Dissection DissectUnit(ByteView unit) {
  Dissection d;
  d.tree = Group("tls", 0, unit.size());
  d.info.role = PduRole::kEvent;
  UnitFacts facts;
  if (IsSslv2ClientHelloStart(unit)) {
    d.status = DissectSslv2ClientHello(unit, d.tree);
    facts.function = "client_hello";
  } else if (unit.empty()) {
    d.status = Truncated("tls: record: empty unit at offset 0");
  } else {
    d.status = DissectRecords(unit, d.tree, &facts);
  }
  d.info.function = std::move(facts.function);
  d.info.exception = facts.exception;
  if (d.info.function.empty()) d.info.role = PduRole::kUnknown;
  return d;
}

}  // namespace protolm::tls
