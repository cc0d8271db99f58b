// Write-then-read pairs over the process variables, pilot then
// derivative-weighted inputs (see modbus_weighted_probe.h).
#include "proto/modbus/modbus_weighted_probe.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "proto/modbus/builders.h"
#include "proto/modbus/modbus_process_output.h"
#include "util/weighted_sampling.h"

namespace protolm::modbus {
namespace {

Result<Bytes> Send(ProbeChannel& channel, uint8_t unit_id,
                   const Request& request) {
  ASSIGN_OR_RETURN(Bytes adu,
                   BuildRequestAdu(channel.NextReference(), unit_id, request));
  return channel.Send(std::move(adu));
}

/// Writes x to the variable's input and reads its output.
Result<std::optional<double>> WriteThenRead(ProbeChannel& channel,
                                            const ModbusProbeConfig& c,
                                            const ProcessVariable& v,
                                            int32_t x) {
  const Request write =
      v.input_table == 0
          ? WriteSingleCoil(v.input_address, x != 0)
          : WriteSingleRegister(v.input_address, static_cast<uint16_t>(x));
  RETURN_IF_ERROR(Send(channel, c.unit_id, write).status());
  ASSIGN_OR_RETURN(Bytes answer, Send(channel, c.unit_id, OutputRead(v)));
  return OutputValue(answer, v.output_type);
}

}  // namespace

Status ProbeWeighted(const ModbusProbeConfig& c, const ProbeRun& run,
                     ProbeChannel& channel) {
  if (c.process_variables.empty())
    return InvalidArgument(
        "the weighted strategy needs a Modbus configuration with "
        "process_variables");
  const size_t pairs = run.size / 2;
  size_t sent = 0;
  for (size_t k = 0; k < c.process_variables.size(); ++k) {
    const ProcessVariable& v = c.process_variables[k];
    const size_t share = pairs / c.process_variables.size() +
                         (k < pairs % c.process_variables.size() ? 1 : 0);
    if (share == 0) continue;
    const size_t pilot = std::min(share, std::max<size_t>(2, share / 4));
    std::vector<double> xs, ys;
    for (size_t i = 0; i < pilot; ++i) {
      const double x =
          v.input_min + (v.input_max - v.input_min) * static_cast<double>(i) /
                            static_cast<double>(std::max<size_t>(1, pilot - 1));
      const auto xi = static_cast<int32_t>(std::lround(x));
      ASSIGN_OR_RETURN(std::optional<double> y,
                       WriteThenRead(channel, c, v, xi));
      xs.push_back(x);
      ys.push_back(y.value_or(0.0));
      channel.Progress(sent += 2);
    }
    if (share == pilot) continue;
    const WeightedSamplingOptions w{c.mix_ratio, c.power};
    ASSIGN_OR_RETURN(
        std::vector<double> inputs,
        DerivativeWeightedSample(xs, ys, share - pilot, w, run.seed + k));
    for (double x : inputs) {
      RETURN_IF_ERROR(
          WriteThenRead(channel, c, v, static_cast<int32_t>(std::lround(x)))
              .status());
      channel.Progress(sent += 2);
    }
  }
  return Status::Ok();
}

}  // namespace protolm::modbus
