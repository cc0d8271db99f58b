// ClientHello and ServerHello bodies (see hello.h).
#include "proto/tls/hello.h"

#include <algorithm>
#include <array>

#include "proto/tls/extensions.h"
#include "proto/tls/field_levels.h"
#include "proto/tls/names.h"

namespace protolm::tls {
namespace {

constexpr size_t kRandomSize = 32;
constexpr size_t kMaxSessionId = 32;
constexpr uint8_t kDraftVersionMajor = 0x7f;

// SHA-256 of "HelloRetryRequest" (RFC 8446 4.1.3).
constexpr std::array<uint8_t, kRandomSize> kHelloRetryRandom = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c,
    0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb,
    0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};

Status ReadVersion(Cursor& in, Field& message, uint16_t* version) {
  const size_t at = in.at();
  ASSIGN_OR_RETURN(uint32_t value, in.Uint("version", 2));
  *version = static_cast<uint16_t>(value);
  AddCode(message, "version", value, VersionName(*version), at, 2,
          kLevelKeyFields);
  return Status::Ok();
}

Status ReadRandom(Cursor& in, Field& message, ByteView* random) {
  const size_t at = in.at();
  ASSIGN_OR_RETURN(*random, in.Take("random", kRandomSize));
  AddBytes(message, "random", *random, at);
  return Status::Ok();
}

Status ReadSessionId(Cursor& in, Field& message) {
  const size_t at = in.at();
  ASSIGN_OR_RETURN(Cursor id, in.Vector("session_id", 1));
  if (id.remaining() > kMaxSessionId)
    return in.Fault(StatusCode::kMalformed, "session_id", at,
                    "length " + std::to_string(id.remaining()) +
                        " exceeds 32");
  const size_t id_at = id.at();
  AddBytes(message, "session_id", id.Rest(), id_at);
  return Status::Ok();
}

Status ReadCipherSuites(Cursor& in, Field& message) {
  const size_t at = in.at();
  ASSIGN_OR_RETURN(Cursor list, in.Vector("cipher_suites", 2));
  if (list.remaining() % 2 != 0)
    return in.Fault(StatusCode::kMalformed, "cipher_suites", at,
                    "odd length " + std::to_string(list.remaining()));
  Field& suites = message.Add(Group("cipher_suites", at, 2 + list.remaining()));
  suites.number = static_cast<int64_t>(list.remaining() / 2);
  suites.value = std::to_string(list.remaining() / 2);
  while (!list.empty()) {
    const size_t suite_at = list.at();
    ASSIGN_OR_RETURN(uint32_t suite, list.Uint("cipher_suite", 2));
    AddCode(suites, "cipher_suite", suite,
            CipherSuiteName(static_cast<uint16_t>(suite)), suite_at, 2);
  }
  return Status::Ok();
}

Status ReadCompressionMethods(Cursor& in, Field& message) {
  const size_t at = in.at();
  ASSIGN_OR_RETURN(Cursor list, in.Vector("compression_methods", 1));
  Field& methods =
      message.Add(Group("compression_methods", at, 1 + list.remaining()));
  while (!list.empty()) {
    const size_t method_at = list.at();
    ASSIGN_OR_RETURN(uint32_t method, list.Uint("compression_method", 1));
    AddCode(methods, "compression_method", method,
            CompressionMethodName(static_cast<uint8_t>(method)), method_at, 1);
  }
  return Status::Ok();
}

}  // namespace

Status DissectClientHello(Cursor& body, Field& message) {
  uint16_t version = 0;
  ByteView random;
  RETURN_IF_ERROR(ReadVersion(body, message, &version));
  RETURN_IF_ERROR(ReadRandom(body, message, &random));
  RETURN_IF_ERROR(ReadSessionId(body, message));
  RETURN_IF_ERROR(ReadCipherSuites(body, message));
  RETURN_IF_ERROR(ReadCompressionMethods(body, message));
  if (!body.empty())  // SSLv3 and early TLS hellos may have no extensions
    RETURN_IF_ERROR(
        DissectExtensions(body, ExtensionContext::kClientHello, message));
  return body.ExpectEnd("client_hello");
}

Status DissectServerHello(Cursor& body, Field& message, bool* retry_request) {
  uint16_t version = 0;
  ByteView random;
  RETURN_IF_ERROR(ReadVersion(body, message, &version));
  RETURN_IF_ERROR(ReadRandom(body, message, &random));
  *retry_request =
      std::equal(random.begin(), random.end(), kHelloRetryRandom.begin());
  const bool draft = (version >> 8) == kDraftVersionMajor;
  if (!draft) RETURN_IF_ERROR(ReadSessionId(body, message));
  const size_t suite_at = body.at();
  ASSIGN_OR_RETURN(uint32_t suite, body.Uint("cipher_suite", 2));
  AddCode(message, "cipher_suite", suite,
          CipherSuiteName(static_cast<uint16_t>(suite)), suite_at, 2,
          kLevelKeyFields);
  if (!draft) {
    const size_t method_at = body.at();
    ASSIGN_OR_RETURN(uint32_t method, body.Uint("compression_method", 1));
    AddCode(message, "compression_method", method,
            CompressionMethodName(static_cast<uint8_t>(method)), method_at, 1);
  }
  if (!body.empty())
    RETURN_IF_ERROR(DissectExtensions(
        body,
        *retry_request ? ExtensionContext::kHelloRetryRequest
                       : ExtensionContext::kServerHello,
        message));
  return body.ExpectEnd("server_hello");
}

}  // namespace protolm::tls
