// MBAP header helpers (see mbap.h).
#include "proto/modbus/mbap.h"

namespace protolm::modbus {

uint64_t PairKey(const MbapHeader& header) {
  return (static_cast<uint64_t>(header.transaction_id) << 8) | header.unit_id;
}

void EncodeMbap(const MbapHeader& header, ByteWriter& out) {
  out.U16Be(header.transaction_id);
  out.U16Be(header.protocol_id);
  out.U16Be(header.length);
  out.U8(header.unit_id);
}

}  // namespace protolm::modbus
