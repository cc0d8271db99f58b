// The weighted probe strategy (Modbus): LLMPot's Algorithm 2 over the
// configuration's process variables.
//
// Each process variable gets an equal share of the budget, as write-then-read
// pairs: the input register (or coil) written with x, then the output
// register read. A pilot of uniformly spaced inputs (a quarter of the share,
// at least 2) measures the output; the rest of the share goes to inputs
// drawn from the derivative-weighted density the pilot's outputs give
// (util/weighted_sampling.h). Deterministic for a seed given the same
// answers. Not thread-safe (it drives the channel).
#pragma once

#include "proto/modbus/modbus_probe_config.h"
#include "proto/probe_settings.h"
#include "util/status.h"

namespace protolm::modbus {

/// Sends about `run.size` requests (whole pairs). Errors: InvalidArgument
/// when the configuration has no process variables; the channel's errors.
Status ProbeWeighted(const ModbusProbeConfig& config, const ProbeRun& run,
                     ProbeChannel& channel);

}  // namespace protolm::modbus
