// Probe configurations: defaults per protocol, JSON overrides, and one-line
// errors with the JSON path.
#include "probe/probe_config.h"

#include <gtest/gtest.h>

#include "proto/modbus/modbus_probe_settings.h"
#include "proto/s7comm/s7_probe_settings.h"

namespace protolm::probe {
namespace {

const modbus::ModbusProbeConfig& Modbus(const ProbeConfig& c) {
  return dynamic_cast<const modbus::ModbusProbeSettings&>(*c.settings)
      .config();
}

const s7comm::S7ProbeConfig& S7(const ProbeConfig& c) {
  return dynamic_cast<const s7comm::S7ProbeSettings&>(*c.settings).config();
}

TEST(ProbeConfig, DefaultsPerProtocol) {
  auto modbus = DefaultProbeConfig("modbus");
  ASSERT_TRUE(modbus.ok());
  EXPECT_FALSE(Modbus(*modbus).function_codes.empty());
  auto s7 = DefaultProbeConfig("s7comm");
  ASSERT_TRUE(s7.ok());
  EXPECT_FALSE(S7(*s7).szl.empty());
  EXPECT_TRUE(modbus->limits().restore_writes && s7->limits().restore_writes);
  EXPECT_EQ(s7->limits().requests_per_connection, 100u);
  EXPECT_EQ(ProbeableProtocolNames(), "modbus, s7comm");
  EXPECT_FALSE(DefaultProbeConfig("dnp3").ok());
}

TEST(ProbeConfig, OverridesDefaults) {
  auto c = ParseProbeConfig(
      R"({"protocol": "modbus", "function_codes": [1, 3], "max_elements": 10,
          "holding_registers": {"start": 100, "count": 50},
          "restore_writes": false,
          "process_variables": [{"name": "t", "input_address": 1,
            "input_table": 0, "input_min": 0, "input_max": 1,
            "output_address": 2, "output_type": "float32"}]})",
      "p.json");
  ASSERT_TRUE(c.ok()) << c.status().message();
  const modbus::ModbusProbeConfig& m = Modbus(*c);
  EXPECT_EQ(m.function_codes, (std::vector<uint8_t>{1, 3}));
  EXPECT_EQ(c->limits().max_elements, 10);
  EXPECT_EQ(m.holding_registers.start, 100u);
  EXPECT_EQ(m.coils.count, 1024u);  // kept from the default
  EXPECT_FALSE(c->limits().restore_writes);
  ASSERT_EQ(m.process_variables.size(), 1u);
  EXPECT_EQ(m.process_variables[0].output_type, modbus::OutputType::kFloat32);
  EXPECT_EQ(m.process_variables[0].input_table, 0);
  EXPECT_EQ(c->settings->process_outputs().size(), 1u);

  auto s7 = ParseProbeConfig(
      R"({"protocol": "s7comm", "s7": {"areas": [{"area": "db", "db": 5, "size": 64}],
          "szl": [{"id": 17, "index": 0}]}})",
      "s.json");
  ASSERT_TRUE(s7.ok()) << s7.status().message();
  ASSERT_EQ(S7(*s7).s7_areas.size(), 1u);
  EXPECT_EQ(S7(*s7).s7_areas[0].db, 5);
  EXPECT_EQ(s7->limits().max_elements, 24);  // the S7 default
}

TEST(ProbeConfig, ErrorsNameTheField) {
  auto unknown =
      ParseProbeConfig(R"({"protocol": "modbus", "colis": {}})", "p.json");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(),
            "p.json: colis: unknown key (see docs/probe-and-metrics.md)");
  auto range = ParseProbeConfig(
      R"({"protocol": "modbus", "coils": {"start": 65000, "count": 1000}})",
      "p.json");
  ASSERT_FALSE(range.ok());
  EXPECT_NE(range.status().message().find("coils.count"), std::string::npos);
  auto area = ParseProbeConfig(
      R"({"protocol": "s7comm", "s7": {"areas": [{"area": "x", "size": 4}]}})",
      "s.json");
  ASSERT_FALSE(area.ok());
  EXPECT_NE(area.status().message().find("s7.areas[0].area"),
            std::string::npos);
  auto coil = ParseProbeConfig(
      R"({"protocol": "modbus", "process_variables": [{"input_table": 0,
          "input_address": 100, "output_address": 200, "input_min": 0,
          "input_max": 5}]})",
      "p.json");
  ASSERT_FALSE(coil.ok());
  EXPECT_EQ(coil.status().message(),
            "p.json: process_variables[0].input_min: a coil input takes 0..1");
  auto restore = ParseProbeConfig(
      R"({"protocol": "s7comm", "restore_writes": 1})", "s.json");
  ASSERT_FALSE(restore.ok());
  EXPECT_EQ(restore.status().message(),
            "s.json: restore_writes: must be true or false");
  EXPECT_FALSE(ParseProbeConfig("[1]", "p.json").ok());
  EXPECT_FALSE(ParseProbeConfig(R"({"protocol": "x"})", "p.json").ok());
  auto missing = ParseProbeConfig(R"({"coils": {}})", "p.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(),
            "p.json: protocol: must name a protocol (use modbus, s7comm)");
  auto s7_in_modbus =
      ParseProbeConfig(R"({"protocol": "modbus", "s7": {}})", "p.json");
  ASSERT_FALSE(s7_in_modbus.ok());
  EXPECT_EQ(s7_in_modbus.status().message(),
            "p.json: s7: unknown key (see docs/probe-and-metrics.md)");
}

}  // namespace
}  // namespace protolm::probe
