// Parsing a `HOST:PORT` target, shared by the programs that talk to a
// device or a server (`protolm probe`, `clone`, `loadgen`, bench_serve).
#pragma once

#include <cstdint>
#include <string>

#include "util/status.h"

namespace protolm::net {

/// Splits `target` ("10.0.0.5:502", "plc.example", "host:1502") into host and
/// port at its last colon. Without ":PORT" the port is the first well-known
/// port of `protocol`'s codec (502 Modbus/TCP, 102 S7comm). Pure;
/// thread-safe. Errors: InvalidArgument naming --target for an empty host or
/// a port outside 1..65535, or for a target without a port when the
/// protocol has no well-known port.
Status ParseTarget(const std::string& target, const std::string& protocol,
                   std::string& host, uint16_t& port);

}  // namespace protolm::net
