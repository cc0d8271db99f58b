// Opening protected TLS records: one direction's keys under the record
// layer of the protocol version. TLS 1.3 (RFC 8446 5.2): AEAD over the
// record header, the nonce the IV xor the sequence number, the content type
// inside, after the content and before zero padding. TLS 1.2 AEAD: GCM
// with an explicit 8-byte nonce after a 4-byte salt (RFC 5288),
// ChaCha20-Poly1305 with the TLS 1.3 nonce (RFC 7905), both over the
// sequence number and header (RFC 5246 6.2.3.3). CBC (6.2.3.2): MAC then
// encrypt, or encrypt then MAC when negotiated (RFC 7366); TLS 1.1 and 1.2
// send each record's IV, TLS 1.0 chains the last ciphertext block of a
// record into the next (RFC 2246 6.2.3.2). A record that does not
// authenticate (other keys, damage, bad padding) is an error and changes
// nothing, so the caller may try other keys on it. One per direction and
// key; not thread-safe.
#pragma once

#include <cstdint>
#include <memory>

#include "proto/tls/crypto/cipher_suite.h"
#include "proto/tls/crypto/traffic_keys.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::tls {

class RecordCipher {
 public:
  virtual ~RecordCipher() = default;

  /// Opens the body of a record sent with header `type` and `version` as
  /// number `seq` under these keys: the plaintext into `out` (replacing
  /// what it held) and its content type (TLS 1.3: the inner type).
  /// Errors: Malformed when the record does not authenticate or holds no
  /// content type.
  virtual Result<uint8_t> Open(uint8_t type, uint16_t version, ByteView body,
                               uint64_t seq, Bytes& out) = 0;
};

/// The cipher of `suite` in protocol `version` (0x0301..0x0304) with `keys`
/// (their sizes as traffic_keys.h derives them); `encrypt_then_mac` for CBC
/// suites that negotiated RFC 7366. Errors: Internal when libcrypto
/// refuses the keys.
Result<std::unique_ptr<RecordCipher>> NewRecordCipher(const CipherSuite& suite,
                                                      uint16_t version,
                                                      const TrafficKeys& keys,
                                                      bool encrypt_then_mac);

}  // namespace protolm::tls
