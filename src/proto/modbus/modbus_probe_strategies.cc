// Boundaries and random request generation for Modbus (see
// modbus_strategies.h).
#include "proto/modbus/modbus_probe_strategies.h"

#include <algorithm>
#include <numeric>
#include <random>

#include "proto/probe_sequence.h"
#include "proto/modbus/builders.h"
#include "proto/modbus/function_code.h"

namespace protolm::modbus {
namespace {

// Specification limits of the quantity fields (spec 6.1-6.4, 6.11, 6.12).
constexpr uint32_t kMaxReadBits = 2000;
constexpr uint32_t kMaxReadRegisters = 125;
constexpr uint32_t kMaxWriteCoils = 1968;
constexpr uint32_t kMaxWriteRegisters = 123;
constexpr uint32_t kMaxReadWriteWrite = 121;
/// How often a round asks each identity request: a clone learns a device's
/// identity answers from its 80 % training split only, which misses one ask
/// in five but three asks in 125.
constexpr int kIdentityAsks = 3;


/// The table a function addresses, or null for functions without one.
const TableRange* TableOf(const ModbusProbeConfig& c, uint8_t function) {
  switch (function) {
    case fc::kReadCoils:
    case fc::kWriteSingleCoil:
    case fc::kWriteMultipleCoils:
      return &c.coils;
    case fc::kReadDiscreteInputs:
      return &c.discrete_inputs;
    case fc::kReadInputRegisters:
      return &c.input_registers;
    case fc::kReadHoldingRegisters:
    case fc::kWriteSingleRegister:
    case fc::kWriteMultipleRegisters:
    case fc::kMaskWriteRegister:
    case fc::kReadWriteMultipleRegisters:
    case fc::kReadFifoQueue:
      return &c.holding_registers;
    default:
      return nullptr;
  }
}

/// Largest element count the specification allows for a table function.
uint32_t SpecMax(uint8_t function) {
  switch (function) {
    case fc::kReadCoils:
    case fc::kReadDiscreteInputs:
      return kMaxReadBits;
    case fc::kReadHoldingRegisters:
    case fc::kReadInputRegisters:
      return kMaxReadRegisters;
    case fc::kWriteMultipleCoils:
      return kMaxWriteCoils;
    case fc::kWriteMultipleRegisters:
      return kMaxWriteRegisters;
    case fc::kReadWriteMultipleRegisters:
      return kMaxReadWriteWrite;
    default:
      return 1;  // single-item functions
  }
}

class Generator {
 public:
  Generator(const ModbusProbeConfig& c, uint64_t seed) : c_(c), rng_(seed) {}

  std::vector<uint16_t> Registers(uint32_t n) {
    std::vector<uint16_t> values(n);
    for (uint32_t i = 0; i < n; ++i)
      values[i] = static_cast<uint16_t>(
          Uniform(rng_, c_.register_min, c_.register_max));
    if (n >= 1) values[0] = static_cast<uint16_t>(c_.register_min);
    if (n >= 2) values[n - 1] = static_cast<uint16_t>(c_.register_max);
    return values;
  }

  std::vector<bool> Bits(uint32_t n) {
    std::vector<bool> bits(n);
    for (uint32_t i = 0; i < n; ++i) bits[i] = Uniform(rng_, 0, 1) == 1;
    return bits;
  }

  /// A well-formed request of `function` for n elements at `address`.
  Request Make(uint8_t function, uint32_t address, uint32_t n) {
    const auto a = static_cast<uint16_t>(address);
    const auto q = static_cast<uint16_t>(n);
    switch (function) {
      case fc::kReadCoils:
        return ReadCoils(a, q);
      case fc::kReadDiscreteInputs:
        return ReadDiscreteInputs(a, q);
      case fc::kReadHoldingRegisters:
        return ReadHoldingRegisters(a, q);
      case fc::kReadInputRegisters:
        return ReadInputRegisters(a, q);
      case fc::kWriteSingleCoil:
        return WriteSingleCoil(a, Uniform(rng_, 0, 1) == 1);
      case fc::kWriteSingleRegister:
        return WriteSingleRegister(a, Registers(1)[0]);
      case fc::kWriteMultipleCoils:
        return WriteMultipleCoils(a, Bits(n));
      case fc::kWriteMultipleRegisters:
        return WriteMultipleRegisters(a, Registers(n));
      case fc::kMaskWriteRegister:
        return MaskWriteRegister(
            a, static_cast<uint16_t>(Uniform(rng_, 0, 0xFFFF)),
            static_cast<uint16_t>(Uniform(rng_, 0, 0xFFFF)));
      case fc::kReadWriteMultipleRegisters:
        return ReadWriteMultipleRegisters(a, q, a, Registers(n));
      case fc::kReadFifoQueue:
        return ReadFifoQueue(a);
      default:
        return Fieldless(function);
    }
  }

  /// The request of a function without table addresses.
  Request Fieldless(uint8_t function) {
    switch (function) {
      case fc::kReadExceptionStatus:
        return ReadExceptionStatus();
      case fc::kDiagnostics:
        return Diagnostics(
            diag::kReturnQueryData,
            {static_cast<uint8_t>(Uniform(rng_, 0, 255)), 0x5a});
      case fc::kGetCommEventCounter:
        return GetCommEventCounter();
      case fc::kGetCommEventLog:
        return GetCommEventLog();
      case fc::kReportServerId:
        return ReportServerId();
      case fc::kReadFileRecord:
        return ReadFileRecord({{kFileReferenceType, 1, 0, 2}});
      case fc::kWriteFileRecord:
        return WriteFileRecord(
            {{kFileReferenceType, 1, 0, Registers(2)}});
      case fc::kEncapsulatedInterfaceTransport:
        return ReadDeviceIdentification(read_code::kBasic, 0);
      default:
        return RawRequest(function, {0x00, 0x00, 0x00, 0x01});
    }
  }

