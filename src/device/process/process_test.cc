// Tests of the process models: each evolves as documented and reacts to its
// inputs.
#include "device/process/process.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

namespace protolm::device {
namespace {

using Values = std::map<std::string, double>;

Values Initial(const Process& p) {
  Values v;
  for (const ProcessVariable& var : p.variables()) v[var.name] = var.initial;
  return v;
}

void Simulate(Process& p, Values& v, double seconds) {
  for (double t = 0; t < seconds; t += 0.1) p.Step(0.1, v);
}

std::unique_ptr<Process> Make(const std::string& model, Values params = {}) {
  auto p = MakeProcess(model, params);
  EXPECT_TRUE(p.ok()) << p.status().message();
  return std::move(p).value();
}

TEST(ProcessTest, MathFunctionsComputeTheirValues) {
  struct Case {
    const char* model;
    double x;
    double y;
  };
  for (const Case& c :
       {Case{"signum", -3, -1}, Case{"signum", 0, 0}, Case{"signum", 2, 1},
        Case{"expo10", 2, 100}, Case{"cosh", 0, 1}, Case{"sine", M_PI / 2, 1},
        Case{"tanh", 100, 1}}) {
    auto p = Make(c.model);
    Values v = Initial(*p);
    v["x"] = c.x;
    p->Step(0.1, v);
    EXPECT_NEAR(v["y"], c.y, 1e-9) << c.model << "(" << c.x << ")";
  }
}

TEST(ProcessTest, TankFillsWithPumpAndDrainsWithValve) {
  auto p = Make("tank_level");
  Values v = Initial(*p);
  double start = v["level"];
  v["pump_on"] = 1;
  Simulate(*p, v, 20);
  EXPECT_GT(v["level"], start);
  double full = v["level"];
  v["pump_on"] = 0;
  v["valve_open"] = 1;
  Simulate(*p, v, 20);
  EXPECT_LT(v["level"], full);
  v["valve_open"] = 0;
  v["pump_on"] = 1;
  Simulate(*p, v, 1000);
  EXPECT_EQ(v["overflow"], 1.0);
  EXPECT_DOUBLE_EQ(v["level"], 5.0);  // height
}

TEST(ProcessTest, ReactorFollowsItsSetpointInAutoMode) {
  auto p = Make("reactor_temperature");
  Values v = Initial(*p);
  v["setpoint"] = 320;
  Simulate(*p, v, 600);
  EXPECT_NEAR(v["temperature"], 320, 3);
  v["auto_mode"] = 0;
  v["coolant_valve"] = 0;  // cooling off: runaway, alarm
  Simulate(*p, v, 600);
  EXPECT_EQ(v["alarm"], 1.0);
}

TEST(ProcessTest, DesalinationProducesWaterAbovetheOsmoticPressure) {
  auto p = Make("desalination");
  Values v = Initial(*p);
  Simulate(*p, v, 60);
  EXPECT_GT(v["permeate_flow"], 0);
  EXPECT_LT(v["product_salinity"], 1.0);
  v["feed_pressure"] = 20;  // below 0.7 * 35 bar
  Simulate(*p, v, 60);
  EXPECT_EQ(v["permeate_flow"], 0);
}

TEST(ProcessTest, GridFrequencyDipsOnALoadStepAndRecovers) {
  auto p = Make("grid_feeder");
  Values v = Initial(*p);
  Simulate(*p, v, 10);
  EXPECT_NEAR(v["frequency"], 50.0, 1e-6);
  v["load_kw"] = 900;
  Simulate(*p, v, 1);
  EXPECT_LT(v["frequency"], 50.0);
  Simulate(*p, v, 120);
  EXPECT_NEAR(v["frequency"], 50.0, 0.05);
  EXPECT_LT(v["voltage"], 400.0);
}

TEST(ProcessTest, AutopilotHoldsTheCommandedPitch) {
  auto p = Make("aircraft_pitch");
  Values v = Initial(*p);
  v["pitch_command"] = 5;
  Simulate(*p, v, 60);
  EXPECT_NEAR(v["pitch"], 5, 0.1);
}

TEST(ProcessTest, ParametersAreChecked) {
  auto unknown = MakeProcess("tank_level", {{"volume", 1}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), ::testing::HasSubstr("area"));
  EXPECT_FALSE(MakeProcess("tank_level", {{"area", -1}}).ok());
  auto model = MakeProcess("boiler", {});
  ASSERT_FALSE(model.ok());
  EXPECT_THAT(model.status().message(), ::testing::HasSubstr("tank_level"));
}

}  // namespace
}  // namespace protolm::device
