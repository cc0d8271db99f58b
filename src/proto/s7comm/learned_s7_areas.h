// The memory areas of an S7 PLC a clone learns from its probe: which data
// blocks exist and how large each area (DB, M, I, Q) is.
//
// The boundaries probe reads and writes the first and last bytes of every
// area it knows and spans across their ends, so the items answered with
// success bound each area (its size is the end of the furthest success),
// 0x05 (address out of range) marks an area that exists but ends earlier,
// and 0x0A (object does not exist) a data block the PLC lacks. The areas are
// then checked against every observed item: they are usable only when the
// return code they make due (s7comm::DueS7ReturnCode) is the one the PLC
// gave, each time. The S7 grammar then lets the model choose values, never
// whether an address exists. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "proto/s7comm/s7_validator.h"
#include "util/byte_exchange.h"

namespace protolm::s7comm {

struct LearnedS7Areas {
  std::vector<s7comm::S7AreaSize> areas;
  size_t items = 0;      // read and write items of DB, M, I, Q seen answered
  size_t explained = 0;  // of those, return codes the areas predict
  bool usable() const { return items > 0 && explained == items; }
};

/// Learns from framed request/response pairs (other exchanges are skipped).
LearnedS7Areas LearnS7Areas(std::span<const ByteExchange> exchanges);

}  // namespace protolm::s7comm
