// The keys protecting one direction's records, from what a key log holds: a
// TLS 1.3 traffic secret (RFC 8446 7.3: key and IV by HKDF-Expand-Label; 7.2:
// the next secret after a KeyUpdate), or a TLS 1.0-1.2 master secret with
// both hellos' randoms (RFC 5246 6.3: the key block, cut into MAC keys,
// cipher keys and fixed IVs: 4 bytes for GCM, 12 for ChaCha20-Poly1305, a
// block's worth for TLS 1.0's CBC, none for later CBC). Pure functions;
// thread-safe.
#pragma once

#include <cstdint>

#include "proto/tls/crypto/cipher_suite.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::tls {

struct TrafficKeys {
  Bytes key;
  Bytes iv;       // the fixed (implicit) part of the nonce or IV
  Bytes mac_key;  // CBC suites only
};

/// TLS 1.3: the write key and IV of a traffic secret. Errors: Malformed
/// when the secret is not as long as the suite's hash.
Result<TrafficKeys> Tls13TrafficKeys(const CipherSuite& suite, ByteView secret);

/// TLS 1.3: application_traffic_secret_N+1 from N (a KeyUpdate).
Result<Bytes> NextTrafficSecret(const CipherSuite& suite, ByteView secret);

struct KeyBlock {
  TrafficKeys client;  // client_write_*
  TrafficKeys server;  // server_write_*
};

/// TLS 1.0-1.2 (`version` 0x0301..0x0303): both directions' keys.
Result<KeyBlock> Tls12KeyBlock(const CipherSuite& suite, uint16_t version,
                               ByteView master_secret, ByteView client_random,
                               ByteView server_random);

}  // namespace protolm::tls
