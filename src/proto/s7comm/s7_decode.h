// Decoding of one S7comm PDU (the reassembled COTP DT payload) into the typed
// model of s7_pdu.h and its field trees.
//
// The decoder checks what the PDU says about itself: parameter and data
// lengths against the bytes there are, item counts against the items that
// follow, data item lengths against their transport size, userdata lengths,
// SZL list sizes. The first inconsistency stops it with an S7Fault (status
// code, byte offset from the PDU start, one-line text); the fields read up to
// there are kept, so callers can show a partial tree. A PDU that decodes
// without a fault re-encodes (s7_encode.h) to the same bytes. Pure functions,
// thread-safe; nothing allocated is larger than the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "proto/codec.h"
#include "proto/field_tree.h"
#include "proto/s7comm/field_node.h"
#include "proto/s7comm/s7_pdu.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::s7comm {

struct S7Fault {
  StatusCode code = StatusCode::kMalformed;
  size_t offset = 0;  // from the first byte of the S7 PDU
  std::string what;   // "parameter length 20 runs past the end of ..."
};

/// What DecodeS7 read. `parts` are the "header", "param" and "data" fields
/// (as far as they were read, none with FieldMode::kSkip or kFactsOnly),
/// offsets from the PDU start. `pdu` is complete only when `fault` is empty
/// (with kFactsOnly it holds the header but no items, values or bytes). `info`
/// holds what the header and parameter say as far as they were read, also on a
/// fault: role (job request; ack and ack_data response; userdata by its type),
/// function, pair key (the PDU reference, for requests and responses) and
/// exception (error class or userdata error code not 0).
struct S7Decoding {
  S7Pdu pdu;
  std::vector<Field> parts;
  std::optional<S7Fault> fault;
  PduInfo info;
  std::optional<uint8_t> rosctr;  // the ROSCTR byte once read, known or not
};

S7Decoding DecodeS7(ByteView pdu, FieldMode mode = FieldMode::kRecord);

/// The typed PDU, or Malformed/Truncated "s7comm: offset N: what".
Result<S7Pdu> ParseS7Pdu(ByteView pdu);

/// The PDU's function in snake_case: "setup_communication", "read_var",
/// "szl_read", "plc_stop", ...; empty when it has no parameter.
std::string PduFunctionName(const S7Pdu& pdu);

/// Bytes a data item's value occupies, from its transport size and wire
/// length; nullopt when a bit-counted length is not a whole number of bytes.
std::optional<size_t> DataValueBytes(DataType type, uint16_t wire_length);

}  // namespace protolm::s7comm
