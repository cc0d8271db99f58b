// LiveScorer: every event scored on arrival, an early alert once a trace's
// prefix crosses the threshold, and at a trace's end the record `detect
// score` gives for it.
#include "detect/pipeline/live_scorer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "detect/count_vector_detector.h"
#include "detect/detect_test_support.h"
#include "detect/ngram_detector.h"

namespace protolm::detect {
namespace {

// Sixteen events of a loop: long enough for the n-gram's 10-event window.
const char kNormal[] = "a b c a b c a b c a b c a b c d";

DetectorModel Trained(std::unique_ptr<TraceDetector> untrained) {
  std::vector<TraceSequence> normal;
  for (int i = 0; i < 20; ++i) normal.push_back(Sequence(kNormal));
  auto model = DetectorModel::Train(normal, std::move(untrained));
  EXPECT_TRUE(model.ok()) << model.status().message();
  return std::move(model).value();
}

// Pushes `trace` into `scorer` as a source would, as trace number `number`.
void Push(LiveScorer& scorer, const TraceSequence& trace, uint64_t number) {
  TraceInfo info;
  info.id = trace.id;
  info.number = number;
  scorer.OnTraceStart(info);
  for (const std::string& token : trace.tokens) {
    TraceEvent event;
    event.token = token;
    scorer.OnEvent(info, event);
  }
  scorer.OnTraceEnd(info);
}

struct Collected {
  std::vector<nlohmann::json> records;
  LiveScorer::Emit emit() {
    return [this](const nlohmann::json& r) { records.push_back(r); };
  }
};

TEST(LiveScorerTest, AlertsAsSoonAsThePrefixCrossesAndScoresTheEnd) {
  DetectorModel model = Trained(std::make_unique<NgramDetector>(3));
  const Thresholds thresholds{.trace = 3.0, .event = 5.0};
  Collected out;
  LiveScorer scorer(model, thresholds, {}, out.emit());

  TraceSequence odd = Sequence("a b c a b c a b c a x x x x x x x", "odd");
  Push(scorer, odd, 1);
  Push(scorer, Sequence(kNormal, "fine"), 2);

  EXPECT_EQ(scorer.counts().events, 17u + 16u);
  EXPECT_EQ(scorer.counts().traces_ended, 2u);
  EXPECT_EQ(scorer.open_traces(), 0u);
  ASSERT_EQ(out.records.size(), 2u);  // the alert and the flagged trace
  const nlohmann::json& alert = out.records[0];
  EXPECT_EQ(alert["type"], "alert");
  EXPECT_EQ(alert["trace"], "odd");
  const uint64_t at = alert["index"].get<uint64_t>();
  EXPECT_GE(at, 10u);  // not before a full window of events
  EXPECT_LT(at, odd.tokens.size());
  EXPECT_EQ(alert["observed"], "x");
  EXPECT_GT(alert["score"].get<double>(), thresholds.trace);
  EXPECT_FALSE(alert["expected"].empty());

  // The end record is `detect score`'s, typed, with the early alert named.
  nlohmann::json expected = ScoreRecord(model, odd, thresholds);
  expected["type"] = "trace";
  expected["alerted_at"] = at;
  EXPECT_EQ(out.records[1], expected);
  EXPECT_EQ(scorer.counts().early_alerts, 1u);
  EXPECT_EQ(scorer.counts().flagged_traces, 1u);
}

TEST(LiveScorerTest, ADetectorWithoutPrefixScoresAlertsAtTheEndOnly) {
  DetectorModel model = Trained(std::make_unique<CountVectorDetector>());
  Collected out;
  LiveScorer scorer(model, {.trace = 0, .event = 30}, {.every_trace = true},
                    out.emit());
  Push(scorer, Sequence(kNormal, "fine"), 1);
  Push(scorer, Sequence("a b c z", "new-event"), 2);
  ASSERT_EQ(out.records.size(), 2u);
  EXPECT_EQ(out.records[0]["type"], "trace");
  EXPECT_FALSE(out.records[0]["anomalous"].get<bool>());
  EXPECT_TRUE(out.records[1]["anomalous"].get<bool>());
  EXPECT_FALSE(out.records[1].contains("alerted_at"));
  EXPECT_EQ(scorer.counts().early_alerts, 0u);
}

TEST(LiveScorerTest, ALongTraceKeepsItsLastEventsAndCountsThemAll) {
  DetectorModel model = Trained(std::make_unique<NgramDetector>(3));
  Collected out;
  // Kept: at most 8 events, the older half dropped when full; the last
  // trim leaves events 24..30, "a b c a b c q", a start like training's.
  LiveScorer scorer(model, {.trace = 0, .event = 5.0},
                    {.max_kept_events = 8, .every_trace = true}, out.emit());
  std::string text;
  for (int i = 0; i < 10; ++i) text += "a b c ";
  Push(scorer, Sequence(text + "q", "long"), 1);
  ASSERT_FALSE(out.records.empty());
  const nlohmann::json& end = out.records.back();
  EXPECT_EQ(end["type"], "trace");
  EXPECT_EQ(end["events"], 31);
  ASSERT_TRUE(end.contains("first_anomaly")) << end.dump();
  EXPECT_EQ(end["first_anomaly"]["index"], 30);  // "q", in trace terms
  EXPECT_EQ(end["first_anomaly"]["observed"], "q");
}

TEST(LiveScorerTest, WarningsAreCountedAndPassedOn) {
  DetectorModel model = Trained(std::make_unique<NgramDetector>(3));
  std::vector<std::string> seen;
  LiveScorer scorer(model, {}, {}, [](const nlohmann::json&) {},
                    [&](const Status& w) { seen.push_back(w.message()); });
  scorer.OnWarning(Malformed("live.log:3: not a record"));
  EXPECT_EQ(scorer.counts().warnings, 1u);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], "live.log:3: not a record");
}

}  // namespace
}  // namespace protolm::detect
