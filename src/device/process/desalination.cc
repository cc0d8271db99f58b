// Reverse-osmosis desalination: feed water of `feed_salinity` g/L pushed at
// "feed_pressure" bar (set-point) through a membrane. Permeate flow is
// permeability * (pressure - osmotic) where the osmotic pressure is
// 0.7 bar per g/L of feed; product salinity falls with flow (salt passage
// `salt_passage` of the feed, diluted by flow). The actual pressure follows
// the set-point with time constant `pump_tau` s; "pump_on" = 0 drops it.
#include <algorithm>

#include "device/process/model.h"

namespace protolm::device {
namespace {

class Desalination : public ModelBase {
 public:
  explicit Desalination(const Parameters& p)
      : ModelBase({{"pump_on", true, 1.0, ""},
                   {"feed_pressure", true, 55.0, "bar"},
                   {"pressure", false, 0.0, "bar"},
                   {"permeate_flow", false, 0.0, "m3/h"},
                   {"product_salinity", false, p.at("feed_salinity"), "g/L"}}),
        feed_salinity_(p.at("feed_salinity")),
        permeability_(p.at("permeability")),
        salt_passage_(p.at("salt_passage")),
        pump_tau_(p.at("pump_tau")) {}

  void Step(double dt, std::map<std::string, double>& v) override {
    double target =
        v["pump_on"] != 0.0 ? std::clamp(v["feed_pressure"], 0.0, 120.0) : 0.0;
    double pressure = v["pressure"];
    pressure += (target - pressure) * std::min(1.0, dt / pump_tau_);
    double osmotic = 0.7 * feed_salinity_;
    double flow = std::max(0.0, permeability_ * (pressure - osmotic));
    v["pressure"] = pressure;
    v["permeate_flow"] = flow;
    v["product_salinity"] =
        flow > 0.0 ? std::min(feed_salinity_, feed_salinity_ * salt_passage_ /
                                                  (flow / 10.0 + salt_passage_))
                   : feed_salinity_;
  }

 private:
  double feed_salinity_, permeability_, salt_passage_, pump_tau_;
};

}  // namespace

ModelEntry DesalinationModel() {
  return {"desalination",
          {{"feed_salinity", 35.0, 0.0, 100.0},
           {"permeability", 0.8, 0.0, 100.0},
           {"salt_passage", 0.01, 0.0001, 1.0},
           {"pump_tau", 5.0, 0.01, 1000.0}},
          [](const Parameters& p) -> std::unique_ptr<Process> {
            return std::make_unique<Desalination>(p);
          }};
}

}  // namespace protolm::device
