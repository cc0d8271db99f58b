// What a Modbus prober may send to a device: the Modbus part of a probe
// configuration.
//
// Besides the limits every protocol has (proto/probe_settings.h), it names
// the function codes to probe, the unit id, the address ranges of the four
// tables, the range of register values written, the function codes the
// device should refuse, and the process variables (a register written as
// input, a register read as output, the input's range) that the weighted
// strategy samples with LLMPot's Algorithm 2 (mix ratio and power). The keys
// sit at the top level of the configuration (schema in
// docs/probe-and-metrics.md; unknown keys are errors). The default matches
// the built-in wago-750-881 device profile. Plain values; thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "proto/probe_settings.h"
#include "util/status.h"

namespace protolm::modbus {

/// `count` addresses starting at `start`.
struct TableRange {
  uint32_t start = 0;
  uint32_t count = 0;
};

/// How an output register holds its value.
enum class OutputType : uint8_t {
  kInt16,    // "int16": one register
  kUint16,   // "uint16": one register
  kFloat32,  // "float32": two registers, high word first
};

/// A process variable to sample with the weighted strategy: the holding
/// register written with the input x (an int16 in input_min..input_max; or a
/// coil, switched on for x != 0, with x in 0..1) and the register (3 holding
/// / 4 input) read back as the output y.
struct ProcessVariable {
  std::string name;
  uint16_t input_address = 0;
  uint8_t output_table = 4;
  uint16_t output_address = 0;
  int32_t input_min = -1000;
  int32_t input_max = 1000;
  OutputType output_type = OutputType::kInt16;
  uint8_t input_table = 3;  // 3 holding register (FC6), 0 coil (FC5)
};

struct ModbusProbeConfig {
  ProbeLimits limits;
  std::vector<uint8_t> function_codes;
  /// Function codes the device does not support (probed for exception 01).
  std::vector<uint8_t> illegal_functions;
  uint8_t unit_id = 1;
  TableRange coils;
  TableRange discrete_inputs;
  TableRange holding_registers;
  TableRange input_registers;
  int32_t register_min = 0;  // values written to registers (as uint16)
  int32_t register_max = 65535;
  std::vector<ProcessVariable> process_variables;
  /// Algorithm 2: share of the uniform density in the mix, and the power
  /// that softens the derivative.
  double mix_ratio = 0.5;
  double power = 0.5;
};

/// The built-in default (the functions LLMPot probed on its WAGO 750-881).
ModbusProbeConfig DefaultModbusProbeConfig();

/// Reads a configuration's top-level object over the default; `origin`
/// names it in errors ("p.json: coils.count: runs past address 65535").
Result<ModbusProbeConfig> ReadModbusProbeConfig(const nlohmann::json& config,
                                                std::string_view origin);

}  // namespace protolm::modbus
