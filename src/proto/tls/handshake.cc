// Handshake messages of a unit (see handshake.h).
#include "proto/tls/handshake.h"

#include "proto/tls/field_levels.h"
#include "proto/tls/handshake_messages.h"
#include "proto/tls/handshake_shape.h"
#include "proto/tls/names.h"

namespace protolm::tls {
namespace {

constexpr size_t kMessageHeaderSize = 4;  // msg_type, 24-bit length
constexpr char kEncrypted[] = "encrypted_handshake_message";

Status DissectMessage(Cursor& in, Field& into, std::string* name) {
  const size_t start = in.at();
  ASSIGN_OR_RETURN(uint32_t type, in.Uint("handshake.msg_type", 1));
  *name = HandshakeTypeName(static_cast<uint8_t>(type));
  Field& message = into.Add(Group("handshake", start, 1));
  AddCode(message, "msg_type", type, *name, start, 1, kLevelMessage);
  const size_t length_at = in.at();
  ASSIGN_OR_RETURN(Cursor body, in.Vector(*name + ".length", 3));
  message.AddNumber("length", static_cast<int64_t>(body.remaining()),
                    length_at, 3);
  message.length = kMessageHeaderSize + body.remaining();
  Status status =
      DissectHandshakeBody(static_cast<uint8_t>(type), body, message, name);
  message.children.front().value = *name;  // hello_retry_request
  return status;
}

}  // namespace

Status DissectHandshakeStream(ByteView stream, const UnitMap& map, Field& into,
                              std::string* first_name) {
  Cursor in(stream, 0, map);
  if (stream.empty())
    return in.Fault(StatusCode::kMalformed, "handshake", 0,
                    "empty handshake record");
  if (ShapeOf(stream) == HandshakeShape::kOpaque) {
    *first_name = kEncrypted;
    Field& message = into.Add(Group("handshake", 0, stream.size()));
    message.AddText("msg_type", kEncrypted, 0, 0, kLevelMessage);
    AddBytes(message, "encrypted_data", stream, 0);
    return Status::Ok();
  }
  bool first = true;
  while (!in.empty()) {
    std::string name;
    Status status = DissectMessage(in, into, &name);
    if (first) *first_name = name;
    first = false;
    RETURN_IF_ERROR(status);
  }
  return Status::Ok();
}

}  // namespace protolm::tls
