// Owning handles of the libcrypto objects the decryption keeps (cipher, MAC
// and KDF contexts and the algorithms they were fetched from), and the one
// way a libcrypto failure becomes a Status. Only this folder includes
// OpenSSL's headers.
#pragma once

#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <memory>
#include <string_view>

#include "util/status.h"

namespace protolm::tls {

struct OpenSslFree {
  void operator()(EVP_CIPHER* p) const { EVP_CIPHER_free(p); }
  void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); }
  void operator()(EVP_MAC* p) const { EVP_MAC_free(p); }
  void operator()(EVP_MAC_CTX* p) const { EVP_MAC_CTX_free(p); }
  void operator()(EVP_KDF* p) const { EVP_KDF_free(p); }
  void operator()(EVP_KDF_CTX* p) const { EVP_KDF_CTX_free(p); }
};

using CipherHandle = std::unique_ptr<EVP_CIPHER, OpenSslFree>;
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, OpenSslFree>;
using MacHandle = std::unique_ptr<EVP_MAC, OpenSslFree>;
using MacContext = std::unique_ptr<EVP_MAC_CTX, OpenSslFree>;
using KdfHandle = std::unique_ptr<EVP_KDF, OpenSslFree>;
using KdfContext = std::unique_ptr<EVP_KDF_CTX, OpenSslFree>;

/// Internal("libcrypto: WHAT: REASON") with the reason libcrypto queued
/// (the queue is emptied).
Status LibcryptoFailure(std::string_view what);

}  // namespace protolm::tls
