// How many bytes one element of an S7 any-pointer item type occupies, as an
// S7-300/400 CPU lays it out in memory and on the wire. Shared by the device
// simulator (read/write var), the response grammar and the clone's memory
// image. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <optional>

#include "proto/s7comm/s7_pdu.h"

namespace protolm::s7comm {

/// 1 for bits, bytes and chars; 2 for words, ints, dates, S5 times, counters
/// and timers; 4 for double words, dints, reals, times of day and times; 8
/// for date-and-time; nullopt for types a CPU does not accept in read/write
/// var (IEC timers and counters, high-speed counters) and unknown codes.
std::optional<size_t> ElementBytes(ItemType type);

}  // namespace protolm::s7comm
