// `protolm clone`, `train`, `predict` and `eval` end to end on tiny data: a
// clone of the built-in WAGO device with two small rounds, a model trained
// on its dataset, predictions scored by eval, and the errors a user meets.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "run_protolm.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"

namespace protolm::testing {
namespace {

using ::testing::HasSubstr;

// One test, so the clone (seconds of probing and training) runs once.
TEST(CloneCli, CloneThenTrainPredictEvalAndRefuseACorruptModel) {
  ScratchDir dir;
  const std::string out = dir.Path("out");
  CommandResult clone = RunProtolm(
      {"clone", "--device", "wago-750-881", "--start-size", "30",
       "--max-size", "60", "--preset", "tiny", "--epochs", "1",
       "--patience-rounds", "5", "-o", out});
  ASSERT_EQ(clone.exit_code, 0) << clone.err;
  EXPECT_THAT(clone.err, HasSubstr("round 30: probing"));
  EXPECT_THAT(clone.err, HasSubstr("round 60: test: pure BCA"));
  EXPECT_THAT(clone.err, HasSubstr("round 60: device rules learned from"));
  nlohmann::json report = nlohmann::json::parse(ReadFile(out + "/report.json"));
  ASSERT_EQ(report["rounds"].size(), 2u);
  EXPECT_EQ(report["rounds"][0]["size"], 30);
  EXPECT_EQ(report["rounds"][1]["size"], 60);
  for (const auto& round : report["rounds"]) {
    EXPECT_EQ(round["train"].get<int>() + round["validation"].get<int>() +
                  round["test"].get<int>(),
              round["size"].get<int>());
    for (const char* part : {"pure", "pure_unconstrained", "with_state"})
      EXPECT_EQ(round[part]["n"], round["test"]) << part;
  }
  EXPECT_THAT(report["stopped_because"].get<std::string>(),
              HasSubstr("maximum size 60"));
  // --min-size (1600) is capped at the largest round: the model is its.
  EXPECT_EQ(report["chosen_size"], 60);
  EXPECT_TRUE(std::filesystem::exists(out + "/model.plm"));
  EXPECT_THAT(ReadFile(out + "/report.md"), HasSubstr("| 60 |"));
  EXPECT_THAT(ReadFile(out + "/metrics.svg"), HasSubstr("<polyline"));

  // train / predict / eval on the first round's dataset.
  const std::string dataset = out + "/rounds/30/dataset.jsonl";
  const std::string model = dir.Path("m.plm");
  CommandResult train = RunProtolm({"train", "--dataset", dataset, "--preset",
                                    "tiny", "--epochs", "1", "-o", model});
  ASSERT_EQ(train.exit_code, 0) << train.err;
  EXPECT_THAT(train.err, HasSubstr("epoch 1: loss"));
  const std::string predictions = dir.Path("predictions.jsonl");
  CommandResult predict = RunProtolm(
      {"predict", "--model", model, "--dataset", dataset, "-o", predictions});
  ASSERT_EQ(predict.exit_code, 0) << predict.err;
  CommandResult eval = RunProtolm({"eval", "--dataset", dataset,
                                   "--predictions", predictions, "--json"});
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  nlohmann::json scores = nlohmann::json::parse(eval.out);
  EXPECT_EQ(scores["n"], 30);
  // Judged by the specification alone (no --profile), every constrained
  // answer is valid, even from a model trained for one epoch.
  EXPECT_EQ(scores["rva"], 1.0) << eval.out;
  CommandResult replay =
      RunProtolm({"predict", "--model", model, "--dataset", dataset, "--mode",
                  "replay", "-o", predictions});
  ASSERT_EQ(replay.exit_code, 0) << replay.err;

  // A flipped bit anywhere is refused with one line naming the file.
  std::string bytes = ReadFile(out + "/model.plm");
  bytes[bytes.size() / 2] ^= 0x40;
  const std::string corrupt = dir.Path("corrupt.plm");
  WriteFile(corrupt, bytes);
  CommandResult refused = RunProtolm({"predict", "--model", corrupt,
                                      "--dataset", dataset, "-o",
                                      dir.Path("p.jsonl")});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("corrupt.plm: checksum mismatch"));
}

TEST(CloneCliUsage, DeviceAndTargetAreExclusive) {
  CommandResult r = RunProtolm({"clone", "--device", "wago-750-881",
                                "--target", "127.0.0.1:502"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("either --device PROFILE or --target"));
}

TEST(CloneCliUsage, UnknownProfileIsAUsageError) {
  ScratchDir dir;
  CommandResult r = RunProtolm(
      {"clone", "--device", "no-such-plc", "-o", dir.Path("out")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("no-such-plc"));
}

TEST(TrainCliUsage, MissingDatasetNamesTheFile) {
  ScratchDir dir;
  CommandResult r = RunProtolm({"train", "--dataset", dir.Path("none.jsonl"),
                                "-o", dir.Path("m.plm")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("none.jsonl: cannot open"));
}

}  // namespace
}  // namespace protolm::testing
