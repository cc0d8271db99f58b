// The guard's fallback answers every request of a real probe validly under
// the device's own rules, and the guard passes valid answers through.
#include "honeypot/validity_guard.h"

#include <gtest/gtest.h>

#include "emu/simulator_probe_test_support.h"
#include "honeypot/honeypot_test_support.h"
#include "metrics/response_validator.h"
#include "testing/scratch_dir.h"

namespace protolm::honeypot {
namespace {

std::unique_ptr<ServedModel> Untrained(const std::string& protocol,
                                       const std::string& profile) {
  protolm::testing::ScratchDir dir;
  std::string path = dir.Path("m.plm");
  EXPECT_TRUE(testing::WriteUntrainedModel(path, protocol, profile));
  auto model = LoadServedModel(path);
  EXPECT_TRUE(model.ok()) << model.status().message();
  return model.ok() ? std::move(*model) : nullptr;
}

void ExpectFallbacksValid(const std::string& profile,
                          const std::string& protocol) {
  auto model = Untrained(protocol, profile);
  ASSERT_NE(model, nullptr);
  EXPECT_TRUE(model->guard_rules.modbus.device_known || protocol != "modbus");
  EXPECT_TRUE(model->guard_rules.s7.device_known || protocol != "s7comm");
  auto exchanges = emu::testing::ProbeSimulator(profile, protocol, 400);
  ASSERT_GE(exchanges.size(), 400u);
  size_t invalid = 0;
  for (const auto& e : exchanges) {
    // The simulator's own answer is valid and passes untouched.
    GuardedResponse real = GuardResponse(*model, e.request, e.response);
    EXPECT_EQ(real.action, "") << ToHex(e.request) << ": " << real.reason;
    EXPECT_EQ(real.bytes, e.response);
    // With no usable model answer the fallback is sent, and it is valid.
    GuardedResponse fallback =
        GuardResponse(*model, e.request, Internal("no answer"));
    EXPECT_EQ(fallback.action, "fallback");
    EXPECT_FALSE(fallback.model_valid);
    Status valid = metrics::ValidateResponse(
        protocol, e.request, fallback.bytes, model->guard_rules.modbus,
        model->guard_rules.s7);
    if (!valid.ok() && ++invalid <= 5)
      ADD_FAILURE() << ToHex(e.request) << " -> " << ToHex(fallback.bytes)
                    << ": " << valid.message();
  }
  EXPECT_EQ(invalid, 0u);
}

TEST(ValidityGuardTest, ModbusFallbacksAreValidForTheWagoProfile) {
  ExpectFallbacksValid("wago-750-881", "modbus");
}

TEST(ValidityGuardTest, S7FallbacksAreValidForTheS7Profile) {
  ExpectFallbacksValid("s7-315-2pn", "s7comm");
}

TEST(ValidityGuardTest, AnEchoedRequestIsReplaced) {
  // LLMPot's giveaway: echoing the request. The guard never lets it out.
  auto model = Untrained("modbus", "wago-750-881");
  ASSERT_NE(model, nullptr);
  Bytes read = *FromHex("000100000006010300000002");
  GuardedResponse guarded = GuardResponse(*model, read, read);
  EXPECT_EQ(guarded.action, "fallback");
  EXPECT_NE(guarded.reason, "");
  EXPECT_EQ(ToHex(guarded.bytes), "00010000000701030400000000");
}

}  // namespace
}  // namespace protolm::honeypot
