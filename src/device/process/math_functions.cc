// The math functions LLMPot probed on a WAGO PLC (OSCAT library): signum
// (discrete), expo10 and cosh (unbounded), sine and tanh (bounded). Each maps
// input "x" to output "y" = f(gain * x) at every step; no state.
#include <cmath>

#include "device/process/model.h"

namespace protolm::device {
namespace {

class MathFunction : public ModelBase {
 public:
  MathFunction(double (*f)(double), double gain)
      : ModelBase({{"x", true, 0.0, ""}, {"y", false, f(0.0), ""}}),
        f_(f),
        gain_(gain) {}
  void Step(double, std::map<std::string, double>& values) override {
    values["y"] = f_(gain_ * values["x"]);
  }

 private:
  double (*f_)(double);
  double gain_;
};

double Signum(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); }
double Expo10(double x) { return std::pow(10.0, x); }
double Cosh(double x) { return std::cosh(x); }
double Sine(double x) { return std::sin(x); }
double Tanh(double x) { return std::tanh(x); }

template <double (*F)(double)>
std::unique_ptr<Process> Make(const Parameters& p) {
  return std::make_unique<MathFunction>(F, p.at("gain"));
}

std::vector<ParameterSpec> GainOnly() {
  return {{"gain", 1.0, -1e6, 1e6}};  // y = f(gain * x)
}

}  // namespace

std::vector<ModelEntry> MathFunctionModels() {
  return {
      {"signum", GainOnly(), &Make<Signum>},
      {"expo10", {{"gain", 1.0, -10.0, 10.0}}, &Make<Expo10>},
      {"cosh", {{"gain", 1.0, -10.0, 10.0}}, &Make<Cosh>},
      {"sine", GainOnly(), &Make<Sine>},
      {"tanh", GainOnly(), &Make<Tanh>},
  };
}

}  // namespace protolm::device
