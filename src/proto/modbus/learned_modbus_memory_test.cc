// A Modbus clone's starting memory: what training reads showed before any
// write, never values read after one (in any split) or that changed on
// their own; it seeds the memory image (inputs included), round-trips through
// JSON, and a probe of the simulator finds the profile's initial values.
#include "proto/modbus/learned_modbus_memory.h"

#include <gtest/gtest.h>

#include "testing/device/simulator_probe.h"
#include "proto/modbus/builders.h"
#include "proto/modbus/modbus_codec.h"

namespace protolm::modbus {
namespace {

namespace mb = modbus;
using modbus::ModbusTable;
using testing::Exchange;

Bytes Req(const mb::Request& r) { return mb::BuildRequestAdu(1, 1, r).value(); }
Bytes Resp(const mb::Response& r) {
  return mb::BuildResponseAdu(1, 1, r).value();
}
Exchange Registers(uint16_t address, std::vector<uint16_t> values) {
  const auto n = static_cast<uint16_t>(values.size());
  return {Req(mb::ReadHoldingRegisters(address, n)),
          Resp(mb::ReadRegistersResponse(3, std::move(values)))};
}
Exchange Held(Exchange e) {  // a held-out exchange: the answer is unknown
  e.response.clear();
  return e;
}

TEST(LearnedModbusMemory, TrainingReadsBeforeAnyWriteAreTheStartingValues) {
  const std::vector<Exchange> sequence = {
      Registers(0, {10, 11, 12, 13}),
      // A held-out write still marks register 1 as written from here on.
      Held({Req(mb::WriteSingleRegister(1, 99)),
            Resp(mb::WriteSingleResponse(6, 1, 99))}),
      // A write refused with an exception does not.
      {Req(mb::WriteSingleRegister(2, 98)),
       Resp(mb::ExceptionResponse(6, mb::ExceptionCode::kServerDeviceFailure))},
      // Nor does a held-out write the specification refuses (1969 coils).
      Held({Req(mb::WriteMultipleCoils(0, std::vector<bool>(1969, false))),
            Resp(mb::ExceptionResponse(
                15, mb::ExceptionCode::kIllegalDataValue))}),
      Registers(0, {10, 99, 12, 14}),  // register 3 changed on its own
      Registers(4, {40}),
      Held(Registers(5, {50})),
      {Req(mb::ReadInputRegisters(0, 2)),
       Resp(mb::ReadRegistersResponse(4, {1234, 5678}))},
      {Req(mb::ReadDiscreteInputs(0, 3)),
       Resp(mb::ReadBitsResponse(2, {false, true, true}))},
      {Req(mb::ReadCoils(7, 1)), Resp(mb::ReadBitsResponse(1, {true}))},
  };
  const ModbusMemoryImage image = LearnModbusStartingMemory(sequence);
  const auto holding = ModbusTable::kHoldingRegisters;
  EXPECT_EQ(image.Value(holding, 0), 10);
  EXPECT_EQ(image.Value(holding, 1), 11);  // read before the write
  EXPECT_EQ(image.Value(holding, 2), 12);
  EXPECT_EQ(image.Value(holding, 3), std::nullopt);  // varies
  EXPECT_EQ(image.Value(holding, 4), 40);
  EXPECT_EQ(image.Value(holding, 5), std::nullopt);  // held out
  EXPECT_EQ(image.Value(ModbusTable::kInputRegisters, 1), 5678);
  EXPECT_EQ(image.Value(ModbusTable::kDiscreteInputs, 1), 1);
  EXPECT_EQ(image.Value(ModbusTable::kDiscreteInputs, 0), 0);
  EXPECT_EQ(image.Value(ModbusTable::kCoils, 7), 1);
  EXPECT_EQ(image.Known(holding).size(), 4u);

  // As a clone's memory it answers reads of inputs with the starting values
  // and a read of a written register with what was written.
  ModbusMemoryImage memory = image;
  const Bytes model = Resp(mb::ReadRegistersResponse(4, {0, 0}));
  const mb::ModbusRequest read_inputs(Req(mb::ReadInputRegisters(0, 2)));
  EXPECT_EQ(memory.Apply(read_inputs, model),
            Resp(mb::ReadRegistersResponse(4, {1234, 5678})));
  memory.Observe(mb::ModbusRequest(Req(mb::WriteSingleRegister(0, 7))),
                 Resp(mb::WriteSingleResponse(6, 0, 7)));
  const mb::ModbusRequest read_holding(Req(mb::ReadHoldingRegisters(0, 2)));
  EXPECT_EQ(memory.Apply(read_holding,
                         Resp(mb::ReadRegistersResponse(3, {0, 0}))),
            Resp(mb::ReadRegistersResponse(3, {7, 11})));
}

TEST(LearnedModbusMemory, HostileExchangesTeachNothing) {
  const std::vector<Exchange> sequence = {
      {{}, {}},
      {FromHex("0001000000ff0103").value(), FromHex("00").value()},
      {Req(mb::ReadHoldingRegisters(0, 2)),  // one register for two
       Resp(mb::ReadRegistersResponse(3, {1}))}};
  const ModbusMemoryImage image = LearnModbusStartingMemory(sequence);
  EXPECT_TRUE(image.Known(ModbusTable::kHoldingRegisters).empty());
}

TEST(LearnedModbusMemory, JsonRoundTripsAndMalformedIsRefused) {
  ModbusMemoryImage image;
  image.Seed({ModbusTable::kCoils, 3, 1});
  image.Seed({ModbusTable::kCoils, 4, 0});
  image.Seed({ModbusTable::kCoils, 9, 1});
  image.Seed({ModbusTable::kInputRegisters, 0xFFFF, 0xBEEF});
  const nlohmann::json json = ModbusMemoryToJson(image);
  EXPECT_EQ(json["coils"], nlohmann::json::parse("[[3, [1, 0]], [9, [1]]]"));
  auto back = ModbusMemoryFromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->Known(ModbusTable::kCoils), image.Known(ModbusTable::kCoils));
  EXPECT_EQ(back->Value(ModbusTable::kInputRegisters, 0xFFFF), 0xBEEF);
  for (const char* bad :
       {R"([])", R"({"fifo": []})", R"({"coils": [[0, [2]]]})",
        R"({"input_registers": [[65535, [1, 2]]]})",
        R"({"holding_registers": [[0, [65536]]]})", R"({"coils": [[-1, [1]]]})",
        R"({"coils": [[0, 1]]})",
        R"({"coils": [[18446744073709551615, [1, 1]]]})"}) {
    auto parsed = ModbusMemoryFromJson(nlohmann::json::parse(bad));
    EXPECT_FALSE(parsed.ok()) << bad;
    if (!parsed.ok()) {
      EXPECT_NE(parsed.status().message().find("starting memory"),
                std::string::npos);
    }
  }
}

TEST(LearnedModbusMemory, AProbeOfTheSimulatorFindsTheProfilesInitialValues) {
  // wago-750-881: discrete inputs 0-7 start 0 1 1 0 1 0 0 1, input
  // registers 0-1 hold 1234 and 5678; nothing writes them.
  const std::vector<Exchange> probe =
      testing::ProbeSimulator("wago-750-881", std::string(kProtocolName), 400);
  ASSERT_GE(probe.size(), 400u);
  const ModbusMemoryImage image = LearnModbusStartingMemory(probe);
  const std::vector<uint16_t> inputs = {0, 1, 1, 0, 1, 0, 0, 1};
  for (uint16_t a = 0; a < inputs.size(); ++a)
    EXPECT_EQ(image.Value(ModbusTable::kDiscreteInputs, a), inputs[a])
        << "discrete input " << a;
  EXPECT_EQ(image.Value(ModbusTable::kInputRegisters, 0), 1234);
  EXPECT_EQ(image.Value(ModbusTable::kInputRegisters, 1), 5678);
  EXPECT_GT(image.Known(ModbusTable::kDiscreteInputs).size(), 8u);
}

}  // namespace
}  // namespace protolm::modbus
