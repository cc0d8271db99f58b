// The value a process variable's output register holds, read from a Modbus
// read answer: what the weighted strategy's pilot samples and what a clone's
// process accuracy (clone/process_accuracy.h) compares. Pure functions;
// thread-safe.
#pragma once

#include <optional>

#include "probe/probe_config.h"
#include "proto/modbus/pdu.h"
#include "util/bytes.h"

namespace protolm::probe {

/// The output value of a normal read answer holding the variable's
/// registers (int16, uint16, or float32 high word first; a float must be
/// finite); nullopt for anything else (exceptions, malformed answers).
std::optional<double> OutputValue(ByteView response, OutputType type);

/// The read request the weighted strategy sends for `variable`'s output.
modbus::Request OutputRead(const ProcessVariable& variable);

}  // namespace protolm::probe
