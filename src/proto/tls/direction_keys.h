// The keys one direction's records are opened with: the keys in use with
// their sequence number, and candidates that take over at the first record
// the keys in use do not open and a candidate does (from its own sequence
// number 0). Candidates cover what the handshake does not say in time: the
// suite of 0-RTT data among those the client offers, and the client's move
// from early to handshake keys when the server refused its early data. A
// record no keys open still counts in the sequence of the keys in use. Not
// thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "proto/tls/crypto/record_cipher.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::tls {

class DirectionKeys {
 public:
  /// From the next record on, records are opened with `cipher` (nullptr:
  /// they cannot be); candidates are dropped.
  void Use(std::unique_ptr<RecordCipher> cipher);
  /// Adds a candidate (after those added before).
  void AddCandidate(std::unique_ptr<RecordCipher> cipher);
  /// True when some keys may open a record.
  bool any() const {
    return current_.cipher != nullptr || !candidates_.empty();
  }

  /// Opens the body of a record with header `type` and `version`: the
  /// plaintext into `out` and its content type. Errors: what the keys in
  /// use said (no key opened it).
  Result<uint8_t> Open(uint8_t type, uint16_t version, ByteView body,
                       Bytes& out);

 private:
  struct Keys {
    std::unique_ptr<RecordCipher> cipher;
    uint64_t sequence = 0;
  };

  Keys current_;
  std::vector<Keys> candidates_;
};

}  // namespace protolm::tls
