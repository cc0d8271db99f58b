// Tank level: a tank of cross-section `area` m^2 filled by a pump (switch
// "pump_on", flow "pump_flow" m^3/s when on) and drained through a valve
// ("valve_open") by Torricelli outflow q = valve_coeff * sqrt(level). The
// level stays within 0..height; "overflow" is set when it reaches height.
#include <algorithm>
#include <cmath>

#include "device/process/model.h"

namespace protolm::device {
namespace {

class TankLevel : public ModelBase {
 public:
  explicit TankLevel(const Parameters& p)
      : ModelBase({{"pump_on", true, 0.0, ""},
                   {"valve_open", true, 0.0, ""},
                   {"level", false, p.at("initial_level"), "m"},
                   {"overflow", false, 0.0, ""}}),
        area_(p.at("area")),
        height_(p.at("height")),
        pump_flow_(p.at("pump_flow")),
        valve_coeff_(p.at("valve_coeff")) {}

  void Step(double dt, std::map<std::string, double>& v) override {
    double level = v["level"];
    double in = v["pump_on"] != 0.0 ? pump_flow_ : 0.0;
    double out = v["valve_open"] != 0.0
                     ? valve_coeff_ * std::sqrt(std::max(level, 0.0))
                     : 0.0;
    level = std::clamp(level + dt * (in - out) / area_, 0.0, height_);
    v["level"] = level;
    v["overflow"] = level >= height_ ? 1.0 : 0.0;
  }

 private:
  double area_, height_, pump_flow_, valve_coeff_;
};

}  // namespace

ModelEntry TankLevelModel() {
  return {"tank_level",
          {{"area", 2.0, 0.01, 1000.0},
           {"height", 5.0, 0.1, 100.0},
           {"pump_flow", 0.05, 0.0, 100.0},
           {"valve_coeff", 0.02, 0.0, 100.0},
           {"initial_level", 1.0, 0.0, 100.0}},
          [](const Parameters& p) -> std::unique_ptr<Process> {
            return std::make_unique<TankLevel>(p);
          }};
}

}  // namespace protolm::device
