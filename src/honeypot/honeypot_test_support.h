// Test support: checkpoints of untrained models for serving tests.
//
// A tiny transformer with random weights knows nothing of the device, but
// under the response grammar every answer it gives is valid, and the state
// overlay and the validity guard work on it exactly as on a trained clone.
// So the honeypot's own behaviour (sockets, sessions, state, guard, events)
// is tested here in milliseconds, without training.
#pragma once

#include <string>

#include "emu/device_rules.h"
#include "lm/engine/checkpoint.h"
#include "lm/engine/model_config.h"
#include "lm/engine/weights.h"

namespace protolm::honeypot::testing {

/// Writes a random tiny model of `protocol` cloned from `profile` to `path`,
/// with `rules` as the device rules it learned; false when it cannot.
inline bool WriteUntrainedModel(const std::string& path,
                                const std::string& protocol,
                                const std::string& profile, uint64_t seed = 1,
                                const emu::DeviceRules& rules = {}) {
  auto config = lm::PresetConfig("tiny");
  if (!config.ok()) return false;
  lm::Checkpoint checkpoint{*config, lm::RandomWeights(*config, seed, 0.5f),
                            lm::Provenance{}};
  checkpoint.provenance.protocol = protocol;
  checkpoint.provenance.profile = profile;
  checkpoint.provenance.extra = {{"context", 0}};
  emu::StoreDeviceRules(rules, &checkpoint.provenance.extra);
  return lm::SaveCheckpoint(path, checkpoint).ok();
}

}  // namespace protolm::honeypot::testing
