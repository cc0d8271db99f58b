// Loading a checkpoint for serving (served_model.h).
#include "honeypot/served_model.h"

#include <utility>

#include "device/profile.h"
#include "emu/device_rules.h"
#include "emu/response_constraint.h"
#include "lm/engine/checkpoint.h"
#include "metrics/profile_rules.h"
#include "proto/registry/codec_registry.h"

namespace protolm::honeypot {

Result<std::unique_ptr<ServedModel>> LoadServedModel(const std::string& path) {
  ASSIGN_OR_RETURN(lm::Checkpoint checkpoint, lm::LoadCheckpoint(path));
  const std::string& protocol = checkpoint.provenance.protocol;
  if (FindCodec(protocol) == nullptr || !emu::HasResponseConstraint(protocol)) {
    return InvalidArgument(path + ": protocol \"" + protocol +
                           "\" cannot be served; the honeypot serves clones "
                           "of " + CodecNames() +
                           " devices (train one with protolm clone)");
  }
  ASSIGN_OR_RETURN(lm::Engine engine,
                   lm::Engine::Create(checkpoint.config, checkpoint.weights));
  auto learned = emu::DeviceRulesOf(checkpoint.provenance);
  if (!learned.ok())
    return InvalidArgument(path + ": " + learned.status().message());
  // The starting memory goes to the overlay alone: grammars and the guard
  // never read it.
  auto state = std::make_unique<emu::StateOverlay>(
      protocol, std::exchange(learned->modbus_memory, {}));
  auto model = std::make_unique<ServedModel>(ServedModel{
      path, protocol, checkpoint.provenance.profile,
      checkpoint.provenance.extra.is_object()
          ? checkpoint.provenance.extra.value("context", size_t{0})
          : 0,
      std::move(engine), *learned, *learned, std::move(state)});
  if (!model->profile.empty()) {
    auto profile = device::BuiltinProfile(model->profile);
    if (profile.ok()) {
      // The profile's rules judge; the answers learned whole stay.
      emu::DeviceRules& guard = model->guard_rules;
      guard.modbus = metrics::ModbusRulesFromProfile(*profile);
      guard.modbus.identity_answers = model->learned_rules.modbus.identity_answers;
      guard.s7 = metrics::S7RulesFromProfile(*profile);
      guard.s7.identity_answers = model->learned_rules.s7.identity_answers;
    }
  }
  return model;
}

}  // namespace protolm::honeypot
