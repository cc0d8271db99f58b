// Putting back what a Modbus probe write changed, so that a probe leaves the
// device's memory as it found it.
//
// A write the probe sends (function 5, 6, 15, 16, 22 or 23, within the
// specification's ranges) changes one span of coils or holding registers.
// The prober reads that span just before the write (ReadBefore) and, once
// the write is answered, writes the values it read back (RestoreWrite),
// with a single write for functions 5, 6 and 22 and a multiple write
// otherwise. A span the device would not read (past the end of its table)
// is not restored: the device refuses the write as well. Restoring keeps a
// real PLC's outputs where the plant needs them, and every later read shows
// the memory the device rests in rather than the probe's random values.
// Pure functions; thread-safe.
#pragma once

#include <optional>

#include "proto/modbus/pdu.h"
#include "util/bytes.h"

namespace protolm::modbus {

/// The read of the span `write` changes; nullopt for a request that writes
/// no table or that the specification's ranges refuse.
std::optional<Request> ReadBefore(const Request& write);

/// The write that puts back what `read_answer` (the response ADU to
/// ReadBefore(write)) showed; nullopt when that answer is not a normal
/// response holding the whole span.
std::optional<Request> RestoreWrite(const Request& write,
                                            ByteView read_answer);

}  // namespace protolm::modbus
