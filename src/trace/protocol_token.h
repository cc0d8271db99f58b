// ProtocolToken: a PDU as a token at an abstraction depth, through its codec.
//
// Sources whose events carry bytes a codec reads (captures, datasets) make
// their tokens here: the codec's field tree of the PDU, abstracted to `depth`
// ("modbus.req function_code=3" at depth 2; see Abstract() in
// proto/field_tree.h). A malformed PDU gives the token of what its codec
// could read. Pure function; thread-safe.
#pragma once

#include <string>

#include "proto/codec.h"
#include "util/bytes.h"
#include "util/direction.h"

namespace protolm {

/// Abstract(codec.Dissect(pdu, direction).tree, depth).
std::string ProtocolToken(const Codec& codec, ByteView pdu, Direction direction,
                          int depth);

}  // namespace protolm
