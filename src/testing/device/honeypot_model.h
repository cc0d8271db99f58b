// Test support: checkpoints of untrained models for serving tests.
//
// A tiny transformer with random weights knows nothing of the device, but
// under the response grammar every answer it gives is valid, and the state
// overlay and the validity guard work on it exactly as on a trained clone.
// So the honeypot's own behaviour (sockets, sessions, state, guard, events)
// is tested here in milliseconds, without training. A model "cloned from" a
// built-in profile carries that profile's rules as what it learned (a clone's
// boundaries probe learns exactly those), unless the test gives its own.
#pragma once

#include <memory>
#include <string>

#include "device/profile.h"
#include "device/profile_rules.h"
#include "lm/engine/checkpoint.h"
#include "lm/engine/model_config.h"
#include "lm/engine/weights.h"
#include "proto/device_knowledge.h"
#include "proto/registry/protocol_table.h"

namespace protolm::testing {

/// Writes a random tiny model of `protocol` cloned from `profile` to `path`,
/// with `known` as what it learned of its device (null: the built-in
/// profile's rules, or nothing when `profile` is empty or not built in);
/// false when it cannot.
inline bool WriteUntrainedModel(const std::string& path,
                                const std::string& protocol,
                                const std::string& profile, uint64_t seed = 1,
                                const DeviceKnowledge* known = nullptr) {
  auto config = lm::PresetConfig("tiny");
  if (!config.ok()) return false;
  lm::Checkpoint checkpoint{*config, lm::RandomWeights(*config, seed, 0.5f),
                            lm::Provenance{}};
  checkpoint.provenance.protocol = protocol;
  checkpoint.provenance.profile = profile;
  checkpoint.provenance.extra = {{"context", 0}};
  std::shared_ptr<const DeviceKnowledge> from_profile;
  const Protocol* served = FindProtocol(protocol);
  auto builtin = device::BuiltinProfile(profile);
  if (known == nullptr && served != nullptr && builtin.ok()) {
    from_profile = device::KnowledgeFromProfile(*builtin, *served);
    known = from_profile.get();
  }
  if (known != nullptr) known->Store(&checkpoint.provenance.extra);
  return lm::SaveCheckpoint(path, checkpoint).ok();
}

}  // namespace protolm::testing
