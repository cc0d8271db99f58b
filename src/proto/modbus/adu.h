// Modbus/TCP ADUs: an MBAP header and one typed PDU, decoded, encoded and
// dissected into a field tree.
//
// Decoding checks the MBAP header (protocol id 0, length 2..254 and equal to
// the bytes given) and then the PDU strictly (see pdu.h); whatever decodes
// re-encodes to the same bytes. DissectAdu is the same pass with a field
// tree ("modbus.req" / "modbus.resp" / "modbus.exc", children mbap,
// function_code and the function's fields, byte ranges relative to the first
// MBAP byte) and the pairing facts; on a fault it returns the tree read so
// far and the first fault with its offset. To send an ADU whose MBAP header
// lies about its length, write it with EncodeMbap (mbap.h) and append
// EncodePdu's bytes. All functions are pure and thread-safe.
#pragma once

#include "proto/codec.h"
#include "proto/modbus/mbap.h"
#include "proto/modbus/pdu.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::modbus {

struct RequestAdu {
  MbapHeader mbap;  // length is computed by EncodeAdu, ignored here
  Request pdu;
  bool operator==(const RequestAdu&) const = default;
};

struct ResponseAdu {
  MbapHeader mbap;  // length is computed by EncodeAdu, ignored here
  Response pdu;
  bool operator==(const ResponseAdu&) const = default;
};

/// Decodes a whole ADU (client to server / server to client). Errors:
/// Truncated or Malformed with the byte offset of the fault.
Result<RequestAdu> DecodeRequestAdu(ByteView adu);
Result<ResponseAdu> DecodeResponseAdu(ByteView adu);

/// MBAP header (transaction id, protocol id and unit id as given, length =
/// 1 + PDU size) followed by the PDU. Errors: those of EncodePdu, and
/// OutOfRange for a PDU over 253 bytes (the specification's 260-byte ADU).
Result<Bytes> EncodeAdu(const RequestAdu& adu);
Result<Bytes> EncodeAdu(const ResponseAdu& adu);

/// Dissects one framed ADU travelling in `dir` (client to server carries
/// requests, server to client responses). Never fails as a call: faults are
/// in the returned status, with a partial tree. info.role and pair_key are
/// set once the MBAP header is read and sound (kUnknown / absent before),
/// info.function once the function code is read.
Dissection DissectAdu(ByteView adu, Direction dir);
/// DissectAdu's info and status without building the tree.
Inspection InspectAdu(ByteView adu, Direction dir);

/// The field tree of a typed ADU, with the byte ranges of its encoding.
/// Errors: those of EncodeAdu, or the fault the encoded bytes dissect with
/// (a hand-built body that does not match its function code).
Result<Field> ToTree(const RequestAdu& adu);
Result<Field> ToTree(const ResponseAdu& adu);

}  // namespace protolm::modbus
