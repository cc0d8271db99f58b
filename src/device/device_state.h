// STATUS: stable
// The live memory of one simulated device, shared by its protocol handlers.
//
// DeviceState holds the four Modbus tables, the S7 areas (data blocks, M, I,
// Q, T, C) and the running physical processes. Processes advance in
// simulated time: AdvanceTo(t) steps each one in fixed steps up to t, first
// reading its input variables (set-points, switches that clients write) from
// their bound addresses, then writing its outputs back, so a client write
// changes how the process evolves and later reads see the result. Memory
// initial values come from the profile.
//
// Thread safety: none; the server uses it from its one thread only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "device/process/process.h"
#include "device/profile.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::device {

/// One Modbus table's items (bits are stored as 0/1).
class ModbusTableMemory {
 public:
  explicit ModbusTableMemory(const ModbusTable& table);
  /// True when items address .. address + quantity - 1 all exist.
  bool Covers(uint32_t address, uint32_t quantity) const;
  /// Precondition: Covers(address, 1).
  uint16_t Get(uint16_t address) const { return items_[address - start_]; }
  void Set(uint16_t address, uint16_t value) {
    items_[address - start_] = value;
  }

 private:
  uint16_t start_;
  std::vector<uint16_t> items_;
};

/// One S7 area's bytes.
struct S7AreaMemory {
  S7AreaKind kind;
  uint16_t db_number;
  Bytes bytes;
};

class DeviceState {
 public:
  /// Builds memory and processes from `profile` (copied). Errors:
  /// InvalidArgument for an unknown process model, a process variable bound
  /// that the model does not define or a binding outside the device's memory.
  static Result<std::unique_ptr<DeviceState>> Create(
      const DeviceProfile& profile);
  ~DeviceState();
  DeviceState(const DeviceState&) = delete;
  DeviceState& operator=(const DeviceState&) = delete;

  const DeviceProfile& profile() const { return profile_; }

  ModbusTableMemory& coils() { return coils_; }
  ModbusTableMemory& discrete_inputs() { return discrete_inputs_; }
  ModbusTableMemory& holding_registers() { return holding_registers_; }
  ModbusTableMemory& input_registers() { return input_registers_; }
  /// File record registers of `file_number`, or nullptr if the file does not
  /// exist.
  std::vector<uint16_t>* file(uint16_t file_number);

  /// The bytes of an S7 area (db_number for data blocks), or nullptr.
  Bytes* s7_area(S7AreaKind kind, uint16_t db_number = 0);

  /// Simulated seconds since the device started.
  double sim_time() const { return sim_time_; }
  /// Advances simulated time to `sim_seconds` (no-op if not later).
  void AdvanceTo(double sim_seconds);

  /// The current value of a process variable ("tank1.level"), for tests
  /// and logs; nullopt if there is none.
  std::optional<double> variable(const std::string& process,
                                 const std::string& name) const;

 private:
  struct RunningProcess;
  explicit DeviceState(const DeviceProfile& profile);
  void StepProcess(RunningProcess& p, double dt);
  double ReadBinding(const VariableBinding& b);
  void WriteBinding(const VariableBinding& b, double value);

  DeviceProfile profile_;
  ModbusTableMemory coils_;
  ModbusTableMemory discrete_inputs_;
  ModbusTableMemory holding_registers_;
  ModbusTableMemory input_registers_;
  std::vector<std::pair<uint16_t, std::vector<uint16_t>>> files_;
  std::vector<S7AreaMemory> s7_areas_;
  std::vector<RunningProcess> processes_;
  double sim_time_ = 0.0;
};

}  // namespace protolm::device
