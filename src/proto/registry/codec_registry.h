// How a flow's codec is chosen, from the protocol table (protocol_table.h):
// by name (the --protocol flag), by well-known port, and by content (each
// codec's DetectScore on a stream's first bytes). Safe from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "proto/codec.h"

namespace protolm {

/// The codec called `name`, or nullptr.
const Codec* FindCodec(std::string_view name);

/// The codec served on `port` by default, or nullptr.
const Codec* CodecForPort(uint16_t port);

/// The codec with the highest DetectScore of at least `min_score` for a
/// stream starting with `stream_start`, or nullptr.
const Codec* DetectCodec(ByteView stream_start, int min_score = 50);

}  // namespace protolm
