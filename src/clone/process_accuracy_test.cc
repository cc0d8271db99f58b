// Process accuracy: RVA-ε of the answers to reads of a process output, ε a
// share of the range the real outputs span; undecodable answers miss.
#include "clone/process_accuracy.h"

#include <gtest/gtest.h>

#include "proto/modbus/adu.h"
#include "proto/modbus/builders.h"
#include "proto/modbus/modbus_process_output.h"

namespace protolm::clone {
namespace {

namespace mb = modbus;

DatasetRecord Read(uint16_t address, uint16_t quantity,
                   std::vector<uint16_t> values) {
  DatasetRecord r;
  r.protocol = "modbus";
  r.request =
      mb::BuildRequestAdu(1, 1, mb::ReadInputRegisters(address, quantity))
          .value();
  r.response = mb::BuildResponseAdu(
                   1, 1, mb::ReadRegistersResponse(4, std::move(values)))
                   .value();
  return r;
}

std::vector<std::unique_ptr<ProcessOutput>> Outputs(mb::ProcessVariable v) {
  std::vector<std::unique_ptr<ProcessOutput>> outputs;
  outputs.push_back(std::make_unique<mb::ModbusProcessOutput>(std::move(v)));
  return outputs;
}

Bytes Answer(std::vector<uint16_t> values) {
  return mb::BuildResponseAdu(1, 1,
                              mb::ReadRegistersResponse(4, std::move(values)))
      .value();
}

TEST(ProcessAccuracy, SharesWithinEpsilonOfTheOutputsRange) {
  mb::ProcessVariable level;
  level.name = "level";
  level.output_table = 4;
  level.output_address = 200;
  level.output_type = mb::OutputType::kInt16;
  // Real outputs -100 .. 100: range 200, so ε 1 % is 2, ε 5 % is 10.
  const std::vector<DatasetRecord> records = {
      Read(200, 1, {static_cast<uint16_t>(-100)}),
      Read(200, 1, {100}),
      Read(200, 1, {0}),
      Read(200, 1, {50}),
      Read(200, 1, {20}),
      Read(201, 1, {7}),  // another register: not this variable's
  };
  const std::vector<size_t> test = {2, 3, 4, 5};
  const std::vector<Bytes> predictions = {
      Answer({1}),                            // |1 - 0| = 1: within 1 %
      Answer({58}),                           // 8: within 5 %
      FromHex("000100000003018402").value(),  // an exception: misses
      Answer({7}),
  };
  const auto scores =
      ScoreProcesses(records, test, predictions, Outputs(level), {0.01, 0.05, 0.10});
  ASSERT_EQ(scores.size(), 1u);
  EXPECT_EQ(scores[0].n, 3u);
  EXPECT_DOUBLE_EQ(scores[0].range, 200.0);
  ASSERT_EQ(scores[0].rva_epsilon.size(), 3u);
  EXPECT_DOUBLE_EQ(scores[0].rva_epsilon[0].second, 1.0 / 3);
  EXPECT_DOUBLE_EQ(scores[0].rva_epsilon[1].second, 2.0 / 3);
  EXPECT_DOUBLE_EQ(scores[0].rva_epsilon[2].second, 2.0 / 3);
  const nlohmann::json json = ProcessAccuracyToJson(scores);
  EXPECT_EQ(json[0]["name"], "level");
  EXPECT_DOUBLE_EQ(json[0]["rva_epsilon"]["0.05"].get<double>(), 2.0 / 3);
  EXPECT_TRUE(json[0]["rva_epsilon"].contains("0.1"));
}

TEST(ProcessAccuracy, FloatOutputsAndNoReads) {
  mb::ProcessVariable expo;
  expo.name = "expo10";
  expo.output_address = 101;
  expo.output_type = mb::OutputType::kFloat32;
  // 1.0f = 0x3F800000, 3.0f = 0x40400000, 1.5f = 0x3FC00000.
  const std::vector<DatasetRecord> records = {Read(101, 2, {0x3F80, 0x0000}),
                                              Read(101, 2, {0x4040, 0x0000})};
  auto scores = ScoreProcesses(records, {1}, {Answer({0x3FC0, 0x0000})},
                               Outputs(expo),
                               {0.5, 1.0});
  ASSERT_EQ(scores.size(), 1u);
  EXPECT_DOUBLE_EQ(scores[0].range, 2.0);
  EXPECT_DOUBLE_EQ(scores[0].rva_epsilon[0].second, 0.0);  // 1.5 off by 1.5
  EXPECT_DOUBLE_EQ(scores[0].rva_epsilon[1].second, 1.0);
  scores = ScoreProcesses(records, {}, {}, Outputs(expo), {0.05});
  EXPECT_EQ(scores[0].n, 0u);
  EXPECT_DOUBLE_EQ(scores[0].rva_epsilon[0].second, 0.0);
}

}  // namespace
}  // namespace protolm::clone
