// Names of the codec interface's enums (see codec.h).
#include "proto/codec.h"

namespace protolm {

const char* DirectionName(Direction d) {
  return d == Direction::kClientToServer ? "c2s" : "s2c";
}

const char* PduRoleName(PduRole r) {
  switch (r) {
    case PduRole::kRequest: return "request";
    case PduRole::kResponse: return "response";
    case PduRole::kEvent: return "event";
    case PduRole::kControl: return "control";
    case PduRole::kUnknown: return "unknown";
  }
  return "unknown";
}

}  // namespace protolm
