// What a prober may send to a device: the probe configuration.
//
// A configuration names the protocol and, for Modbus, the function codes to
// probe, the largest element count, the unit id, the address ranges of the four
// tables, the range of register values written, the function codes the device
// should refuse, and the process variables (a register written as input, a
// register read as output, the input's range) that the weighted strategy
// samples, how many requests a connection carries and whether the probe
// puts back what it writes. For S7comm it names the
// memory areas (DBs with numbers, M, I, Q with sizes), the SZL lists to read,
// the most items per request and the TSAPs and PDU size of the connection.
// Configurations are JSON files (schema in docs/probe-and-metrics.md; unknown
// keys are errors) or the built-in default of a protocol, which matches the
// built-in device profile of that protocol (wago-750-881, s7-315-2pn). Plain
// values; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "proto/s7comm/s7_pdu.h"
#include "util/status.h"

namespace protolm::probe {

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

/// One S7 memory area the prober reads and writes.
struct S7AreaRange {
  s7comm::Area area = s7comm::Area::kDataBlock;
  uint16_t db = 0;    // data blocks only
  uint32_t size = 0;  // bytes
};

struct SzlSelector {
  uint16_t id = 0;
  uint16_t index = 0;
};

struct ProbeConfig {
  std::string protocol;  // "modbus" or "s7comm"
  /// Largest element count of the boundaries method (Modbus: items per
  /// request; S7: bytes per item).
  uint16_t max_elements = 50;
  /// A fresh connection after this many requests (S7: a new COTP connect
  /// and setup communication); 0 keeps one as long as the device does.
  uint32_t requests_per_connection = 0;
  /// The boundaries and random strategies read what each write will change
  /// just before it and write that back after it (modbus_restore.h,
  /// s7_restore.h), so the probe leaves the device's memory as it found it.
  bool restore_writes = true;

  // Modbus.
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

  // S7comm.
  std::vector<S7AreaRange> s7_areas;
  std::vector<SzlSelector> szl;
  uint16_t max_items = 4;
  uint16_t local_tsap = 0x0100;
  uint16_t remote_tsap = 0x0102;
  uint16_t pdu_size = 480;
};

/// The built-in default for "modbus" or "s7comm". Errors: InvalidArgument
/// for another protocol name.
Result<ProbeConfig> DefaultProbeConfig(std::string_view protocol);

/// Parses a configuration; keys left out keep the protocol's default.
/// `origin` names the source in errors ("probe.json: s7.areas[1].area:
/// 'x' is not one of db, m, i, q").
Result<ProbeConfig> ParseProbeConfig(std::string_view json_text,
                                     std::string_view origin);
/// Reads and parses a configuration file.
Result<ProbeConfig> LoadProbeConfig(const std::string& path);

}  // namespace protolm::probe
