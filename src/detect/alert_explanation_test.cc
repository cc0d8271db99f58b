// Scored-trace records: the JSON shape `detect score` prints, with evidence.
#include "detect/alert_explanation.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "detect/detect_test_support.h"
#include "detect/ngram_detector.h"
#include "detect/stide_detector.h"

namespace protolm::detect {
namespace {

TEST(ScoreRecord, StideAlertNamesTheFirstUnseenWindow) {
  auto model = DetectorModel::Train(Sequences({"a b c d", "a b c d"}),
                                    std::make_unique<StideDetector>(3));
  ASSERT_TRUE(model.ok());
  TraceSequence trace = Sequence("a b x d", "10.0.0.2:40001-10.0.0.1:502");
  trace.first_record = 7;
  nlohmann::json record = ScoreRecord(*model, trace, {0.1, 1.0}, {5, 1});
  EXPECT_EQ(record["trace"], "10.0.0.2:40001-10.0.0.1:502");
  EXPECT_EQ(record["first_record"], 7);
  EXPECT_DOUBLE_EQ(record["score"].get<double>(), 0.5);  // abx, bxd unseen
  EXPECT_EQ(record["anomalous"], true);
  EXPECT_EQ(record["events"], 4);
  const nlohmann::json expected_anomaly = {
      {"index", 2},
      {"observed", "x"},  // the trace's own token, not <unk>
      {"expected", {{{"event", "c"}, {"p", 1.0}}}},
      {"context", {"b"}}};
  EXPECT_EQ(record["first_anomaly"], expected_anomaly);
}

TEST(ScoreRecord, NormalTraceHasNoEvidence) {
  auto model = DetectorModel::Train(Sequences({"a b c d"}),
                                    std::make_unique<StideDetector>(3));
  ASSERT_TRUE(model.ok());
  nlohmann::json record = ScoreRecord(*model, Sequence("a b c"), {0.1, 1.0});
  EXPECT_EQ(record["anomalous"], false);
  EXPECT_FALSE(record.contains("first_anomaly"));
}

TEST(ScoreRecord, NgramAlertUsesTheEventThreshold) {
  auto model = DetectorModel::Train(Sequences({"a b c", "a b c", "a c c"}),
                                    std::make_unique<NgramDetector>(2));
  ASSERT_TRUE(model.ok());
  TraceSequence trace = Sequence("a b c a");
  std::vector<double> surprisals;
  model->detector->EventSurprisals(model->Encode(trace), surprisals);
  // Only the last event (a after c: never seen) passes a threshold set
  // between it and the rest.
  double event_threshold = surprisals[3] - 0.01;
  ASSERT_GT(event_threshold,
            std::max({surprisals[0], surprisals[1], surprisals[2]}));
  nlohmann::json record =
      ScoreRecord(*model, trace, {0.0, event_threshold}, {2, 10});
  ASSERT_TRUE(record.contains("first_anomaly"));
  const nlohmann::json& anomaly = record["first_anomaly"];
  EXPECT_EQ(anomaly["index"], 3);
  EXPECT_EQ(anomaly["observed"], "a");
  EXPECT_EQ(anomaly["context"], nlohmann::json({"a", "b", "c"}));
  ASSERT_EQ(anomaly["expected"].size(), 2u);
  // After c, training's traces ended 3 times and went on with c once.
  EXPECT_EQ(anomaly["expected"][0]["event"], "<end>");
  EXPECT_EQ(anomaly["expected"][1]["event"], "c");
  // No event passes: the most surprising one is named instead.
  nlohmann::json fallback = ScoreRecord(*model, trace, {0.0, 1e9});
  EXPECT_EQ(fallback["first_anomaly"]["index"], 3);
}

}  // namespace
}  // namespace protolm::detect
