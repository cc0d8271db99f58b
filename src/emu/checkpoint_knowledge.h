// What a clone's checkpoint knows of its device: the knowledge its protocol
// (the provenance's "protocol", through the protocol table) stored in
// provenance.extra when the clone was trained. Used by everything that
// answers with a checkpoint (`protolm predict`, the honeypot, benchmarks).
#pragma once

#include <memory>

#include "lm/engine/checkpoint.h"
#include "proto/device_knowledge.h"
#include "util/status.h"

namespace protolm::emu {

/// Null when the checkpoint holds none (its provenance names no protocol, or
/// its protocol learns nothing).
/// Errors: InvalidArgument for a protocol the table does not know; Malformed
/// naming the field that does not parse.
Result<std::shared_ptr<const DeviceKnowledge>> KnowledgeOf(
    const lm::Provenance& provenance);

}  // namespace protolm::emu
