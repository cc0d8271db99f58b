// Learning a Modbus device's rules from a probe: the boundaries probe of the
// reference simulator yields its tables exactly, the rules explain held-out
// exchanges and make the grammar admit only the outcome the device gives
// (and, for identification requests, only the device's own answer);
// contradicting observations make the rules unusable; the JSON form round
// trips and refuses what it did not write.
#include "proto/modbus/learned_modbus_rules.h"

#include "proto/modbus/modbus_codec.h"

#include <gtest/gtest.h>

#include "device/profile.h"
#include "proto/answer_table_json.h"
#include "testing/grammar_walk.h"
#include "proto/modbus/modbus_response_constraint.h"
#include "testing/device/simulator_probe.h"
#include "proto/modbus/mbap.h"
#include "device/profile_rules.h"

namespace protolm::modbus {
namespace {

using testing::EveryOther;
using testing::Exchange;
using testing::ProbeSimulator;

Bytes Adu(const std::string& hex) { return FromHex(hex).value(); }

bool SameRange(const modbus::AddressRange& a, const modbus::AddressRange& b) {
  return a.start == b.start && a.count == b.count;
}

TEST(LearnedModbusRules, TheBoundariesProbeRevealsTheSimulatorsTables) {
  const std::vector<Exchange> probe = ProbeSimulator("wago-750-881", std::string(kProtocolName), 800);
  ASSERT_GE(probe.size(), 800u);
  const LearnedModbusRules learned = LearnModbusRules(EveryOther(probe, 0));
  EXPECT_TRUE(learned.usable()) << learned.explained << "/" << learned.exchanges;
  const modbus::ModbusRules truth =
      device::ModbusRulesFromProfile(device::BuiltinProfile("wago-750-881").value());
  EXPECT_TRUE(SameRange(learned.rules.coils, truth.coils));
  EXPECT_TRUE(SameRange(learned.rules.discrete_inputs, truth.discrete_inputs));
  EXPECT_TRUE(SameRange(learned.rules.holding_registers, truth.holding_registers));
  EXPECT_TRUE(SameRange(learned.rules.input_registers, truth.input_registers));
  EXPECT_FALSE(learned.rules.Supports(9));  // probed, answered 01
  EXPECT_TRUE(learned.rules.Supports(3));

  // The other half of the probe: every answer of the device is admitted by
  // the grammar under the learned rules, and its outcome is the only one.
  size_t refused = 0, checked = 0;
  for (const ByteExchange& e : EveryOther(probe, 1)) {
    ModbusResponseConstraint grammar(e.request, kMaxModbusAdu, learned.rules);
    size_t where = 0;
    if (!testing::Admits(grammar, e.response, &where) && ++refused <= 5)
      ADD_FAILURE() << ToHex(e.request) << " -> " << ToHex(e.response)
                    << " refused at byte " << where;
    if (e.response.size() <= modbus::kMbapSize) continue;
    AllowedTokens allowed;
    grammar.Allowed(ByteView(e.response).first(modbus::kMbapSize), &allowed);
    EXPECT_EQ(allowed.bytes.count(), 1u) << ToHex(e.request);
    ++checked;
  }
  EXPECT_EQ(refused, 0u);
  EXPECT_GT(checked, 300u);

  // nmap modbus-discover's identification request (read basic stream from
  // object 0), which the whole probe asks, is answered with the device's own
  // identity, and only with it.
  const LearnedModbusRules whole = LearnModbusRules(probe);
  ASSERT_TRUE(whole.usable());
  const Bytes nmap_request = Adu("00070000000501" "2b0e0100");
  auto known = whole.rules.identity_answers.find(Adu("2b0e0100"));  // its PDU
  ASSERT_NE(known, whole.rules.identity_answers.end());
  ModbusResponseConstraint grammar(nmap_request, kMaxModbusAdu, whole.rules);
  Bytes answer = {0x00, 0x07, 0x00, 0x00};
  for (;;) {
    AllowedTokens allowed;
    grammar.Allowed(answer, &allowed);
    ASSERT_EQ(allowed.bytes.count() + (allowed.end ? 1 : 0), 1u);
    if (allowed.end) break;
    size_t b = 0;
    while (!allowed.bytes.test(b)) ++b;
    answer.push_back(static_cast<uint8_t>(b));
  }
  EXPECT_EQ(Bytes(answer.begin() + modbus::kMbapSize, answer.end()),
            known->second);
  EXPECT_NE(ToHex(answer).find(ToHex(Bytes{'W', 'A', 'G', 'O'})),
            std::string::npos);
}

TEST(LearnedModbusRules, IdentityAnswersThatVaryAreNotKept) {
  const std::vector<ByteExchange> exchanges = {
      {Adu("000100000002" "0111"), Adu("000100000005" "0111" "0201ff")},
      {Adu("000200000002" "0111"), Adu("000200000005" "0111" "0202ff")},
      {Adu("000300000005" "012b0e0100"),
       Adu("00030000000d" "012b0e01010000" "01" "0003414243")},
  };
  const LearnedModbusRules learned = LearnModbusRules(exchanges);
  ASSERT_EQ(learned.rules.identity_answers.size(), 1u);
  EXPECT_EQ(ToHex(learned.rules.identity_answers.begin()->first), "2b0e0100");
}

TEST(LearnedModbusRules, ExceptionsPastTheLastAnsweredEntryBoundTheTable) {
  const std::vector<ByteExchange> exchanges = {
      // read holding registers 0..9 answered, 10..19 refused with 02
      {Adu("00010000000601030000000a"),
       Adu("000100000017010314" + std::string(40, '0'))},
      {Adu("00020000000601030005000a"), Adu("000200000003018302")},
      // function 9 refused
      {Adu("0003000000020109"), Adu("000300000003018901")},
  };
  const LearnedModbusRules learned = LearnModbusRules(exchanges);
  ASSERT_TRUE(learned.usable());
  EXPECT_TRUE(SameRange(learned.rules.holding_registers, {0, 10}));
  EXPECT_TRUE(SameRange(learned.rules.coils, {0, 65536}));  // never asked
  EXPECT_FALSE(learned.rules.Supports(9));

  // Under these rules a read past register 9 can only be exception 02.
  ModbusResponseConstraint grammar(Adu("00040000000601030008000a"),
                                   kMaxModbusAdu, learned.rules);
  EXPECT_TRUE(testing::Admits(grammar, Adu("000400000003018302")));
  EXPECT_FALSE(testing::Admits(
      grammar, Adu("000400000017010314" + std::string(40, '0'))));
}

TEST(LearnedModbusRules, ContradictingObservationsAreNotUsed) {
  const std::vector<ByteExchange> exchanges = {
      {Adu("00010000000601030000000a"),
       Adu("000100000017010314" + std::string(40, '0'))},
      // the same span refused later: no single table explains both
      {Adu("00020000000601030000000a"), Adu("000200000003018302")},
  };
  const LearnedModbusRules learned = LearnModbusRules(exchanges);
  EXPECT_EQ(learned.exchanges, 2u);
  EXPECT_EQ(learned.explained, 1u);
  EXPECT_FALSE(learned.usable());
  ASSERT_EQ(learned.unexplained.size(), 1u);
  EXPECT_NE(learned.unexplained[0].find("exception 2"), std::string::npos)
      << learned.unexplained[0];
  EXPECT_FALSE(LearnModbusRules({}).usable());
}

TEST(LearnedModbusRules, JsonRoundTripsAndRefusesOtherShapes) {
  modbus::ModbusRules rules;
  rules.device_known = true;
  rules.supported_functions = {1, 3, 16};
  rules.coils = {0, 1024};
  rules.holding_registers = {16, 32};
  rules.unit_ids = {1, 2};
  rules.unknown_unit = modbus::UnknownUnitPolicy::kGatewayException;
  rules.device_id_objects = {0, 1, 2};
  rules.identity_answers =
      AnswerTableFromJson(nlohmann::json::parse(R"([["11", "110201ff"]])"), "t")
          .value();
  auto back = ModbusRulesFromJson(ModbusRulesToJson(rules));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(ModbusRulesToJson(*back), ModbusRulesToJson(rules));
  EXPECT_TRUE(back->device_known);

  nlohmann::json bad = ModbusRulesToJson(rules);
  bad["coils"] = {65535, 2};
  EXPECT_NE(ModbusRulesFromJson(bad).status().message().find("coils"),
            std::string::npos);
  bad = ModbusRulesToJson(rules);
  bad["functions"] = {1, 300};
  EXPECT_FALSE(ModbusRulesFromJson(bad).ok());
  bad = ModbusRulesToJson(rules);
  bad["unknown_unit"] = 3;
  EXPECT_FALSE(ModbusRulesFromJson(bad).ok());
  bad = ModbusRulesToJson(rules);
  bad["identity_answers"] = {{"11", "zz"}};
  EXPECT_FALSE(ModbusRulesFromJson(bad).ok());
  EXPECT_FALSE(ModbusRulesFromJson(nlohmann::json::array()).ok());
}

}  // namespace
}  // namespace protolm::modbus
