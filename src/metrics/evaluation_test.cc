// BCA, byte accuracy, RVA and RVA-ε over small hand-made record sets, and
// the dataset/prediction join of `protolm eval`.
#include "metrics/evaluation.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "metrics/eval_dataset.h"
#include "proto/modbus/builders.h"
#include "testing/scratch_dir.h"

namespace protolm::metrics {
namespace {

Bytes Req(const modbus::Request& r) {
  return modbus::BuildRequestAdu(1, 1, r).value();
}
Bytes Resp(const modbus::Response& r) {
  return modbus::BuildResponseAdu(1, 1, r).value();
}

EvalRecord Record(Bytes predicted) {
  return EvalRecord{"modbus", "read_holding_registers",
                    Req(modbus::ReadHoldingRegisters(0, 1)),
                    Resp(modbus::ReadRegistersResponse(3, {1000})),
                    std::move(predicted)};
}

TEST(Evaluation, CountsExactValidAndCloseAnswers) {
  std::vector<EvalRecord> records = {
      Record(Resp(modbus::ReadRegistersResponse(3, {1000}))),  // exact
      Record(
          Resp(modbus::ReadRegistersResponse(3, {1100}))),  // valid, off by 100
      Record(Resp(modbus::ReadRegistersResponse(3, {1, 2}))),  // invalid
      Record({}),                                              // no answer
  };
  EvalOptions options;
  options.epsilon = 0.01;  // 655 counts of 65535
  EvalReport report = Evaluate(records, options);
  EXPECT_EQ(report.total.n, 4u);
  EXPECT_EQ(report.total.exact, 1u);
  EXPECT_EQ(report.total.valid, 2u);
  EXPECT_EQ(report.total.within_epsilon, 2u);
  ASSERT_EQ(report.invalid_examples.size(), 2u);

  nlohmann::json j = ReportToJson(report);
  EXPECT_DOUBLE_EQ(j["bca"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(j["rva"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(j["rva_epsilon"].get<double>(), 0.5);
  EXPECT_EQ(j["n"].get<int>(), 4);
  EXPECT_TRUE(j.contains("byte_accuracy"));
  EXPECT_EQ(j["per_function"]["read_holding_registers"]["n"].get<int>(), 4);

  options.epsilon = 0.001;  // 65 counts: the second answer is too far off
  EXPECT_EQ(Evaluate(records, options).total.within_epsilon, 1u);
  options.epsilon.reset();
  EXPECT_FALSE(
      ReportToJson(Evaluate(records, options)).contains("rva_epsilon"));
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

TEST(EvalDataset, JoinsByPositionAndById) {
  testing::ScratchDir dir;
  const std::string req = ToHex(Req(modbus::ReadHoldingRegisters(0, 1)));
  const std::string resp = ToHex(Resp(modbus::ReadRegistersResponse(3, {5})));
  Write(dir.Path("d.jsonl"),
        "{\"id\":\"a\",\"protocol\":\"modbus\",\"function\":\"read_holding_"
        "registers\","
        "\"request\":\"" +
            req + "\",\"response\":\"" + resp +
            "\"}\n"
            "{\"id\":\"b\",\"protocol\":\"modbus\",\"function\":\"x\","
            "\"request\":null,"
            "\"response\":\"" +
            resp +
            "\"}\n"
            "{\"id\":\"c\",\"protocol\":\"modbus\",\"function\":\"read_holding_"
            "registers\","
            "\"request\":\"" +
            req + "\",\"response\":null}\n");
  Write(dir.Path("p.jsonl"),
        "{\"id\":\"c\",\"response\":\"\"}\n"
        "{\"id\":\"a\",\"request\":\"" +
            req + "\",\"response\":\"" + resp + "\"}\n");
  auto records = LoadEvalRecords(dir.Path("d.jsonl"), dir.Path("p.jsonl"));
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].predicted, (*records)[0].expected);
  EXPECT_TRUE((*records)[1].predicted.empty());

  Write(dir.Path("bad.jsonl"),
        "{\"request\":\"00\",\"response\":\"\"}\n{\"response\":\"\"}\n");
  auto mismatch = LoadEvalRecords(dir.Path("d.jsonl"), dir.Path("bad.jsonl"));
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(
      mismatch.status().message().find("bad.jsonl:1: request does not match"),
      std::string::npos)
      << mismatch.status().message();

  Write(dir.Path("short.jsonl"), "{\"response\":\"\"}\n");
  EXPECT_FALSE(
      LoadEvalRecords(dir.Path("d.jsonl"), dir.Path("short.jsonl")).ok());
}

}  // namespace
}  // namespace protolm::metrics
