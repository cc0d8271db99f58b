// Read var / write var items applied to a simulated PLC's memory.
//
// An S7ANY item names an area (DB, M, I, Q, T, C, ...), a start address and
// `length` elements of a transport size (bit, byte, word, int, real, timer,
// ...). ReadVarItem answers one item with the data item a CPU 300 sends back
// (return code 0xFF and the value with the response transport size, or an
// error return code and no value); WriteVarItem stores one item's data and
// gives the return code. Return codes follow what S7-300 CPUs answer:
//   0x0A object does not exist  (area the device lacks, DB not defined)
//   0x05 address out of range   (past the area's end, bit offset on a
//                                non-bit access)
//   0x06 data type not supported (bit access of length != 1, timer/counter
//                                type outside T/C or other types inside)
//   0x07 data type inconsistent (write data whose size or transport size
//                                does not fit the item)
//   0x03 access denied          (writes to timers and counters, as a CPU
//                                315-2 PN/DP answers them)
// Timers and counters are addressed by number (2 bytes each); peripheral
// inputs/outputs (area 0x80) read the I area and write the Q area.
// Functions of DeviceState's thread (no locking of their own).
#pragma once

#include <cstddef>
#include <cstdint>

#include "device/device_state.h"
#include "proto/s7comm/s7_pdu.h"

namespace protolm::device::s7 {

/// The data item a CPU answers for reading `item` from `state`.
s7comm::DataItem ReadVarItem(DeviceState& state,
                             const s7comm::AnyPointer& item);

/// Stores `data` at `item` in `state`; returns the write's return code
/// (a s7comm::ReturnCode value).
uint8_t WriteVarItem(DeviceState& state, const s7comm::AnyPointer& item,
                     const s7comm::DataItem& data);

}  // namespace protolm::device::s7
