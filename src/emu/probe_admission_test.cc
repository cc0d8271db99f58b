// Every exchange of a real probe of the reference simulator is admitted by
// the response grammar, and replaying the probe through the state overlay
// changes no response of the simulator (it returns what was written).
#include <gtest/gtest.h>

#include "emu/emu_test_support.h"
#include "emu/response_constraint.h"
#include "emu/simulator_probe_test_support.h"
#include "emu/state_overlay.h"

namespace protolm::emu {
namespace {

using testing::Exchange;
using testing::ProbeSimulator;

void ExpectAllAdmitted(const std::string& name, const std::string& protocol) {
  std::vector<Exchange> exchanges = ProbeSimulator(name, protocol, 400);
  EXPECT_GE(exchanges.size(), 400u);
  size_t refused = 0;
  StateOverlay overlay(protocol);
  size_t changed = 0;
  for (const Exchange& e : exchanges) {
    auto c = MakeResponseConstraint(protocol, e.request);
    ASSERT_NE(c, nullptr);
    size_t where = 0;
    if (!testing::Admits(*c, e.response, &where) && ++refused <= 5)
      ADD_FAILURE() << ToHex(e.request) << " -> " << ToHex(e.response)
                    << " refused at byte " << where;
    changed += overlay.Apply(e.request, e.response) != e.response;
    overlay.Observe(e.request, e.response);
  }
  EXPECT_EQ(refused, 0u);
  EXPECT_EQ(changed, 0u) << "the overlay contradicted the simulator";
}

TEST(ProbeAdmission, ModbusSimulatorAnswersAreAdmitted) {
  ExpectAllAdmitted("wago-750-881", "modbus");
}

TEST(ProbeAdmission, S7SimulatorAnswersAreAdmitted) {
  ExpectAllAdmitted("s7-315-2pn", "s7comm");
}

}  // namespace
}  // namespace protolm::emu
