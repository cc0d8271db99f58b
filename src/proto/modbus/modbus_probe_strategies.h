// Modbus request generators: the boundaries method (LLMPot's Algorithm 1,
// done completely) and uniform random probing. Pure functions of the
// configuration, the size and the seed (same inputs, same requests).
//
// Boundaries builds rounds and repeats them, with fresh random middles,
// until `size` requests are made. One round holds:
//  * requests every configured function answers with an exception: quantity
//    0 and one above the specification's limit, a coil value that is neither
//    on nor off, a write multiple coils/registers whose byte count disagrees
//    with its quantity (illegal data value, 03); a read across address 65535
//    and device identification of an unknown object (illegal data address,
//    02); every illegal function of the configuration (01);
//  * device identification read codes 1-4 over the objects, report server
//    id (17) and the other field-less functions configured, three times (a
//    clone learns identity answers from its training split alone);
//  * then, for every element count n from 1 to max_elements inclusive (1 and
//    max first, the rest in a seeded order, so a short probe still reaches
//    the maximum) and every configured table function: the lowest address,
//    the highest address that fits n elements, a random one in between, and
//    the first address past the table's end (exception 02, also for
//    function 15). Single-item functions (5, 6, 22, 24) take part at n = 1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "proto/modbus/modbus_probe_config.h"
#include "proto/modbus/pdu.h"

namespace protolm::modbus {

struct ModbusProbe {
  uint8_t unit_id = 1;
  Request request;
};

std::vector<ModbusProbe> ModbusBoundaries(const ModbusProbeConfig& config,
                                          size_t size, uint64_t seed);

/// Uniformly random configured functions, addresses (one in ten past the
/// table's end), element counts 1..max_elements and values.
std::vector<ModbusProbe> ModbusRandom(const ModbusProbeConfig& config, size_t size,
                                      uint64_t seed);

}  // namespace protolm::modbus
