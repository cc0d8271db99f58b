// Byte-level comparisons of a predicted response with the real one: the
// exact match behind BCA (LLMPot's byte-to-byte comparison accuracy) and the
// share of matching byte positions behind byte accuracy. Pure functions.
#pragma once

#include "util/bytes.h"

namespace protolm::metrics {

/// True when both hold the same bytes (two empty responses match).
bool ExactMatch(ByteView expected, ByteView predicted);

/// Bytes equal at the same position, divided by the longer length; 1.0 when
/// both are empty. A missing or extra tail counts as mismatched bytes.
double ByteAccuracy(ByteView expected, ByteView predicted);

}  // namespace protolm::metrics
