// Reading a checkpoint's device knowledge (see checkpoint_knowledge.h).
#include "emu/checkpoint_knowledge.h"

#include "proto/registry/protocol_table.h"

namespace protolm::emu {

Result<std::shared_ptr<const DeviceKnowledge>> KnowledgeOf(
    const lm::Provenance& provenance) {
  if (provenance.protocol.empty())
    return std::shared_ptr<const DeviceKnowledge>();  // names no protocol
  ASSIGN_OR_RETURN(const Protocol* protocol,
                   RequireProtocol(provenance.protocol));
  ASSIGN_OR_RETURN(std::unique_ptr<DeviceKnowledge> known,
                   protocol->KnowledgeFromProvenance(provenance.extra));
  return std::shared_ptr<const DeviceKnowledge>(std::move(known));
}

}  // namespace protolm::emu
