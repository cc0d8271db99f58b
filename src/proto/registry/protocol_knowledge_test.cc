// What a clone learns of its device through the protocol table: learned from
// probes of the reference simulator (Modbus rules, S7 areas and identity
// answers), it is the simulator's own, admits its held-out answers and makes
// the grammars give its identification answers; it round-trips through a
// checkpoint's provenance and malformed knowledge is refused. Every answer of
// a probe is admitted by the grammar, and replaying the probe through the
// memory image changes no response (it returns what was written).

#include <gtest/gtest.h>

#include "device/profile.h"
#include "device/profile_rules.h"
#include "proto/answer_table_json.h"
#include "proto/modbus/learned_modbus_memory.h"
#include "proto/modbus/learned_modbus_rules.h"
#include "proto/modbus/modbus_knowledge.h"
#include "proto/modbus/modbus_protocol.h"
#include "proto/registry/protocol_table.h"
#include "proto/s7comm/s7_identity_answers.h"
#include "proto/s7comm/s7_knowledge.h"
#include "proto/s7comm/s7comm_protocol.h"
#include "testing/device/simulator_probe.h"
#include "testing/grammar_walk.h"

namespace protolm {
namespace {

using testing::EveryOther;
using testing::Exchange;
using testing::ProbeSimulator;

/// The only response the grammar admits (empty when it admits several).
Bytes OnlyAnswer(const ResponseConstraint& grammar) {
  Bytes answer;
  for (;;) {
    AllowedTokens allowed;
    grammar.Allowed(answer, &allowed);
    if (allowed.bytes.count() + (allowed.end ? 1 : 0) != 1) return {};
    if (allowed.end) return answer;
    size_t b = 0;
    while (!allowed.bytes.test(b)) ++b;
    answer.push_back(static_cast<uint8_t>(b));
  }
}

TEST(ProtocolKnowledge, S7IdentityAnswersAreTheSimulatorsOwn) {
  const std::vector<Exchange> probe =
      ProbeSimulator("s7-315-2pn", std::string(s7comm::kProtocolName), 400);
  ASSERT_GE(probe.size(), 400u);
  std::string summary;
  const Protocol& s7 = s7comm::S7commProtocol();
  const std::unique_ptr<DeviceKnowledge> learned =
      s7.LearnDevice(probe, probe, &summary);
  ASSERT_NE(learned, nullptr);
  const s7comm::S7Rules& rules =
      static_cast<const s7comm::S7Knowledge&>(*learned).rules;
  EXPECT_NE(summary.find("identity answers"), std::string::npos) << summary;
  // nmap s7-info's module identification read (SZL 0x0011 index 1) is known.
  const Bytes nmap_szl =
      FromHex(
          "0300002102f080320700000000000800080001120411440100ff09000400110001")
          .value();
  ASSERT_TRUE(rules.identity_answers.count(*s7comm::S7IdentityKey(nmap_szl)));
  // Asked again with another PDU reference, each SZL read the probe made
  // gets the simulator's answer carrying that reference, and nothing else.
  size_t known = 0;
  for (const ByteExchange& e : probe) {
    if (!s7comm::S7IdentityKey(e.request) || e.request[5] == 0xE0) continue;
    Bytes request = e.request, expected = e.response;
    request[11] = expected[11] = 0xBE;  // the S7 header's PDU reference
    request[12] = expected[12] = 0xEF;  // after TPKT and a 3-byte COTP DT
    auto grammar = s7.MakeResponseConstraint(request, 1024, learned.get());
    EXPECT_EQ(ToHex(OnlyAnswer(*grammar)), ToHex(expected));
    ++known;
  }
  EXPECT_GE(known, 12u);  // eleven SZL reads and the setup

  // nmap's connection request (its own source reference 0x0014) is
  // confirmed as the simulator confirmed the probe's, addressed to nmap.
  const Bytes nmap_connect =
      FromHex("0300001611e00000001400c1020100c2020102c0010a").value();
  auto connect = s7.MakeResponseConstraint(nmap_connect, 1024, learned.get());
  const Bytes confirm = OnlyAnswer(*connect);
  ASSERT_GE(confirm.size(), 8u) << ToHex(confirm);
  EXPECT_EQ(confirm[5], 0xD0);
  EXPECT_EQ(confirm[6], 0x00);
  EXPECT_EQ(confirm[7], 0x14);
}

TEST(ProtocolKnowledge, S7AreasAreTheSimulatorsAndAdmitItsHeldOutAnswers) {
  const std::vector<Exchange> probe =
      ProbeSimulator("s7-315-2pn", std::string(s7comm::kProtocolName), 800);
  ASSERT_GE(probe.size(), 800u);
  const Protocol& s7 = s7comm::S7commProtocol();
  const std::vector<Exchange> training = EveryOther(probe, 0);
  const std::unique_ptr<DeviceKnowledge> known =
      s7.LearnDevice(training, training, nullptr);
  ASSERT_NE(known, nullptr);
  const s7comm::S7Rules& rules =
      static_cast<const s7comm::S7Knowledge&>(*known).rules;
  ASSERT_TRUE(rules.device_known);
  const s7comm::S7Rules truth =
      device::S7RulesFromProfile(device::BuiltinProfile("s7-315-2pn").value());
  for (const s7comm::S7AreaSize& learned : rules.areas) {
    bool found = false;
    for (const s7comm::S7AreaSize& real : truth.areas) {
      if (real.area == learned.area && real.db == learned.db) {
        found = true;
        EXPECT_EQ(learned.size, real.size)
            << static_cast<int>(learned.area) << " db " << learned.db;
      }
    }
    EXPECT_TRUE(found) << static_cast<int>(learned.area) << " db "
                       << learned.db;
  }
  EXPECT_GE(rules.areas.size(), 5u);  // DB1, DB2, M, I, Q
  // Every answer of the other half is admitted under the learned areas.
  size_t refused = 0;
  for (const ByteExchange& e : EveryOther(probe, 1)) {
    auto grammar = s7.MakeResponseConstraint(e.request, 1024, known.get());
    size_t where = 0;
    if (!testing::Admits(*grammar, e.response, &where) && ++refused <= 5)
      ADD_FAILURE() << ToHex(e.request) << " -> " << ToHex(e.response)
                    << " refused at byte " << where;
  }
  EXPECT_EQ(refused, 0u);
}

TEST(ProtocolKnowledge, RoundTripThroughAProvenance) {
  const std::vector<Exchange> probe =
      ProbeSimulator("wago-750-881", std::string(modbus::kProtocolName), 400);
  const std::vector<Exchange> training = EveryOther(probe, 0);
  const Protocol& mb = modbus::ModbusProtocol();
  const Protocol& s7 = s7comm::S7commProtocol();
  auto learned = mb.LearnDevice(training, probe, nullptr);
  ASSERT_NE(learned, nullptr);
  const auto& modbus_known =
      static_cast<const modbus::ModbusKnowledge&>(*learned);
  ASSERT_TRUE(modbus_known.rules.device_known);
  s7comm::S7Knowledge s7_known;
  s7_known.rules.identity_answers =
      AnswerTableFromJson(nlohmann::json::parse(R"([["0300", "0301"]])"), "t")
          .value();
  s7_known.rules.device_known = true;
  s7_known.rules.areas = {{s7comm::Area::kDataBlock, 7, 512},
                          {s7comm::Area::kFlags, 0, 256}};
  nlohmann::json extra = nlohmann::json::object();
  modbus_known.Store(&extra);
  s7_known.Store(&extra);

  auto modbus_back = mb.KnowledgeFromProvenance(extra);
  ASSERT_TRUE(modbus_back.ok()) << modbus_back.status().message();
  ASSERT_NE(*modbus_back, nullptr);
  const auto& m = static_cast<const modbus::ModbusKnowledge&>(**modbus_back);
  EXPECT_EQ(modbus::ModbusRulesToJson(m.rules),
            modbus::ModbusRulesToJson(modbus_known.rules));
  EXPECT_EQ(modbus::ModbusMemoryToJson(m.starting_memory),
            modbus::ModbusMemoryToJson(modbus_known.starting_memory));
  auto s7_back = s7.KnowledgeFromProvenance(extra);
  ASSERT_TRUE(s7_back.ok()) << s7_back.status().message();
  ASSERT_NE(*s7_back, nullptr);
  const auto& s = static_cast<const s7comm::S7Knowledge&>(**s7_back);
  EXPECT_EQ(s.rules.identity_answers, s7_known.rules.identity_answers);
  EXPECT_TRUE(s.rules.device_known);
  ASSERT_EQ(s.rules.areas.size(), 2u);
  EXPECT_EQ(s.rules.areas[0].db, 7);
  EXPECT_EQ(s.rules.areas[1].size, 256u);

  for (const Protocol* p : AllProtocols()) {
    auto none = p->KnowledgeFromProvenance(nlohmann::json::object());
    ASSERT_TRUE(none.ok());
    EXPECT_EQ(*none, nullptr) << p->name();
  }
  extra["s7_identity_answers"] = {{"0300", "not hex"}};
  auto refused = s7.KnowledgeFromProvenance(extra);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("s7_identity_answers"),
            std::string::npos);
}

void ExpectAllAdmitted(const std::string& name, const Protocol& protocol) {
  std::vector<Exchange> exchanges =
      ProbeSimulator(name, std::string(protocol.name()), 400);
  EXPECT_GE(exchanges.size(), 400u);
  size_t refused = 0;
  std::unique_ptr<MemoryImage> image = protocol.NewMemoryImage(nullptr);
  ASSERT_NE(image, nullptr);
  size_t changed = 0;
  for (const Exchange& e : exchanges) {
    auto c = protocol.MakeResponseConstraint(e.request, 1 << 16, nullptr);
    ASSERT_NE(c, nullptr);
    size_t where = 0;
    if (!testing::Admits(*c, e.response, &where) && ++refused <= 5)
      ADD_FAILURE() << ToHex(e.request) << " -> " << ToHex(e.response)
                    << " refused at byte " << where;
    const auto request = protocol.DecodeRequest(e.request);
    changed += image->Apply(*request, e.response) != e.response;
    image->Observe(*request, e.response);
  }
  EXPECT_EQ(refused, 0u);
  EXPECT_EQ(changed, 0u) << "the memory image contradicted the simulator";
}

TEST(ProtocolKnowledge, ModbusSimulatorAnswersAreAdmitted) {
  ExpectAllAdmitted("wago-750-881", modbus::ModbusProtocol());
}

TEST(ProtocolKnowledge, S7SimulatorAnswersAreAdmitted) {
  ExpectAllAdmitted("s7-315-2pn", s7comm::S7commProtocol());
}

}  // namespace
}  // namespace protolm
