// SSLv2-compatible ClientHello (see sslv2.h).
#include "proto/tls/sslv2.h"

#include <cstdio>

#include "proto/tls/field_cursor.h"
#include "proto/tls/field_levels.h"
#include "proto/tls/names.h"

namespace protolm::tls {
namespace {

constexpr size_t kCipherSpecSize = 3;

std::string CipherSpecName(uint32_t spec) {
  if ((spec >> 16) == 0) return CipherSuiteName(static_cast<uint16_t>(spec));
  char text[24];
  std::snprintf(text, sizeof text, "sslv2_0x%06x", spec);
  return text;
}

}  // namespace

Status DissectSslv2ClientHello(ByteView bytes, Field& root) {
  UnitMap map;
  map.Append(0, bytes.size());
  Cursor in(bytes, 0, map);
  const size_t header_at = in.at();
  ASSIGN_OR_RETURN(uint32_t header, in.Uint("sslv2.length", 2));
  root.AddText("content_type", "sslv2", header_at, 2, kLevelContentType);
  root.AddNumber("length", header & 0x7fff, header_at, 2);
  Field& message = root.Add(Group("handshake", in.at(), in.remaining()));
  RETURN_IF_ERROR(ReadCode(
      in, "msg_type", 1,
      [](uint32_t type) { return HandshakeTypeName(static_cast<uint8_t>(type)); },
      kLevelMessage, message));
  RETURN_IF_ERROR(ReadCode(
      in, "version", 2,
      [](uint32_t version) { return VersionName(static_cast<uint16_t>(version)); },
      kLevelKeyFields, message));
  ASSIGN_OR_RETURN(uint32_t specs_length, in.Uint("cipher_spec_length", 2));
  ASSIGN_OR_RETURN(uint32_t session_id_length, in.Uint("session_id_length", 2));
  ASSIGN_OR_RETURN(uint32_t challenge_length, in.Uint("challenge_length", 2));
  if (specs_length % kCipherSpecSize != 0)
    return in.Fault(StatusCode::kMalformed, "cipher_spec_length", 5,
                    std::to_string(specs_length) + " is not a multiple of 3");
  const size_t specs_at = in.at();
  ASSIGN_OR_RETURN(ByteView specs, in.Take("cipher_specs", specs_length));
  Field& spec_list = message.Add(Group("cipher_specs", specs_at, specs.size()));
  Cursor spec_in(specs, specs_at, map);
  while (!spec_in.empty())
    RETURN_IF_ERROR(ReadCode(spec_in, "cipher_spec", kCipherSpecSize,
                             CipherSpecName, 0, spec_list));
  const size_t session_at = in.at();
  ASSIGN_OR_RETURN(ByteView session_id, in.Take("session_id", session_id_length));
  AddBytes(message, "session_id", session_id, session_at);
  const size_t challenge_at = in.at();
  ASSIGN_OR_RETURN(ByteView challenge, in.Take("challenge", challenge_length));
  AddBytes(message, "challenge", challenge, challenge_at);
  return in.ExpectEnd("sslv2 client_hello");
}

}  // namespace protolm::tls
