// The answers of an S7 PLC that do not depend on its state, learned from a
// probe so that a clone repeats them byte for byte: the answers to userdata
// requests (SZL reads: module identification, component identification, ...)
// that the PLC gave identically every time it was asked.
//
// Requests and answers are compared as framed units with the PDU reference
// (which the client picks per request) zeroed; a kept answer is sent back
// with the asking request's reference. Userdata answers that vary (the
// clock, a mode that changed during the probe) are not kept. Used by the S7
// response grammar (s7_response_constraint.h) through metrics::S7Rules.
// Pure functions; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "lm/engine/tokens.h"
#include "util/bytes.h"

namespace protolm::emu {

/// A userdata request's framed bytes with its PDU reference zeroed; nullopt
/// for any other request (or one too short to hold an S7 header).
std::optional<Bytes> S7IdentityKey(ByteView request);

/// `answer` (framed, as the PLC sent it to an equal request) with its PDU
/// reference replaced by `request`'s; nullopt when either has no S7 header
/// where a COTP data unit puts it.
std::optional<Bytes> S7AnswerTo(ByteView request, ByteView answer);

/// Key (S7IdentityKey) -> the answer the PLC gave, for every userdata
/// request it answered identically (up to the PDU reference) each time.
std::map<Bytes, Bytes> LearnS7IdentityAnswers(
    const std::vector<lm::ByteExchange>& exchanges);

}  // namespace protolm::emu
