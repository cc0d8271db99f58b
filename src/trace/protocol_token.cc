// A PDU's token through its codec's field tree (see protocol_token.h).
#include "trace/protocol_token.h"

namespace protolm {

std::string ProtocolToken(const Codec& codec, ByteView pdu, Direction direction,
                          int depth) {
  return Abstract(codec.Dissect(pdu, direction).tree, depth);
}

}  // namespace protolm
