// The part of a Modbus device's memory a clone remembers, so that it returns
// what was written and what the device was seen to hold.
//
// Observe learns coils and holding registers from one exchange answered
// normally: write single coil (5) and register (6), write multiple coils (15)
// and registers (16), mask write (22, when the result is determined),
// read/write registers (23: the write, then the values read), and the values
// of normal read coils (1) and read holding registers (3) responses. Seed
// sets a value of any of the four tables: the memory the device started
// from (learned_modbus_memory.h); it is the only way discrete inputs and
// input registers become known, since the process drives them and a clone
// must not freeze its own guesses of them. Apply overwrites the data of a
// normal read answer (1, 2, 3, 4, 23) where the image knows the value and
// leaves unknown addresses, exceptions and every other response as they are.
// Memory is bounded by the 16-bit address space (at most 65536 entries per
// table). Not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "proto/memory_image.h"
#include "proto/modbus/modbus_request.h"
#include "proto/modbus/modbus_rules.h"
#include "util/bytes.h"

namespace protolm::modbus {

/// One table entry's value (a coil or discrete input is 0 or 1).
struct ModbusCell {
  modbus::ModbusTable table = modbus::ModbusTable::kCoils;
  uint16_t address = 0;
  uint16_t value = 0;
};

/// The entries a normal read answer (1, 2, 3, 4, and the read of 23) to
/// `request` reports, in address order; empty when the exchange does not
/// decode, does not pair or is not such an answer.
std::vector<ModbusCell> ReadCells(const ModbusRequest& request,
                                  ByteView response);

class ModbusMemoryImage final : public MemoryImage {
 public:
  /// Learns from a request ADU and its response ADU; ignores exchanges that
  /// do not decode, do not pair, or carry an exception.
  void Observe(const DecodedRequest& request, ByteView response) override;
  /// Sets one entry (coils and discrete inputs: nonzero is on).
  void Seed(const ModbusCell& cell);
  /// `response` with the known values of a normal read answer to `request`
  /// filled in; otherwise `response` unchanged.
  Bytes Apply(const DecodedRequest& request, ByteView response) const override;

  std::optional<uint16_t> Value(modbus::ModbusTable table,
                                uint16_t address) const;
  /// The known entries of a table (address -> value).
  const std::unordered_map<uint16_t, uint16_t>& Known(
      modbus::ModbusTable table) const {
    return tables_[Index(table)];
  }

 private:
  static size_t Index(modbus::ModbusTable table) {
    return static_cast<size_t>(table);
  }
  void Set(modbus::ModbusTable table, uint16_t address, uint16_t value) {
    tables_[Index(table)][address] = value;
  }

  std::array<std::unordered_map<uint16_t, uint16_t>, 4> tables_;
};

}  // namespace protolm::modbus
