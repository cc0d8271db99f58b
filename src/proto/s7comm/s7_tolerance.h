// The value test behind RVA-ε for S7comm: does a predicted response carry the
// same values as the real one, up to ε times each value's range?
//
// Read var items of 2 and 4 bytes compare as unsigned big-endian numbers over
// their full range; other sizes compare exactly. Other responses pass when
// they are of the same kind (PDU type, error class and code, function);
// responses that do not decode must be equal. ε = 0 demands equal values.
// Pure function.
#pragma once

#include "util/bytes.h"

namespace protolm::s7comm {

/// `expected` and `predicted` are framed responses (empty: no answer, which
/// matches only no answer).
bool S7ValuesWithinEpsilon(ByteView expected, ByteView predicted,
                           double epsilon);

}  // namespace protolm::s7comm
