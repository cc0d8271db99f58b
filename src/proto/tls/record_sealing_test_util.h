// What a TLS 1.3 peer sends, for tests and fuzz targets: a record of
// `plaintext` with its inner content type, protected with AES-128-GCM under
// a key, IV and sequence number (RFC 8446 5.2), so that tests can give the
// decryptor records whose plaintext they choose. No gtest: fuzz targets
// include it too.
#pragma once

#include <cstdint>

#include "proto/tls/crypto/openssl_handles.h"
#include "util/bytes.h"

namespace protolm::tls::testing {

/// The record (header included) of `plaintext` with inner type `type`,
/// number `seq` under AES-128-GCM `key` (16 bytes) and `iv` (12 bytes).
/// Empty if the plaintext does not fit a record or libcrypto fails.
inline Bytes SealTls13Record(ByteView key, ByteView iv, uint64_t seq,
                             uint8_t type, ByteView plaintext) {
  if (key.size() != 16 || iv.size() != 12 || plaintext.size() > 0xffff - 17)
    return {};
  Bytes inner(plaintext.begin(), plaintext.end());
  inner.push_back(type);
  Bytes nonce(iv.begin(), iv.end());
  for (size_t i = 0; i < 8; ++i)
    nonce[11 - i] ^= static_cast<uint8_t>(seq >> (8 * i));
  const size_t length = inner.size() + 16;
  Bytes record = {23, 3, 3, static_cast<uint8_t>(length >> 8),
                  static_cast<uint8_t>(length)};
  CipherHandle aes(EVP_CIPHER_fetch(nullptr, "AES-128-GCM", nullptr));
  CipherContext context(EVP_CIPHER_CTX_new());
  Bytes sealed(inner.size() + 16);
  int written = 0;
  int final_written = 0;
  if (!aes || !context ||
      EVP_EncryptInit_ex2(context.get(), aes.get(), key.data(), nonce.data(),
                          nullptr) <= 0 ||
      EVP_EncryptUpdate(context.get(), nullptr, &written, record.data(), 5) <=
          0 ||
      EVP_EncryptUpdate(context.get(), sealed.data(), &written, inner.data(),
                        static_cast<int>(inner.size())) <= 0 ||
      EVP_EncryptFinal_ex(context.get(), sealed.data() + written,
                          &final_written) <= 0 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_AEAD_GET_TAG, 16,
                          sealed.data() + inner.size()) <= 0) {
    return {};
  }
  record.insert(record.end(), sealed.begin(), sealed.end());
  return record;
}

}  // namespace protolm::tls::testing
