// The S7comm protocol descriptor (proto/protocol.h): the codec, the response
// validator and grammar under the areas and identity answers a clone learned,
// the PLC's memory image, RVA-ε's value test, the PDU limit, the per-connection
// numbering of answers in parts, and the COTP disconnect that ends a session.
#pragma once

#include "proto/protocol.h"

namespace protolm::s7comm {

/// The singleton; immutable, safe from any thread.
const Protocol& S7commProtocol();

}  // namespace protolm::s7comm
