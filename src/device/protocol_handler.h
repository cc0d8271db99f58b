// The handler factory: how the device server gets a protocol's handler.
//
// The seam itself (ProtocolHandler, ProtocolSession, Reply) is the network
// server's (net/protocol_session.h). A device protocol's handler serves one
// profile working on the device's state; the server runs every handler and
// session on ONE thread, so sessions and DeviceState need no locks.
#pragma once

#include <functional>
#include <memory>

#include "net/protocol_session.h"
#include "util/status.h"

namespace protolm::device {

class DeviceState;
struct DeviceProfile;

/// Makes a handler for `profile` working on `state` (which outlives it).
/// Errors: the profile lacks what the protocol needs (InvalidArgument).
using HandlerFactory =
    std::function<Result<std::unique_ptr<net::ProtocolHandler>>(
        const DeviceProfile& profile, DeviceState& state)>;

}  // namespace protolm::device
