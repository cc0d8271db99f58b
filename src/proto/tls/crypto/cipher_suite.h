// What decrypting a cipher suite's records takes, read from its IANA name.
//
// The names follow one pattern (RFC 8446 B.4, RFC 5246 A.5):
// "TLS_<bulk>_<hash>" for TLS 1.3 and "TLS_<key exchange>_WITH_<bulk>_<mac>"
// for earlier versions, so the key exchange (which a key log makes moot) is
// skipped and the bulk cipher and hash are read from the tail. Decrypted are
// the AEAD ciphers AES-128/256-GCM and ChaCha20-Poly1305 and the block
// ciphers AES-128/256-CBC with HMAC-SHA1, -SHA256 or -SHA384; other suites
// (CCM, RC4, 3DES, Camellia, NULL, ...) are not. The hash of a TLS 1.3 suite
// drives HKDF; in TLS 1.2 the PRF is SHA-384 for suites named "_SHA384" and
// SHA-256 otherwise (TLS 1.0 and 1.1 use MD5+SHA-1 whatever the suite). Pure
// functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace protolm::tls {

enum class Digest : uint8_t { kMd5Sha1, kSha1, kSha256, kSha384 };

/// OpenSSL's name of the digest ("MD5-SHA1", "SHA1", "SHA256", "SHA384").
const char* DigestName(Digest digest);
/// The digest's output size in bytes.
size_t DigestSize(Digest digest);

enum class BulkCipher : uint8_t {
  kAes128Gcm,
  kAes256Gcm,
  kChacha20Poly1305,
  kAes128Cbc,
  kAes256Cbc,
};

/// OpenSSL's name of the cipher ("AES-128-GCM", "ChaCha20-Poly1305", ...).
const char* BulkCipherName(BulkCipher cipher);
size_t KeySize(BulkCipher cipher);
bool IsAead(BulkCipher cipher);

struct CipherSuite {
  BulkCipher cipher = BulkCipher::kAes128Gcm;
  /// TLS 1.3: the HKDF hash; earlier: SHA-256 or SHA-384 (the TLS 1.2 PRF)
  /// for AEAD suites, the HMAC hash for CBC suites.
  Digest hash = Digest::kSha256;
  bool tls13 = false;
};

/// The suite `iana_name` ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256") names,
/// or nullopt when it is not one protolm decrypts.
std::optional<CipherSuite> CipherSuiteFromName(std::string_view iana_name);

/// The PRF hash of the suite in protocol `version` (0x0301..0x0303).
Digest PrfDigest(const CipherSuite& suite, uint16_t version);

}  // namespace protolm::tls
