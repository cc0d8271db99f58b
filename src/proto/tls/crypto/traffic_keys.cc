// Traffic keys from key log secrets (see traffic_keys.h).
#include "proto/tls/crypto/traffic_keys.h"

#include <string>

#include "proto/tls/crypto/kdf.h"

namespace protolm::tls {
namespace {

constexpr size_t kAeadNonceSize = 12;
constexpr size_t kGcmSaltSize = 4;  // TLS 1.2 GCM: the rest is explicit
constexpr size_t kAesBlockSize = 16;
constexpr uint16_t kTls11 = 0x0302;

/// Bytes [at, at + n) of `block`, moving `at` past them.
Bytes Cut(const Bytes& block, size_t& at, size_t n) {
  Bytes out(block.begin() + static_cast<ptrdiff_t>(at),
            block.begin() + static_cast<ptrdiff_t>(at + n));
  at += n;
  return out;
}

size_t FixedIvSize(const CipherSuite& suite, uint16_t version) {
  switch (suite.cipher) {
    case BulkCipher::kAes128Gcm:
    case BulkCipher::kAes256Gcm:
      return kGcmSaltSize;
    case BulkCipher::kChacha20Poly1305:
      return kAeadNonceSize;
    case BulkCipher::kAes128Cbc:
    case BulkCipher::kAes256Cbc:
      return version < kTls11 ? kAesBlockSize : 0;
  }
  return 0;
}

}  // namespace

Result<TrafficKeys> Tls13TrafficKeys(const CipherSuite& suite,
                                     ByteView secret) {
  if (secret.size() != DigestSize(suite.hash))
    return Malformed("a " + std::to_string(secret.size()) +
                     "-byte traffic secret for a suite hashing with " +
                     DigestName(suite.hash));
  TrafficKeys keys;
  ASSIGN_OR_RETURN(keys.key, HkdfExpandLabel(suite.hash, secret, "key", {},
                                             KeySize(suite.cipher)));
  ASSIGN_OR_RETURN(
      keys.iv, HkdfExpandLabel(suite.hash, secret, "iv", {}, kAeadNonceSize));
  return keys;
}

Result<Bytes> NextTrafficSecret(const CipherSuite& suite, ByteView secret) {
  return HkdfExpandLabel(suite.hash, secret, "traffic upd", {},
                         DigestSize(suite.hash));
}

Result<KeyBlock> Tls12KeyBlock(const CipherSuite& suite, uint16_t version,
                               ByteView master_secret, ByteView client_random,
                               ByteView server_random) {
  const size_t mac = IsAead(suite.cipher) ? 0 : DigestSize(suite.hash);
  const size_t key = KeySize(suite.cipher);
  const size_t iv = FixedIvSize(suite, version);
  Bytes seed(server_random.begin(), server_random.end());
  seed.insert(seed.end(), client_random.begin(), client_random.end());
  ASSIGN_OR_RETURN(Bytes block,
                   TlsPrf(PrfDigest(suite, version), master_secret,
                          "key expansion", seed, 2 * (mac + key + iv)));
  KeyBlock keys;
  size_t at = 0;
  keys.client.mac_key = Cut(block, at, mac);
  keys.server.mac_key = Cut(block, at, mac);
  keys.client.key = Cut(block, at, key);
  keys.server.key = Cut(block, at, key);
  keys.client.iv = Cut(block, at, iv);
  keys.server.iv = Cut(block, at, iv);
  return keys;
}

}  // namespace protolm::tls
