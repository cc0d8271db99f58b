// TLS extension lists and the data of each extension (see extensions.h).
#include "proto/tls/extensions.h"

#include <string>

#include "proto/tls/field_levels.h"
#include "proto/tls/names.h"

namespace protolm::tls {
namespace {

constexpr uint16_t kServerName = 0;
constexpr uint16_t kMaxFragmentLength = 1;
constexpr uint16_t kStatusRequest = 5;
constexpr uint16_t kSupportedGroups = 10;
constexpr uint16_t kEcPointFormats = 11;
constexpr uint16_t kSignatureAlgorithms = 13;
constexpr uint16_t kAlpn = 16;
constexpr uint16_t kSignedCertificateTimestamp = 18;
constexpr uint16_t kPadding = 21;
constexpr uint16_t kEncryptThenMac = 22;
constexpr uint16_t kExtendedMasterSecret = 23;
constexpr uint16_t kCompressCertificate = 27;
constexpr uint16_t kRecordSizeLimit = 28;
constexpr uint16_t kSessionTicket = 35;
constexpr uint16_t kPreSharedKey = 41;
constexpr uint16_t kEarlyData = 42;
constexpr uint16_t kSupportedVersions = 43;
constexpr uint16_t kCookie = 44;
constexpr uint16_t kPskKeyExchangeModes = 45;
constexpr uint16_t kCertificateAuthorities = 47;
constexpr uint16_t kPostHandshakeAuth = 49;
constexpr uint16_t kSignatureAlgorithmsCert = 50;
constexpr uint16_t kKeyShare = 51;
constexpr uint16_t kKeyShareDraft = 40;  // TLS 1.3 drafts up to 22
constexpr uint16_t kEncryptedClientHello = 0xfe0d;
constexpr uint16_t kRenegotiationInfo = 0xff01;

constexpr uint8_t kEchOuter = 0;

/// Bytes as text: printable ASCII kept, anything else shown as '.'.
std::string Printable(ByteView bytes) {
  std::string text;
  text.reserve(bytes.size());
  for (uint8_t b : bytes) text += b >= 0x20 && b < 0x7f ? char(b) : '.';
  return text;
}

/// A vector of bytes with a `prefix`-byte length, shown as text.
Status ReadText(Cursor& in, std::string_view field, size_t prefix,
                Field& into) {
  ASSIGN_OR_RETURN(Cursor body, in.Vector(field, prefix));
  const size_t at = body.at();
  ByteView bytes = body.Rest();
  into.AddText(std::string(field), Printable(bytes), at, bytes.size());
  return Status::Ok();
}

Status ServerNames(Cursor& in, Field& ext) {
  ASSIGN_OR_RETURN(Cursor list, in.Vector("server_name_list", 2));
  while (!list.empty()) {
    RETURN_IF_ERROR(ReadNumber(list, "name_type", 1, ext));
    RETURN_IF_ERROR(ReadText(list, "host_name", 2, ext));
  }
  return Status::Ok();
}

Status AlpnProtocols(Cursor& in, Field& ext) {
  ASSIGN_OR_RETURN(Cursor list, in.Vector("protocol_name_list", 2));
  while (!list.empty()) RETURN_IF_ERROR(ReadText(list, "protocol", 1, ext));
  return Status::Ok();
}

Status StatusRequest(Cursor& in, ExtensionContext context, Field& ext) {
  if (in.empty()) return Status::Ok();  // a server's acknowledgement
  RETURN_IF_ERROR(
      ReadCode(in, "status_type", 1, CertificateStatusTypeName, 0, ext));
  if (context == ExtensionContext::kCertificate)  // the OCSP response itself
    return ReadOpaque(in, "response", 3, ext);
  RETURN_IF_ERROR(ReadOpaque(in, "responder_id_list", 2, ext));
  return ReadOpaque(in, "request_extensions", 2, ext);
}

Status PreSharedKey(Cursor& in, ExtensionContext context, Field& ext) {
  if (context != ExtensionContext::kClientHello)
    return ReadNumber(in, "selected_identity", 2, ext);
  ASSIGN_OR_RETURN(Cursor identities, in.Vector("identities", 2));
  while (!identities.empty()) {
    RETURN_IF_ERROR(ReadOpaque(identities, "identity", 2, ext));
    RETURN_IF_ERROR(ReadNumber(identities, "obfuscated_ticket_age", 4, ext));
  }
  ASSIGN_OR_RETURN(Cursor binders, in.Vector("binders", 2));
  while (!binders.empty()) RETURN_IF_ERROR(ReadOpaque(binders, "binder", 1, ext));
  return Status::Ok();
}

Status KeyShareEntry(Cursor& in, Field& ext) {
  RETURN_IF_ERROR(ReadCode(in, "group", 2, GroupName, 0, ext));
  return ReadOpaque(in, "key_exchange", 2, ext);
}

Status KeyShare(Cursor& in, ExtensionContext context, Field& ext) {
  switch (context) {
    case ExtensionContext::kClientHello: {
      ASSIGN_OR_RETURN(Cursor shares, in.Vector("client_shares", 2));
      while (!shares.empty()) RETURN_IF_ERROR(KeyShareEntry(shares, ext));
      return Status::Ok();
    }
    case ExtensionContext::kHelloRetryRequest:
      return ReadCode(in, "selected_group", 2, GroupName, 0, ext);
    default:
      return KeyShareEntry(in, ext);
  }
}

Status SupportedVersions(Cursor& in, ExtensionContext context, Field& ext) {
  if (context == ExtensionContext::kClientHello)
    return ReadCodeList(in, "versions", 1, "version", 2, VersionName,
                        kLevelKeyFields, ext);
  return ReadCode(in, "selected_version", 2, VersionName, kLevelKeyFields,
                  ext);
}

Status CertificateAuthorities(Cursor& in, Field& ext) {
  ASSIGN_OR_RETURN(Cursor names, in.Vector("authorities", 2));
  while (!names.empty())
    RETURN_IF_ERROR(ReadOpaque(names, "distinguished_name", 2, ext));
  return Status::Ok();
}

Status EncryptedClientHello(Cursor& in, ExtensionContext context, Field& ext) {
  if (context != ExtensionContext::kClientHello) {
    // retry_configs (EncryptedExtensions), confirmation (HelloRetryRequest)
    const size_t at = in.at();
    AddBytes(ext, "data", in.Rest(), at);
    return Status::Ok();
  }
  const size_t at = in.at();
  ASSIGN_OR_RETURN(uint32_t type, in.Uint("ech_client_hello_type", 1));
  AddCode(ext, "ech_client_hello_type", type, type == kEchOuter ? "outer" : "inner",
          at, 1);
  if (type != kEchOuter) return Status::Ok();
  RETURN_IF_ERROR(ReadNumber(in, "kdf_id", 2, ext));
  RETURN_IF_ERROR(ReadNumber(in, "aead_id", 2, ext));
  RETURN_IF_ERROR(ReadNumber(in, "config_id", 1, ext));
  RETURN_IF_ERROR(ReadOpaque(in, "enc", 2, ext));
  return ReadOpaque(in, "payload", 2, ext);
}

/// The data of one extension, which must fill `in`. Outside a ClientHello
/// an empty extension is an acknowledgement (servers echo server_name,
/// status_request, signature_algorithms ...) whatever its usual form.
Status DissectData(uint16_t type, ExtensionContext context, Cursor& in,
                   Field& ext) {
  if (in.empty() && context != ExtensionContext::kClientHello)
    return Status::Ok();
  switch (type) {
    case kServerName:
      if (context == ExtensionContext::kClientHello)
        RETURN_IF_ERROR(ServerNames(in, ext));
      break;
    case kMaxFragmentLength:
      RETURN_IF_ERROR(ReadNumber(in, "max_fragment_length", 1, ext));
      break;
    case kStatusRequest:
      RETURN_IF_ERROR(StatusRequest(in, context, ext));
      break;
    case kSupportedGroups:
      RETURN_IF_ERROR(ReadCodeList(in, "named_group_list", 2, "named_group", 2,
                                   GroupName, 0, ext));
      break;
    case kEcPointFormats:
      RETURN_IF_ERROR(ReadCodeList(in, "ec_point_format_list", 1,
                                   "ec_point_format", 1, EcPointFormatName, 0,
                                   ext));
      break;
    case kSignatureAlgorithms:
    case kSignatureAlgorithmsCert:
      RETURN_IF_ERROR(ReadCodeList(in, "supported_signature_algorithms", 2,
                                   "signature_scheme", 2, SignatureSchemeName,
                                   0, ext));
      break;
    case kAlpn:
      RETURN_IF_ERROR(AlpnProtocols(in, ext));
      break;
    case kCompressCertificate:
      RETURN_IF_ERROR(ReadCodeList(
          in, "algorithms", 1, "algorithm", 2,
          [](uint32_t v) { return std::to_string(v); }, 0, ext));
      break;
    case kRecordSizeLimit:
      RETURN_IF_ERROR(ReadNumber(in, "record_size_limit", 2, ext));
      break;
    case kPadding: {
      const size_t at = in.at();
      const size_t length = in.Rest().size();
      ext.AddNumber("padding_length", static_cast<int64_t>(length), at, length);
      break;
    }
    case kEncryptThenMac:
    case kExtendedMasterSecret:
    case kPostHandshakeAuth:
      break;  // empty: ExpectEnd below
    case kSignedCertificateTimestamp:
    case kSessionTicket: {
      const size_t at = in.at();
      if (!in.empty()) AddBytes(ext, "data", in.Rest(), at);
      break;
    }
    case kPreSharedKey:
      RETURN_IF_ERROR(PreSharedKey(in, context, ext));
      break;
    case kEarlyData:
      if (context == ExtensionContext::kNewSessionTicket)
        RETURN_IF_ERROR(ReadNumber(in, "max_early_data_size", 4, ext));
      break;
    case kSupportedVersions:
      RETURN_IF_ERROR(SupportedVersions(in, context, ext));
      break;
    case kCookie:
      RETURN_IF_ERROR(ReadOpaque(in, "cookie", 2, ext));
      break;
    case kPskKeyExchangeModes:
      RETURN_IF_ERROR(ReadCodeList(in, "ke_modes", 1, "ke_mode", 1,
                                   PskModeName, 0, ext));
      break;
    case kCertificateAuthorities:
      RETURN_IF_ERROR(CertificateAuthorities(in, ext));
      break;
    case kKeyShare:
    case kKeyShareDraft:
      RETURN_IF_ERROR(KeyShare(in, context, ext));
      break;
    case kEncryptedClientHello:
      RETURN_IF_ERROR(EncryptedClientHello(in, context, ext));
      break;
    case kRenegotiationInfo:
      RETURN_IF_ERROR(ReadOpaque(in, "renegotiated_connection", 1, ext));
      break;
    default: {
      const size_t at = in.at();
      if (!in.empty()) AddBytes(ext, "data", in.Rest(), at);
      break;
    }
  }
  return in.ExpectEnd("extension " + ExtensionName(type));
}

}  // namespace

Status DissectExtensions(Cursor& in, ExtensionContext context, Field& parent) {
  const size_t start = in.at();
  ASSIGN_OR_RETURN(Cursor list, in.Vector("extensions", 2));
  Field& extensions =
      parent.Add(Group("extensions", start, 2 + list.remaining()));
  while (!list.empty()) {
    const size_t at = list.at();
    ASSIGN_OR_RETURN(uint32_t type, list.Uint("extension.type", 2));
    Field& ext = extensions.Add(Group("extension", at, 2));
    AddCode(ext, "extension_type", type, ExtensionName(static_cast<uint16_t>(type)), at, 2,
            kLevelKeyFields);
    const size_t length_at = list.at();
    ASSIGN_OR_RETURN(Cursor data, list.Vector("extension.length", 2));
    ext.AddNumber("length", static_cast<int64_t>(data.remaining()), length_at, 2);
    ext.length = 4 + data.remaining();
    RETURN_IF_ERROR(
        DissectData(static_cast<uint16_t>(type), context, data, ext));
  }
  return Status::Ok();
}

}  // namespace protolm::tls
