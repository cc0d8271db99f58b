// Plaintext or encrypted handshake bytes (see handshake_shape.h).
#include "proto/tls/handshake_shape.h"

#include <algorithm>

#include "proto/tls/names.h"

namespace protolm::tls {
namespace {

constexpr uint8_t kHelloRequest = 0;

}  // namespace

void HandshakeScanner::Feed(ByteView body) {
  size_t at = 0;
  while (!opaque_ && at < body.size()) {
    if (owed_ > 0) {
      const size_t step = std::min<size_t>(owed_, body.size() - at);
      owed_ -= static_cast<uint32_t>(step);
      at += step;
      continue;
    }
    if (after_hello_request_) {  // more bytes after an empty hello_request
      opaque_ = true;
      break;
    }
    header_[header_bytes_++] = body[at++];
    if (header_bytes_ < header_.size()) continue;
    header_bytes_ = 0;
    const uint8_t type = header_[0];
    const uint32_t length = uint32_t{header_[1]} << 16 |
                            uint32_t{header_[2]} << 8 | header_[3];
    if (!IsKnownHandshakeType(type) || length > kMaxHandshakeMessage) {
      opaque_ = true;
      break;
    }
    after_hello_request_ = type == kHelloRequest;
    owed_ = length;
    types_.set(type);
  }
}

HandshakeShape HandshakeScanner::shape() const {
  if (opaque_) return HandshakeShape::kOpaque;
  if (header_bytes_ > 0 || owed_ > 0) return HandshakeShape::kPartial;
  return HandshakeShape::kWhole;
}

HandshakeShape ShapeOf(ByteView handshake_bytes) {
  HandshakeScanner scanner;
  scanner.Feed(handshake_bytes);
  return scanner.shape();
}

}  // namespace protolm::tls
