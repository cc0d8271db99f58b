// Smart-grid feeder: a generator feeding a load through a breaker. The load
// demand ("load_kw", set-point) draws on the feeder when "breaker_closed";
// the frequency deviation follows the swing equation
// d(df)/dt = (p_gen - p_load) / (2 * inertia * rated_kw) * 50 - damping * df,
// and a governor raises p_gen toward the load with time constant
// `governor_tau`. Voltage sags by `droop` per unit of load. "trip" opens
// when frequency leaves 47.5..52.5 Hz (the breaker then stays open until a
// client closes it again).
#include <algorithm>

#include "device/process/model.h"

namespace protolm::device {
namespace {

class GridFeeder : public ModelBase {
 public:
  explicit GridFeeder(const Parameters& p)
      : ModelBase({{"breaker_closed", true, 1.0, ""},
                   {"load_kw", true, 0.5 * p.at("rated_kw"), "kW"},
                   {"frequency", false, 50.0, "Hz"},
                   {"voltage", false, p.at("nominal_v"), "V"},
                   {"generation_kw", false, 0.5 * p.at("rated_kw"), "kW"},
                   {"trip", false, 0.0, ""}}),
        rated_kw_(p.at("rated_kw")),
        nominal_v_(p.at("nominal_v")),
        inertia_(p.at("inertia")),
        damping_(p.at("damping")),
        governor_tau_(p.at("governor_tau")),
        droop_(p.at("droop")) {}

  void Step(double dt, std::map<std::string, double>& v) override {
    bool closed = v["breaker_closed"] != 0.0;
    double load = closed ? std::clamp(v["load_kw"], 0.0, 2.0 * rated_kw_) : 0.0;
    double gen = v["generation_kw"];
    gen += (load - gen) * std::min(1.0, dt / governor_tau_);
    double df = v["frequency"] - 50.0;
    df += dt *
          ((gen - load) / (2.0 * inertia_ * rated_kw_) * 50.0 - damping_ * df);
    df = std::clamp(df, -10.0, 10.0);
    v["generation_kw"] = gen;
    v["frequency"] = 50.0 + df;
    v["voltage"] = nominal_v_ * (1.0 - droop_ * load / rated_kw_);
    if (closed && (v["frequency"] < 47.5 || v["frequency"] > 52.5)) {
      v["trip"] = 1.0;
      v["breaker_closed"] = 0.0;
    } else if (closed) {
      v["trip"] = 0.0;
    }
  }

 private:
  double rated_kw_, nominal_v_, inertia_, damping_, governor_tau_, droop_;
};

}  // namespace

ModelEntry GridFeederModel() {
  return {"grid_feeder",
          {{"rated_kw", 1000.0, 1.0, 1e6},
           {"nominal_v", 400.0, 1.0, 1e6},
           {"inertia", 4.0, 0.1, 100.0},
           {"damping", 0.5, 0.0, 100.0},
           {"governor_tau", 2.0, 0.01, 1000.0},
           {"droop", 0.05, 0.0, 1.0}},
          [](const Parameters& p) -> std::unique_ptr<Process> {
            return std::make_unique<GridFeeder>(p);
          }};
}

}  // namespace protolm::device
