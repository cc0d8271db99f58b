// A clone's device rules: learned from probes of the reference simulator
// (Modbus rules, S7 areas and identity answers), they are the simulator's
// own, admit its held-out answers and make the grammars give its
// identification answers; they round-trip through a checkpoint's provenance
// and malformed ones are refused.
#include "emu/device_rules.h"

#include <gtest/gtest.h>

#include "device/profile.h"
#include "emu/answer_table_json.h"
#include "emu/emu_test_support.h"
#include "emu/learned_modbus_rules.h"
#include "emu/response_constraint.h"
#include "emu/s7_identity_answers.h"
#include "metrics/profile_rules.h"
#include "emu/simulator_probe_test_support.h"

namespace protolm::emu {
namespace {

using testing::EveryOther;
using testing::Exchange;
using testing::ProbeSimulator;

/// The only response the grammar admits (empty when it admits several).
Bytes OnlyAnswer(const lm::ResponseConstraint& grammar) {
  Bytes answer;
  for (;;) {
    lm::AllowedTokens allowed;
    grammar.Allowed(answer, &allowed);
    if (allowed.bytes.count() + (allowed.end ? 1 : 0) != 1) return {};
    if (allowed.end) return answer;
    size_t b = 0;
    while (!allowed.bytes.test(b)) ++b;
    answer.push_back(static_cast<uint8_t>(b));
  }
}

TEST(DeviceRules, S7IdentityAnswersAreTheSimulatorsOwn) {
  const std::vector<Exchange> probe = ProbeSimulator("s7-315-2pn", "s7comm", 400);
  ASSERT_GE(probe.size(), 400u);
  std::string summary;
  const DeviceRules rules = LearnDeviceRules("s7comm", probe, &summary);
  EXPECT_NE(summary.find("identity answers"), std::string::npos) << summary;
  // nmap s7-info's module identification read (SZL 0x0011 index 1) is known.
  const Bytes nmap_szl =
      FromHex("0300002102f080320700000000000800080001120411440100ff09000400110001")
          .value();
  ASSERT_TRUE(rules.s7.identity_answers.count(*S7IdentityKey(nmap_szl)));
  // Asked again with another PDU reference, each SZL read the probe made
  // gets the simulator's answer carrying that reference, and nothing else.
  size_t known = 0;
  for (const lm::ByteExchange& e : probe) {
    if (!S7IdentityKey(e.request) || e.request[5] == 0xE0) continue;
    Bytes request = e.request, expected = e.response;
    request[11] = expected[11] = 0xBE;  // the S7 header's PDU reference
    request[12] = expected[12] = 0xEF;  // after TPKT and a 3-byte COTP DT
    auto grammar = MakeResponseConstraint("s7comm", request, 1024, rules);
    EXPECT_EQ(ToHex(OnlyAnswer(*grammar)), ToHex(expected));
    ++known;
  }
  EXPECT_GE(known, 12u);  // eleven SZL reads and the setup

  // nmap's connection request (its own source reference 0x0014) is
  // confirmed as the simulator confirmed the probe's, addressed to nmap.
  const Bytes nmap_connect =
      FromHex("0300001611e00000001400c1020100c2020102c0010a").value();
  auto connect = MakeResponseConstraint("s7comm", nmap_connect, 1024, rules);
  const Bytes confirm = OnlyAnswer(*connect);
  ASSERT_GE(confirm.size(), 8u) << ToHex(confirm);
  EXPECT_EQ(confirm[5], 0xD0);
  EXPECT_EQ(confirm[6], 0x00);
  EXPECT_EQ(confirm[7], 0x14);
}

TEST(DeviceRules, S7AnswersInPartsAreNumberedPerConnection) {
  // An SZL answer in parts (data unit reference 05 at byte 25, more follows)
  // and one that fits (reference 00, the last data unit).
  const Bytes in_parts =
      FromHex("0300002102f080320700000467000c0004000112081284010205010000ff09"
              "0000")
          .value();
  const Bytes whole =
      FromHex("0300002102f080320700000468000c0004000112081284010200000000ff09"
              "0000")
          .value();
  S7DataUnitNumbering connection;
  EXPECT_EQ(connection.Number(whole), whole);
  for (int n = 1; n <= 300; ++n) {
    Bytes numbered = connection.Number(in_parts);
    ASSERT_EQ(numbered.size(), in_parts.size());
    EXPECT_EQ(numbered[25], n <= 255 ? n : n - 255);  // 0 is skipped
    numbered[25] = in_parts[25];
    EXPECT_EQ(numbered, in_parts);
  }
  const Bytes cut(in_parts.begin(), in_parts.begin() + 26);
  EXPECT_EQ(S7DataUnitNumbering().Number(cut), cut);
  // Another connection starts again at 1.
  EXPECT_EQ(S7DataUnitNumbering().Number(in_parts)[25], 1);
}

TEST(DeviceRules, S7AreasAreTheSimulatorsAndAdmitItsHeldOutAnswers) {
  const std::vector<Exchange> probe = ProbeSimulator("s7-315-2pn", "s7comm", 800);
  ASSERT_GE(probe.size(), 800u);
  const DeviceRules rules = LearnDeviceRules("s7comm", EveryOther(probe, 0), nullptr);
  ASSERT_TRUE(rules.s7.device_known);
  const metrics::S7Rules truth = metrics::S7RulesFromProfile(
      device::BuiltinProfile("s7-315-2pn").value());
  for (const metrics::S7AreaSize& learned : rules.s7.areas) {
    bool found = false;
    for (const metrics::S7AreaSize& real : truth.areas) {
      if (real.area == learned.area && real.db == learned.db) {
        found = true;
        EXPECT_EQ(learned.size, real.size) << static_cast<int>(learned.area)
                                           << " db " << learned.db;
      }
    }
    EXPECT_TRUE(found) << static_cast<int>(learned.area) << " db " << learned.db;
  }
  EXPECT_GE(rules.s7.areas.size(), 5u);  // DB1, DB2, M, I, Q
  // Every answer of the other half is admitted under the learned areas.
  size_t refused = 0;
  for (const lm::ByteExchange& e : EveryOther(probe, 1)) {
    auto grammar = MakeResponseConstraint("s7comm", e.request, 1024, rules);
    size_t where = 0;
    if (!testing::Admits(*grammar, e.response, &where) && ++refused <= 5)
      ADD_FAILURE() << ToHex(e.request) << " -> " << ToHex(e.response)
                    << " refused at byte " << where;
  }
  EXPECT_EQ(refused, 0u);
}

TEST(DeviceRules, RoundTripThroughAProvenance) {
  const std::vector<Exchange> probe = ProbeSimulator("wago-750-881", "modbus", 400);
  const DeviceRules modbus = LearnDeviceRules("modbus", EveryOther(probe, 0), nullptr);
  ASSERT_TRUE(modbus.modbus.device_known);
  DeviceRules both = modbus;
  both.s7.identity_answers =
      AnswerTableFromJson(nlohmann::json::parse(R"([["0300", "0301"]])"), "t")
          .value();
  both.s7.device_known = true;
  both.s7.areas = {{s7comm::Area::kDataBlock, 7, 512},
                   {s7comm::Area::kFlags, 0, 256}};
  lm::Provenance provenance;
  provenance.extra = nlohmann::json::object();
  StoreDeviceRules(both, &provenance.extra);
  auto back = DeviceRulesOf(provenance);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(ModbusRulesToJson(back->modbus),
            ModbusRulesToJson(both.modbus));
  EXPECT_EQ(back->s7.identity_answers, both.s7.identity_answers);
  EXPECT_TRUE(back->s7.device_known);
  ASSERT_EQ(back->s7.areas.size(), 2u);
  EXPECT_EQ(back->s7.areas[0].db, 7);
  EXPECT_EQ(back->s7.areas[1].size, 256u);

  auto none = DeviceRulesOf(lm::Provenance{});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->modbus.device_known);
  EXPECT_TRUE(none->s7.identity_answers.empty());

  provenance.extra["s7_identity_answers"] = {{"0300", "not hex"}};
  auto refused = DeviceRulesOf(provenance);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("s7_identity_answers"),
            std::string::npos);
}

}  // namespace
}  // namespace protolm::emu
