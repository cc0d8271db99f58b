// Parsing a `--target HOST:PORT` flag, shared by the commands that talk to a
// device (probe, clone, loadgen).
#pragma once

#include <cstdint>
#include <string>

#include "util/status.h"

namespace protolm::cli {

/// Splits `target` into host and port. Without ":PORT" the protocol's
/// well-known port is used (502 Modbus, 102 S7comm). Errors: InvalidArgument
/// naming the flag for an empty host or a port outside 1..65535.
Status ParseTarget(const std::string& target, const std::string& protocol,
                   std::string& host, uint16_t& port);

}  // namespace protolm::cli
