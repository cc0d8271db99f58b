// Putting back what an S7 probe write changed, so that a probe leaves the
// PLC's memory as it found it (the S7 side of modbus_restore.h).
//
// A write var job of the probe writes one item (bytes or a bit) of one
// area. The prober reads that item just before the write (ReadBefore) and,
// once the write is answered, writes the data it read back (RestoreWrite).
// An item the PLC would not read (past the end of its area, a data block
// that does not exist) is not restored: the PLC refuses the write as well.
// Pure functions; thread-safe.
#pragma once

#include <optional>

#include "proto/s7comm/s7_pdu.h"
#include "util/bytes.h"

namespace protolm::s7comm {

/// The read var job of the item `write` changes; nullopt for a PDU that is
/// not a write var job of one any-pointer item.
std::optional<S7Pdu> ReadBefore(const S7Pdu& write);

/// The write var job that puts back what `read_answer` (the framed answer
/// to ReadBefore(write)) showed; nullopt when that answer is not a read var
/// ack_data holding the whole item.
std::optional<S7Pdu> RestoreWrite(const S7Pdu& write,
                                          ByteView read_answer);

}  // namespace protolm::s7comm
