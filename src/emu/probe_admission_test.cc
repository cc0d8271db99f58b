// Every exchange of a real probe of the reference simulator is admitted by
// the response grammar, and replaying the probe through the state overlay
// changes no response of the simulator (it returns what was written).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "device/device_server.h"
#include "device/profile.h"
#include "device/s7/s7_handler.h"
#include "emu/emu_test_support.h"
#include "emu/response_constraint.h"
#include "emu/state_overlay.h"
#include "probe/probe_run.h"
#include "testing/scratch_dir.h"

namespace protolm::emu {
namespace {

struct Exchange {
  Bytes request, response;
};

/// Probes the built-in profile `name` with the boundaries strategy.
std::vector<Exchange> Probe(const std::string& name,
                            const std::string& protocol) {
  auto profile = device::BuiltinProfile(name);
  EXPECT_TRUE(profile.ok()) << profile.status().message();
  if (!profile.ok()) return {};
  device::ServeOptions serve;
  if (protocol == "s7comm") {
    serve.modbus_port = std::nullopt;
    serve.s7_handler = device::s7::MakeS7Handler;
  } else {
    serve.s7_port = std::nullopt;
  }
  auto server = device::StartDeviceServer(*profile, serve);
  EXPECT_TRUE(server.ok()) << server.status().message();
  if (!server.ok()) return {};
  ::protolm::testing::ScratchDir dir;
  probe::ProbeOptions o;
  o.port =
      protocol == "s7comm" ? (*server)->s7_port() : (*server)->modbus_port();
  o.config = probe::DefaultProbeConfig(protocol).value();
  o.size = 400;
  o.dataset_path = dir.Path("probe.jsonl");
  auto summary = probe::RunProbe(o);
  EXPECT_TRUE(summary.ok()) << summary.status().message();
  std::vector<Exchange> out;
  std::ifstream in(o.dataset_path);
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json r = nlohmann::json::parse(line);
    auto hex = [](const nlohmann::json& v) {
      return v.is_string() ? FromHex(v.get<std::string>()).value() : Bytes{};
    };
    out.push_back({hex(r["request"]), hex(r["response"])});
  }
  return out;
}

void ExpectAllAdmitted(const std::string& name, const std::string& protocol) {
  std::vector<Exchange> exchanges = Probe(name, protocol);
  EXPECT_GE(exchanges.size(), 400u);
  size_t refused = 0;
  StateOverlay overlay(protocol);
  size_t changed = 0;
  for (const Exchange& e : exchanges) {
    auto c = MakeResponseConstraint(protocol, e.request);
    ASSERT_NE(c, nullptr);
    size_t where = 0;
    if (!testing::Admits(*c, e.response, &where) && ++refused <= 5)
      ADD_FAILURE() << ToHex(e.request) << " -> " << ToHex(e.response)
                    << " refused at byte " << where;
    changed += overlay.Apply(e.request, e.response) != e.response;
    overlay.Observe(e.request, e.response);
  }
  EXPECT_EQ(refused, 0u);
  EXPECT_EQ(changed, 0u) << "the overlay contradicted the simulator";
}

TEST(ProbeAdmission, ModbusSimulatorAnswersAreAdmitted) {
  ExpectAllAdmitted("wago-750-881", "modbus");
}

TEST(ProbeAdmission, S7SimulatorAnswersAreAdmitted) {
  ExpectAllAdmitted("s7-315-2pn", "s7comm");
}

}  // namespace
}  // namespace protolm::emu
