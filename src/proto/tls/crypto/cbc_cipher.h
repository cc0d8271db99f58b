// The CBC record layers of record_cipher.h: HMAC then encrypt, or encrypt
// then HMAC (RFC 7366), with each record's IV in front (TLS 1.1, 1.2) or
// the previous record's last ciphertext block (TLS 1.0). For
// record_cipher.cc.
#pragma once

#include <memory>

#include "proto/tls/crypto/openssl_handles.h"
#include "proto/tls/crypto/record_cipher.h"

namespace protolm::tls {

struct CbcSettings {
  size_t mac_size = 0;
  bool encrypt_then_mac = false;
  /// TLS 1.0: the first record's IV (the key block's); empty when each
  /// record carries its own.
  Bytes chained_iv;
};

/// `cipher` holds the block cipher and key, `mac` the keyed HMAC.
std::unique_ptr<RecordCipher> NewCbcCipher(CipherContext cipher, MacContext mac,
                                           CbcSettings settings);

}  // namespace protolm::tls
