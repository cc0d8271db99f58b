// A protocol's grammar for one response, as a prefix oracle: which byte may
// come next after the bytes produced so far, and whether the response may end
// there. Each protocol folder builds the grammar of its responses from the
// request they answer (Protocol::MakeResponseConstraint); the inference engine
// decodes under it (lm/engine/engine.h) and knows no protocol.
#pragma once

#include <bitset>

#include "util/bytes.h"

namespace protolm {

/// Which tokens may come next: any of the set bytes, and the end of the
/// response if `end`.
struct AllowedTokens {
  std::bitset<256> bytes;
  bool end = false;
};

/// Implementations must be safe to call from several threads at once (an
/// engine is shared by the sessions of a honeypot).
class ResponseConstraint {
 public:
  virtual ~ResponseConstraint() = default;
  /// Which tokens may follow `produced` (the response bytes generated so far).
  /// `out` arrives cleared (nothing allowed).
  virtual void Allowed(ByteView produced, AllowedTokens* out) const = 0;
};

}  // namespace protolm