  void Emit(Request r) { round_.push_back({c_.unit_id, std::move(r)}); }

  /// Requests that deserve an exception, and the functions without tables.
  void Specials() {
    for (uint8_t f : c_.function_codes) {
      const TableRange* table = TableOf(c_, f);
      if (table != nullptr) {
        const uint32_t spec_max = SpecMax(f);
        if (spec_max > 1) {
          Emit(Make(f, table->start, 0));  // quantity 0: 03
          if (f == fc::kWriteMultipleCoils) {
            Emit(Make(f, table->start, spec_max + 1));  // 1969 coils: 03
            // Byte count 2 for 8 coils: the request does not decode, 03.
            Emit(RawRequest(
                f, {0x00, 0x00, 0x00, 0x08, 0x02, 0xff, 0x00}));
          } else if (f == fc::kWriteMultipleRegisters) {
            // 124 registers do not fit an ADU; the quantity field says 124
            // over two registers: 03.
            Emit(RawRequest(
                f, {0x00, 0x00, 0x00, 0x7c, 0x04, 0, 1, 0, 2}));
          } else if (f != fc::kReadWriteMultipleRegisters) {
            Emit(Make(f, table->start, spec_max + 1));
          }
          Emit(Make(f, 0xFFFF, 2));  // across address 65535: 02
        }
        if (f == fc::kWriteSingleCoil)
          Emit(Request{
              f, SingleWrite{static_cast<uint16_t>(table->start),
                                     0x1234}});
        continue;
      }
    }
    for (uint8_t f : c_.illegal_functions) Emit(Make(f, 0, 1));
  }

  /// Device identification and the other functions without tables.
  void Identity() {
    for (uint8_t f : c_.function_codes) {
      if (TableOf(c_, f) != nullptr) continue;
      if (f == fc::kEncapsulatedInterfaceTransport) {
        DeviceIdentification();
      } else {
        Emit(Fieldless(f));
      }
    }
  }

  void DeviceIdentification() {
    for (uint8_t code = 1; code <= 3; ++code)
      Emit(ReadDeviceIdentification(code, 0));
    Emit(ReadDeviceIdentification(
        1, 0x50));  // unknown start: stream restarts at 0
    Emit(ReadDeviceIdentification(2, 3));
    Emit(ReadDeviceIdentification(3, 0x80));
    for (uint8_t object = 0; object <= 6; ++object)
      Emit(ReadDeviceIdentification(4, object));
    Emit(ReadDeviceIdentification(4, 0x50));  // unknown object: 02
    Emit(ReadDeviceIdentification(0, 0));     // read code 0: 03
    Emit(ReadDeviceIdentification(5, 0));     // read code 5: 03
  }

  /// Lowest, highest and a random middle address for n elements, and the
  /// first address past the table (when there is one below 65536).
  std::vector<uint32_t> Addresses(const TableRange& t, uint32_t n) {
    std::vector<uint32_t> out;
    if (t.count >= n) {
      const uint32_t low = t.start;
      const uint32_t high = t.start + t.count - n;
      AppendTriplet(low, high, rng_, out);
    }
    const uint32_t past = t.count >= n ? t.start + t.count - n + 1 : t.start;
    if (past + n <= 0x10000) out.push_back(past);
    return out;
  }

  void Counts() {
    for (uint32_t n : ElementCounts(c_.limits.max_elements, rng_)) {
      for (uint8_t f : c_.function_codes) {
        const TableRange* table = TableOf(c_, f);
        if (table == nullptr || n > SpecMax(f)) continue;
        for (uint32_t address : Addresses(*table, n)) Emit(Make(f, address, n));
      }
    }
  }

  std::vector<ModbusProbe> Round() {
    round_.clear();
    Specials();
    for (int i = 0; i < kIdentityAsks; ++i) Identity();
    Counts();
    return std::move(round_);
  }

  ModbusProbe RandomProbe() {
    std::vector<uint8_t> functions = c_.function_codes;
    if (functions.empty()) functions = {fc::kReadHoldingRegisters};
    const uint8_t f = functions[Uniform(
        rng_, 0, static_cast<uint32_t>(functions.size() - 1))];
    const TableRange* table = TableOf(c_, f);
    if (table == nullptr) return {c_.unit_id, Fieldless(f)};
    const uint32_t n =
        Uniform(rng_, 1, std::min<uint32_t>(c_.limits.max_elements, SpecMax(f)));
    uint32_t address = table->start;
    if (Uniform(rng_, 0, 9) == 0 || table->count < n) {
      address = std::min<uint32_t>(table->start + table->count, 0x10000 - n);
    } else {
      address = Uniform(rng_, table->start, table->start + table->count - n);
    }
    return {c_.unit_id, Make(f, address, n)};
  }

 private:
  const ModbusProbeConfig& c_;
  Rng rng_;
  std::vector<ModbusProbe> round_;
};

}  // namespace

std::vector<ModbusProbe> ModbusBoundaries(const ModbusProbeConfig& config,
                                          size_t size, uint64_t seed) {
  Generator g(config, seed);
  return TakeFromRounds<ModbusProbe>(size, [&] { return g.Round(); });
}

std::vector<ModbusProbe> ModbusRandom(const ModbusProbeConfig& config, size_t size,
                                      uint64_t seed) {
  Generator g(config, seed);
  return TakeEach<ModbusProbe>(size, [&] { return g.RandomProbe(); });
}

}  // namespace protolm::modbus
