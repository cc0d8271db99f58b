// The part of a Modbus device's memory a clone remembers: coils and holding
// registers, learned from exchanges, so that it returns what was written.
//
// Observe learns from one exchange answered normally: write single coil (5)
// and register (6), write multiple coils (15) and registers (16), mask write
// (22, when the result is determined), read/write registers (23: the write,
// then the values read), and the values of normal read coils (1) and read
// holding registers (3) responses. Apply overwrites the data of a normal read
// coils / holding registers / read-write response where the image knows the
// value and leaves unknown addresses, exceptions and every other response as
// they are. Discrete inputs and input registers are not kept: the process
// drives them, the model answers them. Memory is bounded by the 16-bit
// address space (at most 65536 entries per table). Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>

#include "util/bytes.h"

namespace protolm::emu {

class ModbusMemoryImage {
 public:
  /// Learns from a request ADU and its response ADU; ignores exchanges that
  /// do not decode, do not pair, or carry an exception.
  void Observe(ByteView request, ByteView response);
  /// `response` with the known values of a normal read answer to `request`
  /// filled in; otherwise `response` unchanged.
  Bytes Apply(ByteView request, ByteView response) const;

  std::optional<bool> Coil(uint16_t address) const;
  std::optional<uint16_t> HoldingRegister(uint16_t address) const;
  size_t known_coils() const { return coils_.size(); }
  size_t known_registers() const { return registers_.size(); }

 private:
  std::unordered_map<uint16_t, bool> coils_;
  std::unordered_map<uint16_t, uint16_t> registers_;
};

}  // namespace protolm::emu
