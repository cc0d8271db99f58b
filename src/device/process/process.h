// STATUS: stable
// Physical processes and math functions that a simulated PLC controls.
//
// A Process is a small model stepped in simulated time. It names its
// variables: inputs are what clients write (set-points, pump switches),
// outputs are what it computes (levels, temperatures). Each step the device
// copies bound inputs from memory into the process, calls Step, and copies
// outputs back. Models (documented in docs/device.md): math functions
// "signum", "expo10", "cosh" and the bounded "sine" and "tanh" (the kinds
// of OSCAT functions LLMPot probed) and plants "tank_level",
// "reactor_temperature", "desalination", "grid_feeder", "aircraft_pitch". Not
// thread-safe; one owner.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace protolm::device {

struct ProcessVariable {
  std::string name;
  bool input = false;    // written by clients, read by the model
  double initial = 0.0;  // value before the first step
  std::string unit;      // for docs and logs ("m", "degC")
};

class Process {
 public:
  virtual ~Process() = default;
  /// The variables this model reads and writes.
  virtual const std::vector<ProcessVariable>& variables() const = 0;
  /// Advances `dt` simulated seconds; `values` holds every variable by name
  /// (inputs already updated from memory); the model updates its outputs.
  virtual void Step(double dt, std::map<std::string, double>& values) = 0;
};

/// A model by name with parameters (missing ones take defaults). Errors:
/// NotFound for an unknown model (listing the known ones), InvalidArgument
/// for an unknown parameter name or a value outside its range.
Result<std::unique_ptr<Process>> MakeProcess(
    std::string_view model, const std::map<std::string, double>& parameters);

/// Names of all models, sorted.
std::vector<std::string> ProcessModelNames();

}  // namespace protolm::device
