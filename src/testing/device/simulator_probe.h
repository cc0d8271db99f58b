// Test support: a boundaries probe of the reference simulator, as the
// exchanges the tests of grammars, the overlay and the honeypot's guard
// check against. Header-only; the including test links protolm_device,
// protolm_device_s7 and protolm_probe.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "device/device_server.h"
#include "device/profile.h"
#include "device/s7/s7_handler.h"
#include "lm/engine/tokens.h"
#include "probe/probe_run.h"
#include "testing/scratch_dir.h"
#include "util/bytes.h"

namespace protolm::testing {

using Exchange = ByteExchange;

/// Every other exchange, from the first (parity 0) or the second (1): two
/// halves of a probe, one to learn from, one held out.
inline std::vector<Exchange> EveryOther(const std::vector<Exchange>& in,
                                        size_t parity) {
  std::vector<Exchange> out;
  for (size_t i = parity; i < in.size(); i += 2) out.push_back(in[i]);
  return out;
}

/// Probes the built-in profile `name` (served in-process on loopback) with
/// the boundaries strategy: `size` exchanges in probe order.
inline std::vector<Exchange> ProbeSimulator(const std::string& name,
                                            const std::string& protocol,
                                            size_t size) {
  auto profile = device::BuiltinProfile(name);
  EXPECT_TRUE(profile.ok()) << profile.status().message();
  if (!profile.ok()) return {};
  auto server =
      device::StartDeviceServer(*profile, device::s7::ServeOnly(protocol));
  EXPECT_TRUE(server.ok()) << server.status().message();
  if (!server.ok()) return {};
  ::protolm::testing::ScratchDir dir;
  probe::ProbeOptions o;
  o.port = (*server)->PortOf(protocol);
  o.config = probe::DefaultProbeConfig(protocol).value();
  o.size = size;
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

}  // namespace protolm::testing
