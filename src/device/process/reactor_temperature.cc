// Chemical reactor temperature: a stirred tank whose exothermic reaction
// heats it (heat_rate K/s, doubling every 10 K above 300 K, Arrhenius-like)
// and whose cooling jacket removes ua * (T - coolant_temp) * coolant_valve
// (valve 0..100 %). A proportional controller drives the coolant valve
// toward "setpoint" when "auto_mode" is on; otherwise clients write the
// valve. "alarm" is set above alarm_temp.
#include <algorithm>
#include <cmath>

#include "device/process/model.h"

namespace protolm::device {
namespace {

class ReactorTemperature : public ModelBase {
 public:
  explicit ReactorTemperature(const Parameters& p)
      : ModelBase({{"setpoint", true, p.at("initial_temp"), "K"},
                   {"auto_mode", true, 1.0, ""},
                   {"coolant_valve", true, 50.0, "%"},
                   {"temperature", false, p.at("initial_temp"), "K"},
                   {"alarm", false, 0.0, ""}}),
        heat_rate_(p.at("heat_rate")),
        ua_(p.at("ua")),
        coolant_temp_(p.at("coolant_temp")),
        alarm_temp_(p.at("alarm_temp")),
        gain_(p.at("controller_gain")) {}

  void Step(double dt, std::map<std::string, double>& v) override {
    double t = v["temperature"];
    if (v["auto_mode"] != 0.0) {
      v["coolant_valve"] =
          std::clamp(50.0 + gain_ * (t - v["setpoint"]), 0.0, 100.0);
    }
    double valve = std::clamp(v["coolant_valve"], 0.0, 100.0) / 100.0;
    double exponent = std::clamp((t - 300.0) / 10.0, -20.0, 10.0);
    double heating = heat_rate_ * std::pow(2.0, exponent);
    double cooling = ua_ * valve * (t - coolant_temp_);
    t = std::clamp(t + dt * (heating - cooling), coolant_temp_, 1000.0);
    v["temperature"] = t;
    v["alarm"] = t > alarm_temp_ ? 1.0 : 0.0;
  }

 private:
  double heat_rate_, ua_, coolant_temp_, alarm_temp_, gain_;
};

}  // namespace

ModelEntry ReactorTemperatureModel() {
  return {"reactor_temperature",
          {{"heat_rate", 0.5, 0.0, 100.0},
           {"ua", 0.5, 0.0, 10.0},
           {"coolant_temp", 290.0, 200.0, 400.0},
           {"alarm_temp", 360.0, 250.0, 1000.0},
           {"controller_gain", 50.0, 0.0, 1000.0},
           {"initial_temp", 310.0, 200.0, 1000.0}},
          [](const Parameters& p) -> std::unique_ptr<Process> {
            return std::make_unique<ReactorTemperature>(p);
          }};
}

}  // namespace protolm::device
