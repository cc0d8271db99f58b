// Loading a checkpoint for serving (served_model.h).
#include "honeypot/served_model.h"

#include "emu/checkpoint_knowledge.h"
#include "lm/engine/checkpoint.h"
#include "proto/registry/protocol_table.h"

namespace protolm::honeypot {

Result<std::unique_ptr<ServedModel>> LoadServedModel(const std::string& path) {
  ASSIGN_OR_RETURN(lm::Checkpoint checkpoint, lm::LoadCheckpoint(path));
  const lm::Provenance& provenance = checkpoint.provenance;
  const Protocol* protocol = FindProtocol(provenance.protocol);
  if (protocol == nullptr ||
      protocol->MakeResponseConstraint(ByteView{}, 0, nullptr) == nullptr) {
    return InvalidArgument(path + ": protocol \"" + provenance.protocol +
                           "\" cannot be served; the honeypot serves clones "
                           "of " + ProtocolNames() +
                           " devices (train one with protolm clone)");
  }
  ASSIGN_OR_RETURN(lm::Engine engine,
                   lm::Engine::Create(checkpoint.config, checkpoint.weights));
  auto known = emu::KnowledgeOf(provenance);
  if (!known.ok())
    return InvalidArgument(path + ": " + known.status().message());
  auto state = std::make_unique<emu::StateOverlay>(*protocol, known->get());
  return std::make_unique<ServedModel>(ServedModel{
      path, protocol, provenance.profile,
      provenance.extra.is_object() ? provenance.extra.value("context", size_t{0})
                                   : 0,
      std::move(engine), std::move(*known), std::move(state)});
}

}  // namespace protolm::honeypot
