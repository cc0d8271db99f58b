// The key derivation functions of TLS on libcrypto's KDFs: HKDF-Expand-Label
// of TLS 1.3 (RFC 8446 7.1: HKDF-Expand with the HkdfLabel structure,
// "tls13 " before the label) and the PRF of TLS 1.0-1.2 (RFC 2246 5:
// P_MD5 xor P_SHA1; RFC 5246 5: P_hash). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

#include "proto/tls/crypto/cipher_suite.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::tls {

/// HKDF-Expand-Label(secret, label, context, length) with `hash`.
/// Errors: Internal when libcrypto fails (a label over 249 bytes, a
/// context over 255).
Result<Bytes> HkdfExpandLabel(Digest hash, ByteView secret,
                              std::string_view label, ByteView context,
                              size_t length);

/// PRF(secret, label, seed) of `length` bytes with `hash` (kMd5Sha1: the
/// TLS 1.0/1.1 PRF). Errors: Internal when libcrypto fails.
Result<Bytes> TlsPrf(Digest hash, ByteView secret, std::string_view label,
                     ByteView seed, size_t length);

}  // namespace protolm::tls
