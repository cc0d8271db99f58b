// End-to-end probes against the in-process device simulator: every response
// the simulator gives passes the metrics validator, the dataset holds the
// exceptions and functions the probe aimed for, the pcap is written, and a
// restoring probe's reads show the same memory throughout (Modbus and S7).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "device/device_server.h"
#include "device/s7/s7_handler.h"
#include "proto/modbus/modbus_validator.h"
#include "proto/modbus/adu.h"
#include "proto/modbus/modbus_probe_settings.h"
#include "device/profile_rules.h"
#include "proto/s7comm/s7_validator.h"
#include "probe/probe_run.h"
#include "proto/s7comm/message.h"
#include "testing/scratch_dir.h"

namespace protolm::probe {
namespace {

std::vector<nlohmann::json> ReadRecords(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) out.push_back(nlohmann::json::parse(line));
  return out;
}

Bytes HexOf(const nlohmann::json& v) {
  return v.is_string() ? FromHex(v.get<std::string>()).value() : Bytes{};
}

struct Served {
  device::DeviceProfile profile;
  std::unique_ptr<device::DeviceServer> server;
};

Served Serve(const std::string& name) {
  auto profile = device::BuiltinProfile(name);
  EXPECT_TRUE(profile.ok()) << profile.status().message();
  if (!profile.ok()) return {};
  Served s{std::move(profile).value(), nullptr};
  device::ServeOptions options;
  if (name.rfind("s7", 0) == 0) {
    options.modbus_port = std::nullopt;
    options.s7_handler = device::s7::MakeS7Handler;
  } else {
    options.s7_port = std::nullopt;
  }
  auto server = device::StartDeviceServer(s.profile, options);
  EXPECT_TRUE(server.ok()) << server.status().message();
  if (server.ok()) s.server = std::move(server).value();
  return s;
}

TEST(ProbeEndToEnd, ModbusBoundariesProbeIsValidAndCoversExceptions) {
  Served device = Serve("wago-750-881");
  ASSERT_NE(device.server, nullptr);
  testing::ScratchDir dir;
  ProbeOptions o;
  o.port = device.server->modbus_port();
  o.config = DefaultProbeConfig("modbus").value();
  o.size = 1600;
  o.context = 2;
  o.dataset_path = dir.Path("probe.jsonl");
  o.pcap_path = dir.Path("probe.pcap");
  auto summary = RunProbe(o);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->tally.exchanges, 1600u);
  EXPECT_EQ(summary->tally.unanswered, 0u);
  EXPECT_GT(std::filesystem::file_size(dir.Path("probe.pcap")), 1000u);

  const modbus::ModbusRules rules =
      device::ModbusRulesFromProfile(device.profile);
  std::set<int> exception_codes;
  std::set<int> fc15_exceptions;
  std::set<uint8_t> functions;
  size_t invalid = 0;
  for (const nlohmann::json& r : ReadRecords(o.dataset_path)) {
    Bytes request = HexOf(r["request"]);
    Bytes response = HexOf(r["response"]);
    ASSERT_LE(r["context"].size(), 2u);
    Status valid = modbus::ValidateModbusResponse(request, response, rules);
    if (!valid.ok() && ++invalid <= 5)
      ADD_FAILURE() << r["id"] << " " << r["request"] << " -> " << r["response"]
                    << ": " << valid.message();
    ASSERT_GE(response.size(), 9u);
    functions.insert(request[7]);
    if (response[7] & 0x80) {
      exception_codes.insert(response[8]);
      if (request[7] == 15) fc15_exceptions.insert(response[8]);
    }
  }
  EXPECT_EQ(invalid, 0u);
  EXPECT_TRUE(exception_codes.count(1) && exception_codes.count(2) &&
              exception_codes.count(3));
  EXPECT_EQ(fc15_exceptions, (std::set<int>{2, 3}));
  for (uint8_t f : modbus::DefaultModbusProbeConfig().function_codes)
    EXPECT_TRUE(functions.count(f)) << int(f);
}

