// The state overlay: the device memory image a clone keeps so that it returns
// what was written, like a real PLC, whatever its model predicts.
//
// One overlay per cloned device, shared by all its connections (a value written
// on one connection is read back on another). The protocol's codec drives it:
// Observe learns from each final exchange (writes answered normally, values of
// normal reads), Apply overwrites the data of a normal read response where the
// image knows the value (modbus_memory_image.h, s7_memory_image.h say which
// functions, tables and areas). Responses of other kinds, exceptions and
// unknown addresses stay as the model produced them. Protocols without an image
// leave everything unchanged. Memory is bounded. A clone's overlay starts from
// the memory its probe showed (learned_modbus_memory.h); an empty one from
// nothing. Settle (Apply then Observe, under the overlay's own lock) may be
// called from several threads at once; Observe and Apply on their own are not
// thread-safe and must not run while another thread uses the overlay.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "emu/modbus_memory_image.h"
#include "emu/s7_memory_image.h"
#include "util/bytes.h"

namespace protolm::emu {

class StateOverlay {
 public:
  /// `protocol`: "modbus" or "s7comm"; any other name keeps no state.
  /// `modbus_start`: the Modbus memory the device starts from.
  explicit StateOverlay(std::string_view protocol,
                        ModbusMemoryImage modbus_start = {});

  void Observe(ByteView request, ByteView response);
  Bytes Apply(ByteView request, ByteView response) const;
  /// The final response to `request` given the model's `response` (Apply),
  /// learned from at once (Observe) as one step. Thread-safe.
  Bytes Settle(ByteView request, ByteView response);

  const std::string& protocol() const { return protocol_; }
  const ModbusMemoryImage& modbus() const { return modbus_; }
  const S7MemoryImage& s7() const { return s7_; }

 private:
  std::string protocol_;
  std::mutex mutex_;  // held by Settle
  ModbusMemoryImage modbus_;
  S7MemoryImage s7_;
};

}  // namespace protolm::emu
