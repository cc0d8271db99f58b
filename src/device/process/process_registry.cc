// MakeProcess and ProcessModelNames over the models' entries (process.h).
#include <algorithm>

#include "device/process/model.h"
#include "device/process/process.h"

namespace protolm::device {
namespace {

const std::vector<ModelEntry>& Entries() {
  static const std::vector<ModelEntry> kEntries = [] {
    std::vector<ModelEntry> all = MathFunctionModels();
    all.push_back(TankLevelModel());
    all.push_back(ReactorTemperatureModel());
    all.push_back(DesalinationModel());
    all.push_back(GridFeederModel());
    all.push_back(AircraftPitchModel());
    return all;
  }();
  return kEntries;
}

}  // namespace

std::vector<std::string> ProcessModelNames() {
  std::vector<std::string> names;
  for (const ModelEntry& e : Entries()) names.push_back(e.name);
  std::sort(names.begin(), names.end());
  return names;
}

Result<std::unique_ptr<Process>> MakeProcess(
    std::string_view model, const std::map<std::string, double>& parameters) {
  for (const ModelEntry& e : Entries()) {
    if (e.name != model) continue;
    Parameters values;
    for (const ParameterSpec& spec : e.parameters) {
      values[spec.name] = spec.default_value;
    }
    for (const auto& entry : parameters) {
      const std::string& name = entry.first;
      double value = entry.second;
      auto spec =
          std::find_if(e.parameters.begin(), e.parameters.end(),
                       [&](const ParameterSpec& s) { return s.name == name; });
      if (spec == e.parameters.end()) {
        std::string known;
        for (const ParameterSpec& s : e.parameters) {
          known += known.empty() ? s.name : ", " + s.name;
        }
        return InvalidArgument("process model " + e.name +
                               ": unknown parameter \"" + name +
                               "\" (parameters: " + known + ")");
      }
      if (!(value >= spec->min && value <= spec->max)) {
        return InvalidArgument("process model " + e.name + ": parameter " +
                               name + " = " + std::to_string(value) +
                               " outside " + std::to_string(spec->min) + ".." +
                               std::to_string(spec->max));
      }
      values[name] = value;
    }
    return e.make(values);
  }
  std::string known;
  for (const std::string& n : ProcessModelNames()) {
    known += known.empty() ? n : ", " + n;
  }
  return NotFound("unknown process model \"" + std::string(model) +
                  "\"; models: " + known);
}

}  // namespace protolm::device
