// Helpers shared by the process models: parameter specs with defaults and
// ranges, and the registration entry each model file provides.
//
// Each model file (math_functions.cc, tank_level.cc, ...) defines a
// ModelEntry: its name, its parameters and a function making the model from
// validated parameter values. process_registry.cc lists them. Not
// thread-safe state; entries are constant.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "device/process/process.h"

namespace protolm::device {

struct ParameterSpec {
  std::string name;
  double default_value = 0.0;
  double min = 0.0;
  double max = 0.0;
};

/// Parameter values by name, every spec present (defaults filled in).
using Parameters = std::map<std::string, double>;

struct ModelEntry {
  std::string name;
  std::vector<ParameterSpec> parameters;
  std::unique_ptr<Process> (*make)(const Parameters& parameters);
};

/// A process whose variables are fixed at construction.
class ModelBase : public Process {
 public:
  explicit ModelBase(std::vector<ProcessVariable> variables)
      : variables_(std::move(variables)) {}
  const std::vector<ProcessVariable>& variables() const override {
    return variables_;
  }

 private:
  std::vector<ProcessVariable> variables_;
};

// The entries, one per model file.
std::vector<ModelEntry> MathFunctionModels();
ModelEntry TankLevelModel();
ModelEntry ReactorTemperatureModel();
ModelEntry DesalinationModel();
ModelEntry GridFeederModel();
ModelEntry AircraftPitchModel();

}  // namespace protolm::device
