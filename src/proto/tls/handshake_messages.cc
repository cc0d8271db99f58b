// Handshake message bodies (see handshake_messages.h).
#include "proto/tls/handshake_messages.h"

#include "proto/tls/extensions.h"
#include "proto/tls/field_levels.h"
#include "proto/tls/hello.h"
#include "proto/tls/names.h"

namespace protolm::tls {
namespace {

enum HandshakeType : uint8_t {
  kHelloRequest = 0,
  kClientHello = 1,
  kServerHello = 2,
  kNewSessionTicket = 4,
  kEndOfEarlyData = 5,
  kEncryptedExtensions = 8,
  kCertificate = 11,
  kServerKeyExchange = 12,
  kCertificateRequest = 13,
  kServerHelloDone = 14,
  kCertificateVerify = 15,
  kClientKeyExchange = 16,
  kFinished = 20,
  kCertificateStatus = 22,
  kKeyUpdate = 24,
};

/// Whether `in` holds exactly the vectors of `prefixes` (each a length
/// prefix width; 0 stands for a fixed 4-byte field) and nothing else.
bool FillsExactly(Cursor in, std::initializer_list<size_t> prefixes) {
  for (size_t prefix : prefixes) {
    if (prefix == 0) {
      if (!in.Take("fixed", 4).ok()) return false;
    } else if (!in.Vector("vector", prefix).ok()) {
      return false;
    }
  }
  return in.empty();
}

/// TLS 1.2: certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>.
/// TLS 1.3: certificate_request_context<0..255>, then entries of cert_data
/// and extensions.
Status Certificate(Cursor& body, Field& message) {
  const bool tls13 = !FillsExactly(body, {3}) && FillsExactly(body, {1, 3});
  if (tls13) RETURN_IF_ERROR(ReadOpaque(body, "certificate_request_context", 1, message));
  const size_t at = body.at();
  ASSIGN_OR_RETURN(Cursor list, body.Vector("certificate_list", 3));
  Field& certificates =
      message.Add(Group("certificates", at, 3 + list.remaining()));
  int64_t count = 0;
  while (!list.empty()) {
    RETURN_IF_ERROR(ReadOpaque(list, "certificate", 3, certificates));
    if (tls13)
      RETURN_IF_ERROR(DissectExtensions(list, ExtensionContext::kCertificate,
                                        certificates));
    ++count;
  }
  certificates.number = count;
  certificates.value = std::to_string(count);
  return Status::Ok();
}

/// TLS 1.3: context and extensions; TLS 1.2: certificate types, signature
/// schemes and authorities; TLS 1.0/1.1: types and authorities.
Status CertificateRequest(Cursor& body, Field& message) {
  if (!FillsExactly(body, {1, 2, 2}) && FillsExactly(body, {1, 2})) {
    const bool tls13 = [&] {
      Cursor probe = body;
      Field scratch;
      return probe.Vector("context", 1).ok() &&
             DissectExtensions(probe, ExtensionContext::kCertificateRequest,
                               scratch)
                 .ok() &&
             probe.empty();
    }();
    if (tls13) {
      RETURN_IF_ERROR(
          ReadOpaque(body, "certificate_request_context", 1, message));
      return DissectExtensions(body, ExtensionContext::kCertificateRequest,
                               message);
    }
    RETURN_IF_ERROR(ReadOpaque(body, "certificate_types", 1, message));
    return ReadOpaque(body, "certificate_authorities", 2, message);
  }
  RETURN_IF_ERROR(ReadCodeList(
      body, "certificate_types", 1, "certificate_type", 1,
      [](uint32_t type) { return std::to_string(type); }, 0, message));
  RETURN_IF_ERROR(ReadCodeList(body, "supported_signature_algorithms", 2,
                               "signature_scheme", 2, SignatureSchemeName, 0,
                               message));
  return ReadOpaque(body, "certificate_authorities", 2, message);
}

/// TLS 1.3: lifetime, age_add, nonce, ticket, extensions; TLS 1.2:
/// lifetime hint and ticket.
Status NewSessionTicket(Cursor& body, Field& message) {
  RETURN_IF_ERROR(ReadNumber(body, "ticket_lifetime", 4, message));
  if (FillsExactly(body, {0, 1, 2, 2})) {
    RETURN_IF_ERROR(ReadNumber(body, "ticket_age_add", 4, message));
    RETURN_IF_ERROR(ReadOpaque(body, "ticket_nonce", 1, message));
    RETURN_IF_ERROR(ReadOpaque(body, "ticket", 2, message));
    return DissectExtensions(body, ExtensionContext::kNewSessionTicket,
                             message);
  }
  return ReadOpaque(body, "ticket", 2, message);
}

/// TLS 1.2/1.3: signature scheme and signature; TLS 1.0/1.1: signature.
Status CertificateVerify(Cursor& body, Field& message) {
  if (!FillsExactly(body, {2})) {
    const size_t at = body.at();
    ASSIGN_OR_RETURN(uint32_t scheme, body.Uint("signature_scheme", 2));
    AddCode(message, "signature_scheme", scheme,
            SignatureSchemeName(static_cast<uint16_t>(scheme)), at, 2);
  }
  return ReadOpaque(body, "signature", 2, message);
}

Status CertificateStatus(Cursor& body, Field& message) {
  const size_t at = body.at();
  ASSIGN_OR_RETURN(uint32_t type, body.Uint("status_type", 1));
  AddCode(message, "status_type", type,
          CertificateStatusTypeName(static_cast<uint8_t>(type)), at, 1);
  return ReadOpaque(body, "response", 3, message);
}

Status KeyUpdate(Cursor& body, Field& message) {
  const size_t at = body.at();
  ASSIGN_OR_RETURN(uint32_t request, body.Uint("request_update", 1));
  AddCode(message, "request_update", request,
          request == 0   ? "update_not_requested"
          : request == 1 ? "update_requested"
                         : std::to_string(request),
          at, 1);
  return Status::Ok();
}

/// Opaque bytes filling the body, shown with their length.
void Opaque(Cursor& body, std::string_view field, Field& message) {
  const size_t at = body.at();
  AddBytes(message, std::string(field), body.Rest(), at);
}

}  // namespace

Status DissectHandshakeBody(uint8_t type, Cursor& body, Field& message,
                            std::string* name) {
  switch (type) {
    case kHelloRequest:
    case kEndOfEarlyData:
    case kServerHelloDone:
      break;  // empty
    case kClientHello:
      RETURN_IF_ERROR(DissectClientHello(body, message));
      break;
    case kServerHello: {
      bool retry_request = false;
      RETURN_IF_ERROR(DissectServerHello(body, message, &retry_request));
      if (retry_request) *name = "hello_retry_request";
      break;
    }
    case kNewSessionTicket:
      RETURN_IF_ERROR(NewSessionTicket(body, message));
      break;
    case kEncryptedExtensions:
      RETURN_IF_ERROR(DissectExtensions(
          body, ExtensionContext::kEncryptedExtensions, message));
      break;
    case kCertificate:
      RETURN_IF_ERROR(Certificate(body, message));
      break;
    case kServerKeyExchange:
    case kClientKeyExchange:
      Opaque(body, "key_exchange", message);
      break;
    case kCertificateRequest:
      RETURN_IF_ERROR(CertificateRequest(body, message));
      break;
    case kCertificateVerify:
      RETURN_IF_ERROR(CertificateVerify(body, message));
      break;
    case kFinished:
      Opaque(body, "verify_data", message);
      break;
    case kCertificateStatus:
      RETURN_IF_ERROR(CertificateStatus(body, message));
      break;
    case kKeyUpdate:
      RETURN_IF_ERROR(KeyUpdate(body, message));
      break;
    default:
      if (!body.empty()) Opaque(body, "body", message);
      break;
  }
  return body.ExpectEnd(*name);
}

}  // namespace protolm::tls
