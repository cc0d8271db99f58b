// The MBAP header: the 7 bytes in front of every Modbus/TCP PDU.
//
// transaction id (2), protocol id (2, 0 for Modbus), length (2, counts the
// unit id and the PDU) and unit id (1), all big-endian. The ADU on the wire
// is 6 + length bytes. Plain values and pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

#include "util/bytes.h"

namespace protolm::modbus {

struct MbapHeader {
  uint16_t transaction_id = 0;
  uint16_t protocol_id = 0;  // 0 = Modbus; anything else is not Modbus/TCP
  uint16_t length = 0;       // unit id + PDU bytes
  uint8_t unit_id = 0;
  bool operator==(const MbapHeader&) const = default;
};

/// Bytes of the MBAP header, unit id included.
inline constexpr size_t kMbapSize = 7;
/// The ADU is kAduSizeBase + MBAP length bytes (the length counts from byte 6).
inline constexpr size_t kAduSizeBase = 6;
/// The protocol id of Modbus.
inline constexpr uint16_t kModbusProtocolId = 0;
/// Smallest MBAP length: unit id and function code. tshark 4.0's mbtcp
/// dissector rejects a stream whose first header says less.
inline constexpr uint16_t kMinMbapLength = 2;
/// Largest MBAP length the specification allows (a 260-byte ADU). Frames may
/// be longer (tshark accepts them); Resync and DetectScore trust only this.
inline constexpr uint16_t kMaxSpecMbapLength = 254;

/// Key that a request and its response share: (transaction id << 8) | unit id.
uint64_t PairKey(const MbapHeader& header);

/// Appends the 7 header bytes as given (length included, not recomputed).
void EncodeMbap(const MbapHeader& header, ByteWriter& out);

}  // namespace protolm::modbus
