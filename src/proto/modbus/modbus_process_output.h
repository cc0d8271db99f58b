// The value a process variable's output register holds, read from a Modbus
// read answer: what the weighted strategy's pilot samples, and the Modbus
// ProcessOutput (proto/probe_settings.h) a clone's process accuracy
// (clone/process_accuracy.h) compares. Pure functions and an immutable
// class; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "proto/modbus/modbus_probe_config.h"
#include "proto/modbus/pdu.h"
#include "proto/probe_settings.h"
#include "util/bytes.h"

namespace protolm::modbus {

/// The output value of a normal read answer holding the variable's
/// registers (int16, uint16, or float32 high word first; a float must be
/// finite); nullopt for anything else (exceptions, malformed answers).
std::optional<double> OutputValue(ByteView response, OutputType type);

/// The read request the weighted strategy sends for `variable`'s output.
Request OutputRead(const ProcessVariable& variable);

/// A process variable's output as the probe facet shows it: read by
/// OutputRead(variable), valued by OutputValue.
class ModbusProcessOutput : public ProcessOutput {
 public:
  explicit ModbusProcessOutput(ProcessVariable variable);

  std::string name() const override { return variable_.name; }
  bool IsReadOf(ByteView request) const override;
  std::optional<double> ValueIn(ByteView response) const override {
    return OutputValue(response, variable_.output_type);
  }

 private:
  ProcessVariable variable_;
  Request read_;
};

}  // namespace protolm::modbus
