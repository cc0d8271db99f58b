// Running the Modbus probe strategies through a channel (see
// modbus_probe_settings.h).
#include "proto/modbus/modbus_probe_settings.h"

#include "proto/modbus/builders.h"
#include "proto/modbus/modbus_probe_strategies.h"
#include "proto/modbus/modbus_process_output.h"
#include "proto/modbus/modbus_restore.h"
#include "proto/modbus/modbus_weighted_probe.h"
#include "proto/probe_sequence.h"

namespace protolm::modbus {

std::vector<std::string> ModbusProbeSettings::strategies() const {
  return {"boundaries", "weighted", "random"};
}

std::vector<std::unique_ptr<ProcessOutput>>
ModbusProbeSettings::process_outputs() const {
  std::vector<std::unique_ptr<ProcessOutput>> outputs;
  for (const ProcessVariable& v : config_.process_variables)
    outputs.push_back(std::make_unique<ModbusProcessOutput>(v));
  return outputs;
}

Status ModbusProbeSettings::Probe(const ProbeRun& run,
                                  ProbeChannel& channel) const {
  if (run.strategy == "weighted") return ProbeWeighted(config_, run, channel);
  if (run.strategy != "boundaries" && run.strategy != "random")
    return InvalidArgument("unknown strategy '" + run.strategy +
                           "' (use boundaries, weighted or random)");
  const bool restore_writes = config_.limits.restore_writes;
  // Restoring sends up to three requests per generated write, so more
  // requests are generated than the probe may send.
  const size_t generated = restore_writes ? 3 * run.size : run.size;
  const auto send = [&](const ModbusProbe& p) -> Result<Bytes> {
    ASSIGN_OR_RETURN(Bytes adu, BuildRequestAdu(channel.NextReference(),
                                                p.unit_id, p.request));
    return channel.Send(std::move(adu));
  };
  const auto before = [](const ModbusProbe& p) -> std::optional<ModbusProbe> {
    auto read = ReadBefore(p.request);
    if (!read) return std::nullopt;
    return ModbusProbe{p.unit_id, std::move(*read)};
  };
  const auto restore = [](const ModbusProbe& p,
                          const Bytes& shown) -> std::optional<ModbusProbe> {
    auto write = RestoreWrite(p.request, shown);
    if (!write) return std::nullopt;
    return ModbusProbe{p.unit_id, std::move(*write)};
  };
  return SendInOrder(run.size, restore_writes, channel,
                     run.strategy == "boundaries"
                         ? ModbusBoundaries(config_, generated, run.seed)
                         : ModbusRandom(config_, generated, run.seed),
                     send, before, restore);
}

}  // namespace protolm::modbus
