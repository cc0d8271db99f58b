// Cipher suites from their IANA names (see cipher_suite.h).
#include "proto/tls/crypto/cipher_suite.h"

#include <array>

namespace protolm::tls {
namespace {

constexpr std::string_view kPrefix = "TLS_";
constexpr std::string_view kWith = "_WITH_";
constexpr uint16_t kTls12 = 0x0303;

struct NamedBulk {
  std::string_view name;  // as the suite names spell it
  BulkCipher cipher;
};

constexpr std::array<NamedBulk, 5> kBulkCiphers = {{
    {"AES_128_GCM", BulkCipher::kAes128Gcm},
    {"AES_256_GCM", BulkCipher::kAes256Gcm},
    {"CHACHA20_POLY1305", BulkCipher::kChacha20Poly1305},
    {"AES_128_CBC", BulkCipher::kAes128Cbc},
    {"AES_256_CBC", BulkCipher::kAes256Cbc},
}};

std::optional<Digest> DigestFromName(std::string_view name) {
  if (name == "SHA") return Digest::kSha1;
  if (name == "SHA256") return Digest::kSha256;
  if (name == "SHA384") return Digest::kSha384;
  return std::nullopt;
}

}  // namespace

const char* DigestName(Digest digest) {
  switch (digest) {
    case Digest::kMd5Sha1:
      return "MD5-SHA1";
    case Digest::kSha1:
      return "SHA1";
    case Digest::kSha256:
      return "SHA256";
    case Digest::kSha384:
      return "SHA384";
  }
  return "";
}

size_t DigestSize(Digest digest) {
  switch (digest) {
    case Digest::kMd5Sha1:
      return 36;
    case Digest::kSha1:
      return 20;
    case Digest::kSha256:
      return 32;
    case Digest::kSha384:
      return 48;
  }
  return 0;
}

const char* BulkCipherName(BulkCipher cipher) {
  switch (cipher) {
    case BulkCipher::kAes128Gcm:
      return "AES-128-GCM";
    case BulkCipher::kAes256Gcm:
      return "AES-256-GCM";
    case BulkCipher::kChacha20Poly1305:
      return "ChaCha20-Poly1305";
    case BulkCipher::kAes128Cbc:
      return "AES-128-CBC";
    case BulkCipher::kAes256Cbc:
      return "AES-256-CBC";
  }
  return "";
}

size_t KeySize(BulkCipher cipher) {
  return cipher == BulkCipher::kAes128Gcm || cipher == BulkCipher::kAes128Cbc
             ? 16
             : 32;
}

bool IsAead(BulkCipher cipher) {
  return cipher != BulkCipher::kAes128Cbc && cipher != BulkCipher::kAes256Cbc;
}

std::optional<CipherSuite> CipherSuiteFromName(std::string_view name) {
  if (!name.starts_with(kPrefix)) return std::nullopt;
  CipherSuite suite;
  std::string_view rest;
  if (const size_t with = name.find(kWith); with != std::string_view::npos) {
    rest = name.substr(with + kWith.size());
  } else {
    suite.tls13 = true;
    rest = name.substr(kPrefix.size());
  }
  for (const NamedBulk& bulk : kBulkCiphers) {
    if (!rest.starts_with(bulk.name) || rest.size() <= bulk.name.size() ||
        rest[bulk.name.size()] != '_') {
      continue;
    }
    std::optional<Digest> hash =
        DigestFromName(rest.substr(bulk.name.size() + 1));
    if (!hash) return std::nullopt;
    suite.cipher = bulk.cipher;
    suite.hash = *hash;
    // AEAD suites name their PRF (or HKDF) hash, which is never SHA-1; TLS
    // 1.3 suites are AEAD.
    if (IsAead(suite.cipher) && *hash == Digest::kSha1) return std::nullopt;
    if (suite.tls13 && !IsAead(suite.cipher)) return std::nullopt;
    return suite;
  }
  return std::nullopt;
}

Digest PrfDigest(const CipherSuite& suite, uint16_t version) {
  if (version < kTls12) return Digest::kMd5Sha1;
  return suite.hash == Digest::kSha384 ? Digest::kSha384 : Digest::kSha256;
}

}  // namespace protolm::tls
