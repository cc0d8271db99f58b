// The state overlay over every protocol of the table: hostile exchanges never
// change a response (garbage never pairs) and a protocol without a memory
// image keeps no state. What each image remembers is tested beside it
// (proto/modbus/modbus_memory_image_test.cc, proto/s7comm/...).
#include "emu/state_overlay.h"

#include <gtest/gtest.h>

#include <random>

#include "proto/modbus/builders.h"
#include "proto/modbus/modbus_protocol.h"
#include "proto/registry/protocol_table.h"

namespace protolm::emu {
namespace {

/// A protocol with a codec and nothing else: no memory image.
class Stateless final : public Protocol {
 public:
  const Codec& codec() const override {
    return modbus::ModbusProtocol().codec();
  }
};

TEST(StateOverlay, HostileExchangesAreHarmless) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> byte(0, 255);
  for (const Protocol* protocol : AllProtocols()) {
    StateOverlay overlay(*protocol);
    for (int i = 0; i < 3000; ++i) {
      Bytes a(std::uniform_int_distribution<size_t>(0, 60)(rng));
      Bytes b(std::uniform_int_distribution<size_t>(0, 60)(rng));
      for (auto& x : a) x = static_cast<uint8_t>(byte(rng));
      for (auto& x : b) x = static_cast<uint8_t>(byte(rng));
      const auto request = protocol->DecodeRequest(a);
      overlay.Observe(*request, b);
      EXPECT_EQ(overlay.Apply(*request, b), b) << protocol->name();
    }
  }
}

TEST(StateOverlay, AProtocolWithoutAnImageKeepsNoState) {
  const Bytes write =
      modbus::BuildRequestAdu(1, 1, modbus::WriteSingleRegister(0, 7)).value();
  const Bytes echo =
      modbus::BuildResponseAdu(1, 1, modbus::WriteSingleResponse(6, 0, 7))
          .value();
  const Bytes read =
      modbus::BuildRequestAdu(2, 1, modbus::ReadHoldingRegisters(0, 1)).value();
  const Bytes model =
      modbus::BuildResponseAdu(2, 1, modbus::ReadRegistersResponse(3, {9}))
          .value();
  const Stateless plain;
  StateOverlay stateless(plain);
  EXPECT_EQ(stateless.Settle(*plain.DecodeRequest(write), echo), echo);
  EXPECT_EQ(stateless.Settle(*plain.DecodeRequest(read), model), model);
  // The same exchanges through Modbus's own image return what was written.
  const Protocol& mb = modbus::ModbusProtocol();
  StateOverlay overlay(mb);
  overlay.Settle(*mb.DecodeRequest(write), echo);
  EXPECT_EQ(
      overlay.Settle(*mb.DecodeRequest(read), model),
      modbus::BuildResponseAdu(2, 1, modbus::ReadRegistersResponse(3, {7}))
          .value());
}

}  // namespace
}  // namespace protolm::emu