/// How many coil and holding register values the probe's reads showed that
/// differ from what an earlier read of the same address showed.
size_t ModbusReadsThatChanged(const std::string& dataset) {
  std::map<std::pair<uint8_t, uint32_t>, uint16_t> first;
  size_t changed = 0;
  for (const nlohmann::json& r : ReadRecords(dataset)) {
    auto request = modbus::DecodeRequestAdu(HexOf(r["request"]));
    auto response = modbus::DecodeResponseAdu(HexOf(r["response"]));
    if (!request.ok() || !response.ok()) continue;
    const auto* read = std::get_if<modbus::ReadRequest>(&request->pdu.body);
    if (read == nullptr) continue;
    std::vector<uint16_t> values;
    const auto& body = response->pdu.body;
    if (const auto* bits = std::get_if<modbus::BitsResponse>(&body);
        bits && request->pdu.function == modbus::fc::kReadCoils) {
      for (bool b : modbus::UnpackBits(bits->packed, read->quantity))
        values.push_back(b);
    } else if (const auto* regs = std::get_if<modbus::RegistersResponse>(&body);
               regs && request->pdu.function ==
                           modbus::fc::kReadHoldingRegisters) {
      values = regs->registers;
    }
    for (size_t i = 0; i < values.size(); ++i) {
      auto [it, inserted] = first.emplace(
          std::pair{request->pdu.function, read->address + i}, values[i]);
      if (!inserted && it->second != values[i]) ++changed;
    }
  }
  return changed;
}

/// The same for the bytes of S7 byte items that read var answers showed.
size_t S7ReadsThatChanged(const std::string& dataset) {
  using namespace s7comm;  // NOLINT
  std::map<std::tuple<uint8_t, uint16_t, uint32_t>, uint8_t> first;
  size_t changed = 0;
  for (const nlohmann::json& r : ReadRecords(dataset)) {
    const MessageDecoding request =
        DecodeMessage(HexOf(r["request"]), FieldMode::kSkip);
    const MessageDecoding response =
        DecodeMessage(HexOf(r["response"]), FieldMode::kSkip);
    if (!request.s7 || !response.s7) continue;
    const auto* job = std::get_if<ReadVarRequest>(&request.s7->body);
    const auto* ack = std::get_if<ReadVarResponse>(&response.s7->body);
    if (job == nullptr || ack == nullptr ||
        job->items.size() != ack->items.size())
      continue;
    for (size_t k = 0; k < job->items.size(); ++k) {
      const auto* p = std::get_if<AnyPointer>(&job->items[k]);
      const DataItem& data = ack->items[k];
      if (p == nullptr || p->type != ItemType::kByte ||
          data.return_code != static_cast<uint8_t>(ReturnCode::kSuccess))
        continue;
      for (size_t i = 0; i < data.value.size(); ++i) {
        auto [it, inserted] = first.emplace(
            std::tuple{static_cast<uint8_t>(p->area), p->db,
                       static_cast<uint32_t>(p->byte_offset + i)},
            data.value[i]);
        if (!inserted && it->second != data.value[i]) ++changed;
      }
    }
  }
  return changed;
}

/// Probes `profile` with and without restoring writes: with it no address
/// read shows two values (`changed` counts those that do); without it later
/// reads show the probe's own random writes.
void ExpectRestoringLeavesTheMemory(const std::string& profile,
                                    const std::string& protocol,
                                    size_t (*changed)(const std::string&)) {
  for (const bool restore : {true, false}) {
    Served device = Serve(profile);
    ASSERT_NE(device.server, nullptr);
    testing::ScratchDir dir;
    ProbeOptions o;
    o.port = protocol == "modbus" ? device.server->modbus_port()
                                  : device.server->s7_port();
    const nlohmann::json config = {{"protocol", protocol},
                                   {"restore_writes", restore}};
    o.config = ParseProbeConfig(config.dump(), "test").value();
    o.size = 800;
    o.dataset_path = dir.Path("probe.jsonl");
    auto summary = RunProbe(o);
    ASSERT_TRUE(summary.ok()) << summary.status().message();
    // Every request counts towards the size; the S7 connection requests are
    // recorded besides them.
    EXPECT_EQ(summary->tally.exchanges - summary->tally.control, 800u);
    if (restore) {
      EXPECT_EQ(changed(o.dataset_path), 0u) << protocol;
    } else {
      EXPECT_GT(changed(o.dataset_path), 100u) << protocol;
    }
  }
}

TEST(ProbeEndToEnd, ARestoringProbeLeavesTheMemoryAsItFoundIt) {
  ExpectRestoringLeavesTheMemory("wago-750-881", "modbus",
                                 ModbusReadsThatChanged);
  ExpectRestoringLeavesTheMemory("s7-315-2pn", "s7comm", S7ReadsThatChanged);
}

