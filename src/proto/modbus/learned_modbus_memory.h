// The memory a Modbus clone starts from: the values its device's tables held
// before the probe wrote them, as far as the training split's reads show.
//
// The probe sequence is walked in order. Every request of every split is
// known (only held-out answers are), so each write marks its addresses as
// written from then on, unless its training answer is an exception or the
// specification's ranges refuse it (modbus/range_check.h). A training
// read's values of addresses not written yet are the device's starting
// values; an address whose such reads disagree is driven by the
// process (or the clock) and is left to the model. The result seeds the
// clone's state overlay (modbus_memory_image.h): reads of addresses the
// probe read but the client has not written return what the device held,
// discrete inputs and input registers included. The JSON form, kept in a
// checkpoint's provenance, lists runs of consecutive addresses per table:
// {"coils": [[start, [v, ...]], ...], "discrete_inputs": ...,
// "holding_registers": ..., "input_registers": ...}. Pure functions;
// thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <vector>

#include "proto/modbus/modbus_memory_image.h"
#include "util/byte_exchange.h"
#include "util/status.h"

namespace protolm::modbus {

/// `sequence`: the probe's exchanges in the order sent; a held-out
/// exchange has an empty response.
ModbusMemoryImage LearnModbusStartingMemory(
    std::span<const ByteExchange> sequence);

nlohmann::json ModbusMemoryToJson(const ModbusMemoryImage& image);

/// Errors: Malformed naming what does not parse (a run past address 65535,
/// a value over 65535, a bit other than 0 or 1, an unknown table).
Result<ModbusMemoryImage> ModbusMemoryFromJson(const nlohmann::json& json);

}  // namespace protolm::modbus
