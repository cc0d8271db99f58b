// How the body of an HTTP/1.x message is delimited (RFC 9112 section 6.3)
// and the chunked transfer coding (section 7.1).
//
// A request has a body when it says so (Transfer-Encoding ending in
// chunked, or Content-Length); a response has none when its status is 1xx,
// 204 or 304, else a chunked one, a Content-Length one, or one that runs
// to the close of the connection. A response to HEAD also has none, but a
// stateless codec does not see the request: framing (message_frame.h)
// presumes it when a status line follows the head where the body should
// start. ScanChunked walks a chunked body: chunk-size lines (hex size,
// extensions after ';'), data each followed by a line end, the last chunk
// and the trailer lines up to the blank line; with a field to fill it adds
// one field per chunk, the last chunk and each trailer line. Pure
// functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

#include "proto/field_tree.h"
#include "proto/http/head.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::http {

enum class BodyKind : uint8_t {
  kNone,            // no body (or the head is too broken to tell)
  kContentLength,   // Content-Length bytes
  kChunked,         // chunked transfer coding
  kCloseDelimited,  // the rest of the connection (responses only)
};

BodyKind BodyKindOf(const Head& head);
/// "none", "content_length", "chunked", "close_delimited".
const char* BodyKindName(BodyKind kind);

struct ChunkScan {
  enum class Kind : uint8_t { kComplete, kNeedMore, kInvalid };
  Kind kind = Kind::kNeedMore;
  size_t size = 0;  // kComplete: bytes of the chunked body, trailers included
  Status fault;     // kInvalid: the fault, located in the unit
};

/// The chunked body at the start of `body`, which starts at unit offset
/// `body_at`; adds its chunks to `into` unless it is null.
ChunkScan ScanChunked(ByteView body, size_t body_at, Field* into);

}  // namespace protolm::http
