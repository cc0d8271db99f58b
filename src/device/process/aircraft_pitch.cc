// Aircraft pitch controller: a short-period pitch model
// d(q)/dt = -damping * q - stiffness * theta + effectiveness * elevator,
// d(theta)/dt = q, with a PD autopilot that, when "autopilot_on", sets the
// elevator from the error to the commanded pitch ("pitch_command", degrees)
// within +-max_elevator degrees; with the autopilot off, clients write the
// elevator directly.
#include <algorithm>

#include "device/process/model.h"

namespace protolm::device {
namespace {

class AircraftPitch : public ModelBase {
 public:
  explicit AircraftPitch(const Parameters& p)
      : ModelBase({{"autopilot_on", true, 1.0, ""},
                   {"pitch_command", true, 0.0, "deg"},
                   {"elevator", true, 0.0, "deg"},
                   {"pitch", false, 0.0, "deg"},
                   {"pitch_rate", false, 0.0, "deg/s"}}),
        damping_(p.at("damping")),
        stiffness_(p.at("stiffness")),
        effectiveness_(p.at("effectiveness")),
        kp_(p.at("kp")),
        kd_(p.at("kd")),
        max_elevator_(p.at("max_elevator")) {}

  void Step(double dt, std::map<std::string, double>& v) override {
    double theta = v["pitch"];
    double q = v["pitch_rate"];
    if (v["autopilot_on"] != 0.0) {
      double command = std::clamp(v["pitch_command"], -30.0, 30.0);
      // Feed-forward holds the commanded pitch; PD removes the error.
      v["elevator"] = stiffness_ / effectiveness_ * command +
                      kp_ * (command - theta) - kd_ * q;
    }
    double elevator = std::clamp(v["elevator"], -max_elevator_, max_elevator_);
    v["elevator"] = elevator;
    q += dt * (-damping_ * q - stiffness_ * theta + effectiveness_ * elevator);
    theta = std::clamp(theta + dt * q, -90.0, 90.0);
    v["pitch_rate"] = q;
    v["pitch"] = theta;
  }

 private:
  double damping_, stiffness_, effectiveness_, kp_, kd_, max_elevator_;
};

}  // namespace

ModelEntry AircraftPitchModel() {
  return {"aircraft_pitch",
          {{"damping", 1.5, 0.0, 100.0},
           {"stiffness", 2.0, 0.01, 100.0},
           {"effectiveness", 3.0, 0.01, 100.0},
           {"kp", 1.0, 0.0, 100.0},
           {"kd", 0.3, 0.0, 100.0},
           {"max_elevator", 25.0, 1.0, 90.0}},
          [](const Parameters& p) -> std::unique_ptr<Process> {
            return std::make_unique<AircraftPitch>(p);
          }};
}

}  // namespace protolm::device
