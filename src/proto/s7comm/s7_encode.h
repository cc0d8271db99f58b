// Encoding of the typed S7comm model (s7_pdu.h) into PDU bytes.
//
// The encoder derives every length and count (parameter and data lengths,
// item counts, data item lengths in the unit their transport size uses,
// userdata lengths) and writes the fill byte after odd-length data items
// that are not last. It refuses (InvalidArgument, one line saying which field)
// a body that does not belong to the ROSCTR (a read var request must be a job,
// its response an ack_data, userdata bodies go with ROSCTR 7) and values that
// do not fit their wire field. Pure function, thread-safe.
#pragma once

#include "proto/s7comm/s7_pdu.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::s7comm {

Result<Bytes> EncodeS7Pdu(const S7Pdu& pdu);

}  // namespace protolm::s7comm
