// TrainModelFile, the model file it writes and the thresholds scoring uses.
#include "detect/pipeline/training.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "detect/detect_test_support.h"
#include "detect/pipeline/scoring.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"

namespace protolm::detect {
namespace {

using ::testing::HasSubstr;

TrainSettings Arch(std::string arch, double far = kDefaultFar) {
  TrainSettings settings;
  settings.arch = std::move(arch);
  settings.far = far;
  return settings;
}

std::vector<TraceSequence> Normal(size_t n) {
  std::vector<TraceSequence> traces;
  for (size_t i = 0; i < n; ++i) {
    traces.push_back(Sequence(i % 2 ? "open read read close" : "open write close",
                              std::to_string(i)));
  }
  return traces;
}

TEST(TrainingTest, HoldsOutEveryTenthTraceAndTrainsTheBaselineBeside) {
  TrainSummary summary;
  auto file = TrainModelFile(Normal(25), std::nullopt,
                             SourceSettings(SourceKind::kSequences),
                             Arch("stide"), summary);
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(summary.train_traces, 23u);
  EXPECT_EQ(summary.validation_traces, 2u);
  EXPECT_TRUE(summary.held_out);
  EXPECT_EQ(file->model.detector->kind(), "stide");
  ASSERT_TRUE(file->baseline_model.has_value());
  EXPECT_EQ(file->baseline().detector->kind(), "ngram");
  EXPECT_EQ(file->validation_scores.size(), 2u);
  EXPECT_DOUBLE_EQ(file->model.calibration->target_far, kDefaultFar);
}

TEST(TrainingTest, TheDefaultModelIsItsOwnBaseline) {
  TrainSummary summary;
  auto file = TrainModelFile(Normal(4), Normal(3), {}, {}, summary);
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_FALSE(file->baseline_model.has_value());
  EXPECT_EQ(&file->baseline(), &file->model);
  EXPECT_FALSE(summary.held_out);
}

TEST(TrainingTest, TooFewTracesToHoldOutAskForVal) {
  TrainSummary summary;
  auto file = TrainModelFile(Normal(9), std::nullopt, {}, {}, summary);
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(file.status().message(), HasSubstr("give --val"));
}

TEST(TrainingTest, ModelFileRoundTripsAndScoresTheSame) {
  testing::ScratchDir dir;
  TrainSummary summary;
  SourceSettings source(SourceKind::kStrace, 1);
  auto file = TrainModelFile(Normal(30), std::nullopt, source,
                             Arch("count", 0.05), summary);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE(file->Save(dir.Path("m.json")).ok());
  auto back = ModelFile::Load(dir.Path("m.json"));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->source.ToJson(), source.ToJson());
  EXPECT_EQ(back->validation_scores, file->validation_scores);
  ASSERT_TRUE(back->baseline_model.has_value());
  TraceSequence odd = Sequence("open exec exec close", "odd");
  auto thresholds = ChooseThresholds(*back, std::nullopt, std::nullopt);
  ASSERT_TRUE(thresholds.ok());
  auto records = ScoreTraces(*back, std::vector<TraceSequence>{odd}, *thresholds);
  EXPECT_TRUE(records[0]["anomalous"].get<bool>());
  EXPECT_EQ(records[0]["first_anomaly"]["observed"], "exec");
}

TEST(TrainingTest, ThresholdOverrides) {
  TrainSummary summary;
  auto file = TrainModelFile(Normal(30), std::nullopt, {}, {}, summary);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(ChooseThresholds(*file, 0.5, 1.0).status().code(),
            StatusCode::kInvalidArgument);
  auto fixed = ChooseThresholds(*file, std::nullopt, 7.5);
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(fixed->trace, 7.5);
  auto at_far = ChooseThresholds(*file, 0.0, std::nullopt);
  ASSERT_TRUE(at_far.ok());
  EXPECT_EQ(at_far->trace, file->validation_scores.back());
}

TEST(TrainingTest, HostileModelFilesAreOneLineErrors) {
  testing::ScratchDir dir;
  testing::WriteFile(dir.Path("x"), "{\"format\": \"protolm-detect\"}");
  auto loaded = ModelFile::Load(dir.Path("x"));
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(), HasSubstr(dir.Path("x")));
  testing::WriteFile(dir.Path("y"), std::string("\0\1\2", 3));
  EXPECT_THAT(ModelFile::Load(dir.Path("y")).status().message(),
              HasSubstr("not JSON"));
  EXPECT_EQ(ModelFile::Load(dir.Path("none")).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace protolm::detect