TEST(ProbeEndToEnd, WeightedProbeOfProcessVariables) {
  Served device = Serve("wago-750-881");
  ASSERT_NE(device.server, nullptr);
  testing::ScratchDir dir;
  ProbeOptions o;
  o.port = device.server->modbus_port();
  o.config = DefaultProbeConfig("modbus").value();
  o.strategy = "weighted";
  o.size = 120;
  o.dataset_path = dir.Path("weighted.jsonl");
  auto summary = RunProbe(o);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->tally.exchanges, 120u);
  const modbus::ModbusRules rules =
      device::ModbusRulesFromProfile(device.profile);
  for (const nlohmann::json& r : ReadRecords(o.dataset_path)) {
    Status valid = modbus::ValidateModbusResponse(HexOf(r["request"]),
                                                   HexOf(r["response"]), rules);
    EXPECT_TRUE(valid.ok()) << r["request"] << ": " << valid.message();
    EXPECT_EQ(r["status"], "normal");
  }

  // A process whose input is a coil (the tank's pump) is switched with FC5.
  modbus::ProcessVariable pump;
  pump.name = "tank";
  pump.input_table = 0;
  pump.input_address = 100;
  pump.output_address = 200;
  pump.input_min = 0;
  pump.input_max = 1;
  pump.output_type = modbus::OutputType::kUint16;
  modbus::ModbusProbeConfig tank = modbus::DefaultModbusProbeConfig();
  tank.process_variables = {pump};
  o.config.settings = std::make_shared<modbus::ModbusProbeSettings>(tank);
  o.size = 20;
  o.dataset_path = dir.Path("tank.jsonl");
  ASSERT_TRUE(RunProbe(o).ok());
  std::map<std::string, size_t> functions;
  for (const nlohmann::json& r : ReadRecords(o.dataset_path)) {
    EXPECT_EQ(r["status"], "normal") << r["request"];
    ++functions[r["function"].get<std::string>()];
  }
  EXPECT_EQ(functions["write_single_coil"], 10u);
  EXPECT_EQ(functions["read_input_registers"], 10u);
}

TEST(ProbeEndToEnd, S7BoundariesProbeIsValidAndReadsSzl) {
  Served device = Serve("s7-315-2pn");
  ASSERT_NE(device.server, nullptr);
  testing::ScratchDir dir;
  ProbeOptions o;
  o.port = device.server->s7_port();
  o.config = DefaultProbeConfig("s7comm").value();
  o.size = 600;
  o.dataset_path = dir.Path("s7.jsonl");
  o.pcap_path = dir.Path("s7.pcap");
  auto summary = RunProbe(o);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  // A fresh connection every 100 requests, each with a COTP connect
  // (control) and a setup communication.
  EXPECT_EQ(summary->connections, 6u);
  EXPECT_EQ(summary->tally.exchanges, 606u);
  EXPECT_EQ(summary->tally.control, 6u);
  const s7comm::S7Rules rules = device::S7RulesFromProfile(device.profile);
  size_t invalid = 0;
  std::map<std::string, size_t> functions;
  for (const nlohmann::json& r : ReadRecords(o.dataset_path)) {
    Status valid = s7comm::ValidateS7Response(HexOf(r["request"]),
                                               HexOf(r["response"]), rules);
    if (!valid.ok() && ++invalid <= 5)
      ADD_FAILURE() << r["id"] << " " << r["request"] << " -> " << r["response"]
                    << ": " << valid.message();
    ++functions[r["function"].get<std::string>()];
  }
  EXPECT_EQ(invalid, 0u);
  EXPECT_GT(functions["szl_read"], 5u);
  EXPECT_GT(functions["read_var"], 100u);
  EXPECT_GT(functions["write_var"], 100u);
}

TEST(ProbeEndToEnd, UnreachableTargetIsAnError) {
  testing::ScratchDir dir;
  ProbeOptions o;
  o.port = 1;  // nothing listens on port 1 of loopback
  o.config = DefaultProbeConfig("modbus").value();
  o.size = 5;
  o.dataset_path = dir.Path("none.jsonl");
  auto summary = RunProbe(o);
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.status().message().find("connect 127.0.0.1:1"),
            std::string::npos)
      << summary.status().message();
}

}  // namespace
}  // namespace protolm::probe
