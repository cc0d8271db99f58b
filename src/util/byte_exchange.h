// ByteExchange: one request and the response it got, as raw bytes.
//
// The one exchange type shared by the dataset reader (trace/, a record's
// `context` list) and the language model (lm/engine/, the context of a
// prompt). It lives here, below both, so the engine needs neither trace/ nor
// proto/. A plain value owned by whoever holds it.
#pragma once

#include "util/bytes.h"

namespace protolm {

struct ByteExchange {
  Bytes request;   // empty: no request (an orphan response, an event)
  Bytes response;  // empty: no answer
};

}  // namespace protolm
