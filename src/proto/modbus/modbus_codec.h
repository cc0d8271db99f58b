// The Modbus/TCP codec: the Codec interface (proto/codec.h) for port 502.
//
// Frame and Resync follow framing.h (frame counts match tshark 4.0); Dissect
// decodes an ADU into a field tree with the pairing facts (adu.h): client to
// server carries requests, server to client responses; PduInfo.function is
// the snake_case function name, pair_key is (transaction id << 8) | unit id.
// For typed decoding, encoding and builders see adu.h, pdu.h, builders.h and
// range_check.h.
#pragma once

#include <string_view>

#include "proto/codec.h"

namespace protolm::modbus {

/// The process-wide Modbus/TCP codec; stateless, usable from any thread.
const Codec& ModbusCodec();

/// The codec's name: the --protocol value, the datasets' "protocol" field.
inline constexpr std::string_view kProtocolName = "modbus";

}  // namespace protolm::modbus
