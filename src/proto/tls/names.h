// Names of TLS code points, as the IANA TLS registries spell them.
//
// Versions (SSLv2 to TLS 1.3 and its drafts 0x7fxx, DTLS), content types,
// handshake message types, alert levels and descriptions, heartbeat message
// types, cipher suites (the common ones; others by number), supported groups,
// signature schemes, extension types, EC point formats, PSK key exchange
// modes, certificate status types and compression methods. GREASE values
// (RFC 8701: 0x?a?a with both bytes equal) are recognised in every 16-bit
// registry and shown as "grease_0x?a?a". A code without a name is shown by
// number: "0x1234" for 16-bit registries, decimal for 8-bit ones. Pure
// functions over constant tables; thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace protolm::tls {

/// RFC 8701 GREASE: 0x0a0a, 0x1a1a, ... 0xfafa.
bool IsGrease(uint16_t value);

/// "SSLv3", "TLSv1.2", "TLSv1.3-draft23", "DTLSv1.2", "0x1234".
std::string VersionName(uint16_t version);
/// True for SSLv3 through TLS 1.3 (0x0300..0x0304): what a record header's
/// version holds (TLS 1.3 records say 0x0301 or 0x0303).
bool IsRecordVersion(uint16_t version);

/// Content types 20-24 ("change_cipher_spec", "alert", "handshake",
/// "application_data", "heartbeat").
bool IsKnownContentType(uint8_t type);
std::string ContentTypeName(uint8_t type);

bool IsKnownHandshakeType(uint8_t type);
std::string HandshakeTypeName(uint8_t type);

std::string AlertLevelName(uint8_t level);
bool IsKnownAlertDescription(uint8_t description);
std::string AlertDescriptionName(uint8_t description);

std::string HeartbeatTypeName(uint8_t type);
std::string CipherSuiteName(uint16_t suite);
std::string GroupName(uint16_t group);
std::string SignatureSchemeName(uint16_t scheme);
std::string ExtensionName(uint16_t type);
std::string EcPointFormatName(uint8_t format);
std::string PskModeName(uint8_t mode);
std::string CertificateStatusTypeName(uint8_t type);
std::string CompressionMethodName(uint8_t method);

}  // namespace protolm::tls
