// The AEAD record layers of record_cipher.h: TLS 1.3, TLS 1.2 GCM (explicit
// nonce) and TLS 1.2 ChaCha20-Poly1305. For record_cipher.cc.
#pragma once

#include <memory>

#include "proto/tls/crypto/openssl_handles.h"
#include "proto/tls/crypto/record_cipher.h"

namespace protolm::tls {

enum class AeadLayout : uint8_t {
  kTls13,          // inner content type, nonce = IV xor sequence
  kTls12Explicit,  // GCM: nonce = 4-byte salt + 8 bytes of the record
  kTls12Implicit,  // ChaCha20-Poly1305: nonce = IV xor sequence
};

/// `context` holds the cipher and key; `iv` is the fixed nonce part.
std::unique_ptr<RecordCipher> NewAeadCipher(CipherContext context,
                                            AeadLayout layout, Bytes iv);

}  // namespace protolm::tls
