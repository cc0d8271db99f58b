// The record cipher of a suite and version (see record_cipher.h).
#include "proto/tls/crypto/record_cipher.h"

#include <openssl/core_names.h>

#include <array>

#include "proto/tls/crypto/aead_cipher.h"
#include "proto/tls/crypto/cbc_cipher.h"

namespace protolm::tls {
namespace {

constexpr uint16_t kTls11 = 0x0302;

constexpr size_t kBulkCiphers = 5;

/// libcrypto's implementation of `cipher`, fetched once: a fetch searches
/// the providers under a lock, and every key of every session needs one.
const EVP_CIPHER* FetchedCipher(BulkCipher cipher) {
  static const std::array<CipherHandle, kBulkCiphers> fetched = [] {
    std::array<CipherHandle, kBulkCiphers> out;
    for (size_t i = 0; i < kBulkCiphers; ++i) {
      out[i].reset(EVP_CIPHER_fetch(
          nullptr, BulkCipherName(static_cast<BulkCipher>(i)), nullptr));
    }
    return out;
  }();
  return fetched[static_cast<size_t>(cipher)].get();
}

/// A decryption context of `suite`'s cipher keyed with `key`.
Result<CipherContext> KeyedCipher(const CipherSuite& suite, ByteView key) {
  const char* name = BulkCipherName(suite.cipher);
  const EVP_CIPHER* cipher = FetchedCipher(suite.cipher);
  if (cipher == nullptr) return LibcryptoFailure(std::string("fetch ") + name);
  if (key.size() != KeySize(suite.cipher))
    return Internal(std::string(name) + ": a " + std::to_string(key.size()) +
                    "-byte key");
  CipherContext context(EVP_CIPHER_CTX_new());
  if (!context || EVP_DecryptInit_ex2(context.get(), cipher, key.data(),
                                      nullptr, nullptr) <= 0) {
    return LibcryptoFailure(name);
  }
  return context;
}

/// An HMAC context with `hash` keyed with `key`.
Result<MacContext> KeyedHmac(Digest hash, ByteView key) {
  static const MacHandle hmac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  if (!hmac) return LibcryptoFailure("fetch HMAC");
  MacContext context(EVP_MAC_CTX_new(hmac.get()));
  std::array<OSSL_PARAM, 2> params = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                       const_cast<char*>(DigestName(hash)), 0),
      OSSL_PARAM_construct_end(),
  };
  if (!context ||
      EVP_MAC_init(context.get(), key.data(), key.size(), params.data()) <= 0)
    return LibcryptoFailure("HMAC");
  return context;
}

}  // namespace

Result<std::unique_ptr<RecordCipher>> NewRecordCipher(const CipherSuite& suite,
                                                      uint16_t version,
                                                      const TrafficKeys& keys,
                                                      bool encrypt_then_mac) {
  ASSIGN_OR_RETURN(CipherContext cipher, KeyedCipher(suite, keys.key));
  if (IsAead(suite.cipher)) {
    AeadLayout layout = AeadLayout::kTls13;
    if (!suite.tls13) {
      layout = suite.cipher == BulkCipher::kChacha20Poly1305
                   ? AeadLayout::kTls12Implicit
                   : AeadLayout::kTls12Explicit;
    }
    const size_t iv_size = layout == AeadLayout::kTls12Explicit ? 4 : 12;
    if (keys.iv.size() != iv_size)
      return Internal("a " + std::to_string(keys.iv.size()) + "-byte IV");
    return NewAeadCipher(std::move(cipher), layout, keys.iv);
  }
  ASSIGN_OR_RETURN(MacContext mac, KeyedHmac(suite.hash, keys.mac_key));
  CbcSettings settings;
  settings.mac_size = DigestSize(suite.hash);
  settings.encrypt_then_mac = encrypt_then_mac;
  if (version < kTls11) settings.chained_iv = keys.iv;
  return NewCbcCipher(std::move(cipher), std::move(mac), std::move(settings));
}

}  // namespace protolm::tls
