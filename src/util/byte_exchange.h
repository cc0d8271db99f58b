// One request and the response it got, as bytes: the unit every learner of a
// device's behaviour reads (the LM's training examples, the rules and memory a
// clone learns from its probe, a dataset's records). A plain value.
#pragma once

#include "util/bytes.h"

namespace protolm {

/// One request and the response it got (empty: the device sent nothing, or
/// the answer is held out).
struct ByteExchange {
  Bytes request;
  Bytes response;
};

}  // namespace protolm
