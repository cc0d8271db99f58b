// ByteExchange: one request and the response it got, as raw bytes.
//
// The one exchange type shared by the dataset reader (trace/, a record's
// `context` list), the language model (lm/engine/, the context of a prompt)
// and the protocols' learners (what a clone learns of its device from its
// probe, proto/protocol.h). It lives here, below them all. A plain value
// owned by whoever holds it.
#pragma once

#include "util/bytes.h"

namespace protolm {

struct ByteExchange {
  Bytes request;   // empty: no request (an orphan response, an event)
  Bytes response;  // empty: no answer
};

}  // namespace protolm
