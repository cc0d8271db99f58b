// What decrypting a session needs to know of its handshake messages: their
// types, and of the hellos the randoms, the cipher suites (offered; chosen),
// the version chosen (supported_versions, else the legacy version), whether
// the client offers early data and whether the server agrees to
// encrypt-then-MAC. A hello is always its unit's first message; a unit that
// starts with one is read from the codec's dissection (messages it could not
// read, a random split by a record header, give what was read), any other
// unit only from its message headers (handshake_shape.h), without building
// a tree: certificates cost nothing. Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "util/bytes.h"

namespace protolm::tls {

inline constexpr uint8_t kClientHelloType = 1;
inline constexpr uint8_t kServerHelloType = 2;
inline constexpr uint8_t kEndOfEarlyDataType = 5;
inline constexpr uint8_t kFinishedType = 20;
inline constexpr uint8_t kKeyUpdateType = 24;

struct MessageFacts {
  uint8_t type = 0;
  bool retry_request = false;           // a ServerHello that is an HRR
  Bytes random;                         // hellos: 32 bytes, or empty
  std::vector<uint16_t> cipher_suites;  // offered, or the one chosen
  uint16_t version = 0;                 // ServerHello: the version chosen
  bool early_data = false;              // ClientHello: early_data offered
  bool encrypt_then_mac = false;        // ServerHello: RFC 7366 agreed
};

/// The handshake messages of the plaintext unit `unit`: in order when it
/// starts with a hello, else one per message type it holds, by type (none
/// when it holds no plaintext handshake message).
std::vector<MessageFacts> HandshakeFacts(ByteView unit);

}  // namespace protolm::tls
