// Whether the bytes of handshake records read as plaintext handshake messages,
// and whether those messages end with the records.
//
// The codec is stateless, so it cannot know that a handshake record follows a
// ChangeCipherSpec and is therefore encrypted (the Finished message of TLS
// 1.0-1.2). It tells by shape: plaintext is a run of messages, each a known
// handshake type with a 24-bit length of at most kMaxHandshakeMessage.
// Anything else is opaque (encrypted): an unknown type, a longer length, or a
// hello_request followed by more bytes, since an AEAD record's explicit nonce
// is often the sequence number 0, which reads as empty hello_requests. A
// random first byte passes as a known type about one time in ten and its
// length as plausible one time in 64, so about 0.15% of encrypted records are
// taken for the start of a fragmented message (the framing then looks at the
// next record; dissection reports the message as truncated).
// HandshakeScanner is fed the record bodies in order and says whether the
// messages so far end exactly at the end of what it was fed, and which
// message types began in them. Not thread-safe.
#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>

#include "util/bytes.h"

namespace protolm::tls {

/// The longest handshake message the codec takes for plaintext (a long
/// certificate chain; the protocol allows 2^24 - 1).
inline constexpr uint32_t kMaxHandshakeMessage = 1u << 18;

enum class HandshakeShape : uint8_t {
  kWhole,    // plaintext messages that end with the bytes fed
  kPartial,  // plaintext so far; the last message goes on past them
  kOpaque,   // not plaintext handshake messages (encrypted)
};

class HandshakeScanner {
 public:
  /// Feeds the body of the next handshake record.
  void Feed(ByteView body);
  HandshakeShape shape() const;
  /// True when a message of `type` began in the plaintext fed so far.
  bool Saw(uint8_t type) const { return types_[type]; }

 private:
  std::array<uint8_t, 4> header_{};
  size_t header_bytes_ = 0;  // bytes of the next message header seen
  uint32_t owed_ = 0;        // body bytes of the current message still to come
  bool after_hello_request_ = false;
  bool opaque_ = false;
  std::bitset<256> types_;  // message types whose header was read
};

/// The shape of one run of handshake bytes.
HandshakeShape ShapeOf(ByteView handshake_bytes);

}  // namespace protolm::tls
