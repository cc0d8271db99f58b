// The HTTP/1.x codec: HTTP/1.0 and 1.1 requests and responses over TCP,
// ports 80 and 8080 (see proto/codec.h for the interface).
//
// One framed unit is one message, head and body (message_frame.h says how
// a stateless framer ends close-delimited bodies, answers to HEAD and
// messages over the unit limit); several pipelined messages in one segment
// are several units and a message over many segments one. Dissect gives
// the start line, every header line and the body with its chunks
// (message.h); faults name the field and its offset (head.h, message.h).
// Detection scores a status line or a standard method and a space.
// Resync finds the next line that starts like that. Stateless and
// thread-safe. docs/http.md describes what is framed, dissected, flagged.
#pragma once

#include <string_view>

#include "proto/codec.h"

namespace protolm::http {

/// The process-wide HTTP codec.
const Codec& HttpCodec();

/// The codec's name: the --protocol value, the datasets' "protocol" field.
inline constexpr std::string_view kProtocolName = "http";

}  // namespace protolm::http
