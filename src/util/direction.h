// Direction: which way a message travels on its transport connection.
//
// Kept apart from the codec interface so that layers below the codecs (the
// capture layer) can name directions without depending on src/proto/.
#pragma once

#include <cstdint>

namespace protolm {

/// Which way a message travels on its transport connection.
enum class Direction : uint8_t { kClientToServer = 0, kServerToClient = 1 };

}  // namespace protolm
