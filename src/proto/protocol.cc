// The neutral facets of a protocol descriptor (see protocol.h).
#include "proto/protocol.h"

#include <algorithm>

namespace protolm {

Status Protocol::ValidateResponse(ByteView, ByteView,
                                  const DeviceKnowledge*) const {
  return Unsupported(std::string(name()) + ": no response validator");
}

bool Protocol::ValuesWithinEpsilon(ByteView, ByteView expected,
                                   ByteView predicted, double,
                                   const DeviceKnowledge*) const {
  return std::ranges::equal(expected, predicted);
}

}  // namespace protolm
