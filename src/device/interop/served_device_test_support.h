// Test support: the honeypot serving a clone of a built-in profile as
// `protolm clone` leaves it before any training — an untrained model with the
// device rules learned from a boundaries probe of the simulator. What the
// learned rules, the state overlay and the validity guard give on their own
// is what the interop tests of this folder compare with the simulator.
// Header-only.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "emu/device_rules.h"
#include "emu/simulator_probe_test_support.h"
#include "honeypot/honeypot.h"
#include "honeypot/honeypot_test_support.h"

namespace protolm::testing {

/// Serves the clone of `profile` (its `protocol`) on an ephemeral loopback
/// port; the model is written to `model_path`. Null (with a test failure)
/// when the rules are not learned or the honeypot does not start.
inline std::unique_ptr<honeypot::Honeypot> ServeLearnedClone(
    const std::string& profile, const std::string& protocol,
    size_t probe_size, const std::string& model_path) {
  const emu::DeviceRules rules = emu::LearnDeviceRules(
      protocol, emu::testing::ProbeSimulator(profile, protocol, probe_size),
      nullptr);
  EXPECT_TRUE(protocol == "modbus" ? rules.modbus.device_known
                                   : rules.s7.device_known);
  if (!honeypot::testing::WriteUntrainedModel(model_path, protocol, profile, 1,
                                              rules)) {
    ADD_FAILURE() << "cannot write " << model_path;
    return nullptr;
  }
  honeypot::HoneypotOptions options;
  options.listeners.push_back({model_path, "127.0.0.1", 0});
  auto clone = honeypot::StartHoneypot(options);
  EXPECT_TRUE(clone.ok()) << clone.status().message();
  return clone.ok() ? std::move(clone).value() : nullptr;
}

}  // namespace protolm::testing
