// The S7comm codec: TPKT + COTP + S7comm on TCP port 102, as the ingest
// pipeline sees it (see proto/codec.h for the interface).
//
// Frame joins the DT units of one S7 PDU into one framed unit (tpkt.h);
// Dissect decodes it (message.h) into a tree rooted at "s7comm.job",
// "s7comm.ack_data", "s7comm.userdata", "cotp.cr", ... with PduInfo: jobs and
// userdata requests are requests, ack/ack_data and userdata responses are
// responses paired by PDU reference, userdata pushes are events; COTP
// CR/CC/DR/DC and empty DT units are control units (CR pairs with CC). The
// typed model, encoders and builders live beside it (s7_pdu.h, s7_encode.h,
// s7_builders.h, cotp.h, message.h). The codec is stateless and thread-safe.
#pragma once

#include <string_view>

#include "proto/codec.h"

namespace protolm::s7comm {

/// The process-wide S7comm codec instance.
const Codec& S7commCodec();

/// The codec's name: the --protocol value, the datasets' "protocol" field.
inline constexpr std::string_view kProtocolName = "s7comm";

}  // namespace protolm::s7comm
