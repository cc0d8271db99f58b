// Running the S7comm probe strategies through a channel, and the opening of
// its connections (see s7_probe_settings.h).
#include "proto/s7comm/s7_probe_settings.h"

#include "proto/probe_sequence.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_opening.h"
#include "proto/s7comm/s7_probe_strategies.h"
#include "proto/s7comm/s7_restore.h"

namespace protolm::s7comm {

std::vector<std::string> S7ProbeSettings::strategies() const {
  return {"boundaries", "random"};
}

Status S7ProbeSettings::Probe(const ProbeRun& run,
                              ProbeChannel& channel) const {
  if (run.strategy != "boundaries" && run.strategy != "random")
    return InvalidArgument("the S7comm probe has no strategy '" +
                           run.strategy + "' (use boundaries or random)");
  const bool restore_writes = config_.limits.restore_writes;
  // Restoring sends up to three requests per generated write.
  const size_t generated = restore_writes ? 3 * run.size : run.size;
  const auto send = [&](S7Pdu pdu) -> Result<Bytes> {
    pdu.pdu_ref = channel.NextReference();
    ASSIGN_OR_RETURN(Bytes wire, FrameS7Pdu(pdu));
    return channel.Send(std::move(wire));
  };
  const auto before = [](const S7Pdu& pdu) { return ReadBefore(pdu); };
  const auto restore = [](const S7Pdu& pdu, const Bytes& shown) {
    return RestoreWrite(pdu, shown);
  };
  return SendInOrder(run.size, restore_writes, channel,
                     run.strategy == "boundaries"
                         ? S7Boundaries(config_, generated, run.seed)
                         : S7Random(config_, generated, run.seed),
                     send, before, restore);
}

Result<std::unique_ptr<ConnectionOpening>> S7ProbeSettings::Opening(
    uint16_t parallel_jobs,
    const std::function<uint16_t()>& next_identifier) const {
  ASSIGN_OR_RETURN(
      std::unique_ptr<S7Opening> opening,
      S7Opening::Build(config_, parallel_jobs, next_identifier()));
  return std::unique_ptr<ConnectionOpening>(std::move(opening));
}

}  // namespace protolm::s7comm
