// A clone that learned its device from half of a probe: the guard passes the
// device's own answers through, and its fallback answers every request of the
// probe validly under the device's real rules (its profile's).
#include "honeypot/validity_guard.h"

#include <gtest/gtest.h>

#include "device/profile.h"
#include "device/profile_rules.h"
#include "proto/registry/protocol_table.h"
#include "testing/device/honeypot_model.h"
#include "testing/device/simulator_probe.h"
#include "testing/scratch_dir.h"

namespace protolm::honeypot {
namespace {

std::unique_ptr<ServedModel> Untrained(const std::string& protocol,
                                       const std::string& profile,
                                       const DeviceKnowledge* known) {
  protolm::testing::ScratchDir dir;
  std::string path = dir.Path("m.plm");
  EXPECT_TRUE(testing::WriteUntrainedModel(path, protocol, profile, 1, known));
  auto model = LoadServedModel(path);
  EXPECT_TRUE(model.ok()) << model.status().message();
  return model.ok() ? std::move(*model) : nullptr;
}

void ExpectFallbacksValid(const std::string& profile,
                          const std::string& protocol) {
  auto exchanges = testing::ProbeSimulator(profile, protocol, 400);
  ASSERT_GE(exchanges.size(), 400u);
  const Protocol& served = *FindProtocol(protocol);
  const std::vector<ByteExchange> half(exchanges.begin(),
                                       exchanges.begin() + 200);
  const std::unique_ptr<DeviceKnowledge> learned =
      served.LearnDevice(half, {}, nullptr);
  const std::shared_ptr<const DeviceKnowledge> truth =
      device::KnowledgeFromProfile(device::BuiltinProfile(profile).value(),
                                   served);
  auto model = Untrained(protocol, profile, learned.get());
  ASSERT_NE(model, nullptr);
  ASSERT_NE(model->known, nullptr);
  size_t invalid = 0;
  for (const auto& e : exchanges) {
    const auto request = model->protocol->DecodeRequest(e.request);
    // The simulator's own answer is valid and passes untouched.
    GuardedResponse real = GuardResponse(*model, *request, e.response);
    EXPECT_EQ(real.action, "") << ToHex(e.request) << ": " << real.reason;
    EXPECT_EQ(real.bytes, e.response);
    // With no usable model answer the fallback is sent, and it is valid.
    GuardedResponse fallback =
        GuardResponse(*model, *request, Internal("no answer"));
    EXPECT_EQ(fallback.action, "fallback");
    EXPECT_FALSE(fallback.model_valid);
    Status valid =
        served.ValidateResponse(e.request, fallback.bytes, truth.get());
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
  auto model = Untrained("modbus", "wago-750-881", nullptr);
  ASSERT_NE(model, nullptr);
  Bytes read = *FromHex("000100000006010300000002");
  GuardedResponse guarded =
      GuardResponse(*model, *model->protocol->DecodeRequest(read), read);
  EXPECT_EQ(guarded.action, "fallback");
  EXPECT_NE(guarded.reason, "");
  EXPECT_EQ(ToHex(guarded.bytes), "00010000000701030400000000");
}

}  // namespace
}  // namespace protolm::honeypot
