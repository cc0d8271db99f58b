// Tests of profile loading: the built-in profiles, and the one-line errors
// that name the JSON path of each fault.
#include "device/profile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace protolm::device {
namespace {

using ::testing::HasSubstr;

TEST(ProfileTest, BuiltinWagoHasTheIdentityAndTables) {
  auto p = BuiltinProfile("wago-750-881");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_TRUE(p->modbus.enabled);
  EXPECT_EQ(p->modbus.identity.vendor_name, "WAGO");
  EXPECT_EQ(p->modbus.identity.product_code, "750-881");
  EXPECT_EQ(p->modbus.holding_registers.count, 1024u);
  EXPECT_EQ(p->modbus.holding_registers.initial.at(1), 881);
  EXPECT_EQ(p->modbus.unknown_unit, UnknownUnitPolicy::kGatewayException);
  EXPECT_GE(p->processes.size(), 9u);
}

TEST(ProfileTest, EveryBuiltinProfileLoads) {
  std::vector<std::string> names = ListBuiltinProfiles();
  EXPECT_THAT(names, ::testing::IsSupersetOf({"wago-750-881", "s7-315-2pn"}));
  for (const std::string& name : names) {
    auto p = LoadProfile(name);
    EXPECT_TRUE(p.ok()) << name << ": " << p.status().message();
  }
}

TEST(ProfileTest, UnknownBuiltinListsTheKnownOnes) {
  auto p = BuiltinProfile("nope");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(p.status().message(), HasSubstr("wago-750-881"));
}

TEST(ProfileTest, MissingFileSaysWhatToGive) {
  auto p = LoadProfile("/nonexistent/profile.json");
  ASSERT_FALSE(p.ok());
  EXPECT_THAT(p.status().message(), HasSubstr("built-in name"));
}

TEST(ProfileTest, BadJsonGivesLineAndColumn) {
  auto p = ParseProfile("{\n  \"name\": \"x\",\n  oops\n}", "f.json");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kMalformed);
  EXPECT_THAT(p.status().message(), HasSubstr("f.json:3:"));
}

TEST(ProfileTest, FaultsNameTheirJsonPath) {
  auto p = ParseProfile(R"({
    "name": "x",
    "modbus": {
      "identity": {"vendor_name": "V", "product_code": "P",
                   "major_minor_revision": "1"},
      "coils": {"count": 70000},
      "holding_registers": {"count": 10,
                            "initial": [{"address": 9, "values": [1, 2]}]},
      "unknown_unit": "shrug",
      "supported_functions": [3, 200],
      "colis": {}
    }
  })",
                        "t");
  ASSERT_FALSE(p.ok());
  const std::string& m = p.status().message();
  EXPECT_THAT(
      m, HasSubstr("profile.modbus.coils.count: expected an integer 0..65536"));
  EXPECT_THAT(m, HasSubstr("profile.modbus.holding_registers.initial[0].values["
                           "1]: address 10 outside"));
  EXPECT_THAT(
      m,
      HasSubstr("\"shrug\" is not one of answer, ignore, gateway_exception"));
  EXPECT_THAT(m, HasSubstr("profile.modbus.supported_functions[1]"));
  EXPECT_EQ(m.find('\n'), std::string::npos);
}

TEST(ProfileTest, UnknownKeysAreReported) {
  auto p = ParseProfile(R"({"name": "x", "s7": {"max_pdu": 480}})", "t");
  ASSERT_FALSE(p.ok());
  EXPECT_THAT(p.status().message(),
              HasSubstr("profile.s7.max_pdu: unknown key"));
}

TEST(ProfileTest, S7SectionReadsAreasAndSzl) {
  auto p = ParseProfile(R"({"name": "x", "s7": {
      "identity": {"module_name": "CPU"},
      "max_pdu_size": 480, "accepted_tsaps": ["0x0102"],
      "areas": [{"kind": "db", "db_number": 5, "size": 4,
                 "initial": [{"offset": 1, "hex": "aabb"}]},
                {"kind": "m", "size": 8}],
      "szl": [{"id": "0x0011", "index": 1, "record_length": 2,
               "records": ["0102", "0304"]}]}})",
                        "t");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->s7.max_pdu_size, 480);
  EXPECT_EQ(p->s7.accepted_tsaps, std::vector<uint16_t>{0x0102});
  ASSERT_NE(p->s7.FindArea(S7AreaKind::kDataBlock, 5), nullptr);
  EXPECT_EQ(p->s7.FindArea(S7AreaKind::kDataBlock, 5)->initial.at(1),
            (Bytes{0xaa, 0xbb}));
  EXPECT_EQ(p->s7.FindArea(S7AreaKind::kDataBlock, 6), nullptr);
  ASSERT_NE(p->s7.FindSzl(0x11, 1), nullptr);
  EXPECT_EQ(p->s7.FindSzl(0x11, 1)->records.size(), 2u);
}

TEST(ProfileTest, SzlRecordOfWrongLengthIsRejected) {
  auto p = ParseProfile(R"({"name": "x", "s7": {"szl": [
      {"id": 17, "index": 0, "record_length": 3, "records": ["01"]}]}})",
                        "t");
  ASSERT_FALSE(p.ok());
  EXPECT_THAT(p.status().message(),
              HasSubstr("profile.s7.szl[0].records[0]: record of 1 bytes"));
}

}  // namespace
}  // namespace protolm::device
