// The Modbus boundaries probe covers what LLMPot's missed: every configured
// function, element counts up to the maximum, exception codes 01, 02 and 03
// (judged by the rules of the built-in WAGO profile), FC15 exceptions,
// illegal functions and device identification; and it is deterministic.
#include "proto/modbus/modbus_probe_strategies.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "device/profile.h"
#include "device/profile_rules.h"
#include "proto/modbus/adu.h"
#include "proto/modbus/builders.h"
#include "proto/modbus/modbus_rules.h"

namespace protolm::modbus {
namespace {

ModbusProbeConfig Default() { return DefaultModbusProbeConfig(); }

/// Element count of a table request, 0 for others.
uint32_t CountOf(const Request& r) {
  if (const auto* read = std::get_if<ReadRequest>(&r.body))
    return read->quantity;
  if (const auto* coils = std::get_if<WriteCoilsRequest>(&r.body))
    return coils->quantity;
  if (const auto* regs = std::get_if<WriteRegistersRequest>(&r.body))
    return static_cast<uint32_t>(regs->registers.size());
  return 0;
}

TEST(ModbusBoundaries, A1600SampleProbeCoversFunctionsCountsAndExceptions) {
  const ModbusProbeConfig config = Default();
  const auto probes = ModbusBoundaries(config, 1600, 7);
  ASSERT_EQ(probes.size(), 1600u);
  auto profile = device::BuiltinProfile("wago-750-881");
  ASSERT_TRUE(profile.ok()) << profile.status().message();
  const ModbusRules rules = device::ModbusRulesFromProfile(*profile);

  std::set<uint8_t> functions;
  std::map<uint8_t, std::set<uint32_t>> counts;
  std::map<uint8_t, std::set<uint8_t>> exceptions_by_function;
  std::set<uint8_t> exception_codes;
  std::set<uint8_t> read_codes;
  for (const ModbusProbe& p : probes) {
    functions.insert(p.request.function);
    counts[p.request.function].insert(CountOf(p.request));
    if (const auto* id = std::get_if<DeviceIdRequest>(&p.request.body))
      read_codes.insert(id->read_code);
    // The device sees the encoded bytes; a request that does not decode
    // deserves 03 (spec section 7).
    Bytes adu = BuildRequestAdu(1, p.unit_id, p.request).value();
    auto decoded = DecodeRequestAdu(adu);
    ExpectedOutcome due{ExpectedOutcome::Kind::kException,
                        ExceptionCode::kIllegalDataValue};
    if (decoded.ok())
      due = ExpectedModbusOutcome(decoded->pdu, p.unit_id, rules);
    if (due.kind == ExpectedOutcome::Kind::kException) {
      exception_codes.insert(static_cast<uint8_t>(due.code));
      exceptions_by_function[p.request.function].insert(
          static_cast<uint8_t>(due.code));
    }
  }
  for (uint8_t f : config.function_codes)
    EXPECT_TRUE(functions.count(f)) << int(f);
  for (uint8_t f : config.illegal_functions)
    EXPECT_TRUE(functions.count(f)) << int(f);
  for (uint8_t f : {1, 2, 3, 4, 15, 16}) {
    for (uint32_t n = 1; n <= config.limits.max_elements; ++n)
      EXPECT_TRUE(counts[f].count(n))
          << "function " << int(f) << " count " << n;
  }
  EXPECT_EQ(exception_codes, (std::set<uint8_t>{1, 2, 3}));
  EXPECT_EQ(exceptions_by_function[15], (std::set<uint8_t>{2, 3}));
  EXPECT_EQ(exceptions_by_function[16], (std::set<uint8_t>{2, 3}));
  EXPECT_EQ(exceptions_by_function[5], (std::set<uint8_t>{2, 3}));
  EXPECT_EQ(exceptions_by_function[43], (std::set<uint8_t>{2, 3}));
  EXPECT_EQ(read_codes, (std::set<uint8_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_TRUE(functions.count(17));
}

TEST(ModbusBoundaries, ShortProbesStillReachTheMaximumCount) {
  const ModbusProbeConfig config = Default();
  bool saw_max = false;
  for (const ModbusProbe& p : ModbusBoundaries(config, 200, 3))
    saw_max |= CountOf(p.request) == config.limits.max_elements;
  EXPECT_TRUE(saw_max);
}

TEST(ModbusBoundaries, DeterministicForASeed) {
  const ModbusProbeConfig config = Default();
  auto a = ModbusBoundaries(config, 500, 11);
  auto b = ModbusBoundaries(config, 500, 11);
  auto c = ModbusBoundaries(config, 500, 12);
  ASSERT_EQ(a.size(), b.size());
  bool same = true, differs = false;
  for (size_t i = 0; i < a.size(); ++i) {
    same &= a[i].request == b[i].request;
    differs |= !(a[i].request == c[i].request);
  }
  EXPECT_TRUE(same);
  EXPECT_TRUE(differs);
}

TEST(ModbusRandom, StaysWithinTheConfiguration) {
  const ModbusProbeConfig config = Default();
  auto probes = ModbusRandom(config, 300, 5);
  ASSERT_EQ(probes.size(), 300u);
  std::set<uint8_t> allowed(config.function_codes.begin(),
                            config.function_codes.end());
  for (const ModbusProbe& p : probes) {
    EXPECT_TRUE(allowed.count(p.request.function));
    EXPECT_LE(CountOf(p.request), config.limits.max_elements);
  }
}

}  // namespace
}  // namespace protolm::modbus
