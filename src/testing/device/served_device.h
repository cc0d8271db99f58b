// Test support: what answers on a loopback port in the interop tests of this
// folder — the simulator of a built-in profile, or the honeypot serving a
// clone of it as `protolm clone` leaves it before any training (an untrained
// model with the device rules learned from a boundaries probe of the
// simulator). What the learned rules, the state overlay and the validity
// guard give on their own is what the tests compare with the simulator.
// Header-only.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "device/device_server.h"
#include "device/profile.h"
#include "device/s7/s7_handler.h"
#include "proto/registry/protocol_table.h"
#include "testing/device/simulator_probe.h"
#include "honeypot/honeypot.h"
#include "testing/device/honeypot_model.h"
#include "testing/scratch_dir.h"

namespace protolm::testing {

enum class Served { kSimulator, kClone };

/// The test-name suffix of a parameter: "Simulator" or "Clone".
inline std::string ServedName(const ::testing::TestParamInfo<Served>& info) {
  return info.param == Served::kSimulator ? "Simulator" : "Clone";
}

/// The simulator or the clone of `profile`, speaking `protocol`, on an
/// ephemeral loopback port; stopped when destroyed.
class ServedDevice {
 public:
  /// False (with a test failure) when it cannot start; the clone learns its
  /// rules from `probe_size` exchanges.
  bool Start(Served served, const std::string& profile,
             const std::string& protocol, size_t probe_size) {
    if (served == Served::kClone) return StartClone(profile, protocol, probe_size);
    auto device = device::BuiltinProfile(profile);
    EXPECT_TRUE(device.ok()) << device.status().message();
    if (!device.ok()) return false;
    auto server =
        device::StartDeviceServer(*device, device::s7::ServeOnly(protocol));
    EXPECT_TRUE(server.ok()) << server.status().message();
    if (!server.ok()) return false;
    server_ = std::move(server).value();
    port_ = server_->PortOf(protocol);
    return true;
  }
  ~ServedDevice() {
    if (server_) server_->Stop();
    if (clone_) clone_->Stop();
  }
  uint16_t port() const { return port_; }

 private:
  bool StartClone(const std::string& profile, const std::string& protocol,
                  size_t probe_size) {
    // The rules the probe reveals, without a starting memory.
    const Protocol* served = FindProtocol(protocol);
    EXPECT_NE(served, nullptr) << protocol;
    if (served == nullptr) return false;
    const std::unique_ptr<DeviceKnowledge> known = served->LearnDevice(
        testing::ProbeSimulator(profile, protocol, probe_size), {}, nullptr);
    EXPECT_NE(known, nullptr);
    const std::string model = scratch_.Path(profile + ".plm");
    if (!testing::WriteUntrainedModel(model, protocol, profile, 1,
                                      known.get())) {
      ADD_FAILURE() << "cannot write " << model;
      return false;
    }
    honeypot::HoneypotOptions options;
    options.listeners.push_back({model, "127.0.0.1", 0});
    auto clone = honeypot::StartHoneypot(options);
    EXPECT_TRUE(clone.ok()) << clone.status().message();
    if (!clone.ok()) return false;
    clone_ = std::move(clone).value();
    port_ = clone_->listeners().front().port;
    return true;
  }

  ScratchDir scratch_;
  std::unique_ptr<device::DeviceServer> server_;
  std::unique_ptr<honeypot::Honeypot> clone_;
  uint16_t port_ = 0;
};

}  // namespace protolm::testing
