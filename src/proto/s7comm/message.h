// One framed unit of the S7 stack: TPKT units, their COTP TPDUs, and the S7
// PDU that the DT data carries once joined.
//
// DecodeMessage reads what FrameTsdu (tpkt.h) framed: each TPKT unit and its
// TPDU, the reassembled DT data, and then the S7comm PDU inside (S7comm-plus,
// protocol id 0x72, is kept opaque). It gives the typed TPDUs and PDU, the
// field tree with offsets into the framed bytes (a field of a PDU split over
// several units spans the headers in between), the facts the pipeline needs
// (PduInfo), and a status naming the first fault with its byte offset. The
// encoders go the other way: TPDUs to TPKT units, an S7 PDU to DT units. Pure
// functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "proto/codec.h"
#include "proto/field_tree.h"
#include "proto/s7comm/cotp.h"
#include "proto/s7comm/field_node.h"
#include "proto/s7comm/s7_pdu.h"
#include "proto/s7comm/tpkt.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::s7comm {

/// pair_key of COTP connection setup: CR (its src_ref) and CC (its dst_ref)
/// share kCotpConnectPairTag | ref; DR and DC likewise with the disconnect
/// tag. S7 PDUs use their PDU reference (< 2^16), so keys never collide.
inline constexpr uint64_t kCotpConnectPairTag = uint64_t{1} << 32;
inline constexpr uint64_t kCotpDisconnectPairTag = uint64_t{2} << 32;

/// Largest S7 payload that one DT unit carries by default (65535-byte TPKT).
inline constexpr size_t kMaxUnitPayload = kMaxTpktLength - kMinTpktLength;

struct MessageDecoding {
  std::vector<CotpTpdu> tpdus;  // one per TPKT unit, in order
  Bytes payload;                // the joined DT data
  std::optional<S7Pdu> s7;      // set when payload is an S7comm PDU, no fault
  Field tree;  // root "s7comm.job", "cotp.cr", "s7comm_plus", ...
  PduInfo info;
  Status status;
};

/// Decodes one framed unit (normally what FrameTsdu returned). Never fails
/// outright: faults are in `status`, with the tree read so far. With
/// FieldMode::kSkip the tree stays empty and no display text is made; the
/// rest is the same. With kFactsOnly only `info` and `status` are set (the
/// same as in the other modes): tpdus, payload, s7 and tree stay empty.
MessageDecoding DecodeMessage(ByteView framed,
                              FieldMode mode = FieldMode::kRecord);

/// Each TPDU in its own TPKT unit, concatenated.
Result<Bytes> EncodeTpdus(const std::vector<CotpTpdu>& tpdus);
/// One TPDU in one TPKT unit (a CR, CC, DR, or an empty DT).
Result<Bytes> FrameTpdu(const CotpTpdu& tpdu);
/// The S7 PDU in DT units of at most `max_unit_payload` bytes each (EOT on
/// the last), TPDU numbers 0; what a client or PLC puts on the wire.
Result<Bytes> FrameS7Pdu(const S7Pdu& pdu,
                         size_t max_unit_payload = kMaxUnitPayload);

}  // namespace protolm::s7comm
