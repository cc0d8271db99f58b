// S7comm request generators: the boundaries method adapted to S7 memory
// areas, and uniform random probing. Pure functions of the configuration,
// the size and the seed. PDU references are left 0: the probe client numbers
// the PDUs it sends.
//
// One boundaries round holds: an SZL read of every configured list, of an
// unknown list and of a known list with an unknown index; reads of a data
// block that does not exist and past the end of every area; word, int, real
// and dword reads; multi-item reads of 2..max_items items over several
// areas; then, for every element count n from 1 to max_elements inclusive
// (1 and max first, the rest in a seeded order) and every area: byte reads
// and writes of n bytes at the lowest offset, the highest offset that fits
// and a random offset in between, a read that runs one byte past the end,
// and a bit read and a bit write at a random byte with bit n mod 8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "proto/s7comm/s7_probe_config.h"
#include "proto/s7comm/s7_pdu.h"

namespace protolm::s7comm {

std::vector<S7Pdu> S7Boundaries(const S7ProbeConfig& config, size_t size,
                                        uint64_t seed);

/// Random areas, offsets (one in ten past the end), lengths 1..max_elements,
/// element types, reads and writes, and SZL reads of the configured lists.
std::vector<S7Pdu> S7Random(const S7ProbeConfig& config, size_t size,
                                    uint64_t seed);

}  // namespace protolm::s7comm
