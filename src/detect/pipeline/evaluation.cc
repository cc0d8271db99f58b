// Evaluation of a model file: see evaluation.h.
#include "detect/pipeline/evaluation.h"

#include <fmt/format.h>

namespace protolm::detect {

namespace {

constexpr size_t kPrefixesPerTrace = 5;
constexpr uint64_t kNextEventSeed = 1;

std::vector<double> Scores(const DetectorModel& model,
                           std::span<const TraceSequence> traces) {
  std::vector<double> scores;
  scores.reserve(traces.size());
  for (const TraceSequence& trace : traces) {
    scores.push_back(model.detector->TraceScore(model.Encode(trace)));
  }
  return scores;
}

Result<DetectorEval> EvaluateOne(const DetectorModel& model,
                                 std::span<const TraceSequence> normal,
                                 std::span<const TraceSequence> anomalous) {
  if (!model.calibration) {
    return InvalidArgument("the model is not calibrated");
  }
  const std::vector<double> n = Scores(model, normal);
  const std::vector<double> a = Scores(model, anomalous);
  DetectorEval eval;
  eval.kind = std::string(model.detector->kind());
  ASSIGN_OR_RETURN(eval.auc, RocAuc(n, a));
  for (size_t i = 0; i < std::size(kEvalFars); ++i) {
    ASSIGN_OR_RETURN(eval.detection_at_far[i],
                     DetectionAtFar(n, a, kEvalFars[i]));
  }
  eval.threshold = model.calibration->threshold;
  eval.at_threshold = ConfusionAt(n, a, eval.threshold);
  eval.f1_deeplog_scale =
      F1AtRatio(eval.at_threshold.Recall(),
                eval.at_threshold.FalsePositiveRate(), kDeepLogHdfsNormal,
                kDeepLogHdfsAbnormal);
  return eval;
}

std::vector<std::vector<TokenId>> Encoded(
    const DetectorModel& model, std::span<const TraceSequence> traces) {
  std::vector<std::vector<TokenId>> ids;
  ids.reserve(traces.size());
  for (const TraceSequence& trace : traces) ids.push_back(model.Encode(trace));
  return ids;
}

nlohmann::json ToJson(const DetectorEval& e) {
  nlohmann::json at_far = nlohmann::json::object();
  for (size_t i = 0; i < std::size(kEvalFars); ++i) {
    at_far[fmt::format("{:g}", kEvalFars[i])] = e.detection_at_far[i];
  }
  const Confusion& c = e.at_threshold;
  return {{"detector", e.kind},
          {"auc", e.auc},
          {"detection_at_far", at_far},
          {"threshold", e.threshold},
          {"precision", c.Precision()},
          {"recall", c.Recall()},
          {"f1", c.F1()},
          {"fpr", c.FalsePositiveRate()},
          {"true_positives", c.true_positives},
          {"false_positives", c.false_positives},
          {"f1_deeplog_hdfs_scale", e.f1_deeplog_scale}};
}

nlohmann::json ToJson(const NextEventResult& r) {
  return {{"predictions", r.predictions},
          {"accuracy", r.accuracy},
          {"macro_f1", r.macro_f1}};
}

}  // namespace

Result<EvalResult> Evaluate(const ModelFile& file,
                            std::span<const TraceSequence> normal,
                            std::span<const TraceSequence> anomalous) {
  EvalResult result;
  result.normal = normal.size();
  result.anomalous = anomalous.size();
  ASSIGN_OR_RETURN(result.model, EvaluateOne(file.model, normal, anomalous));
  auto baseline = EvaluateOne(file.baseline(), normal, anomalous);
  if (!baseline.ok()) return baseline.status().WithContext("baseline");
  result.baseline = std::move(baseline).value();
  return result;
}

NextEventEval EvaluateNextEventTask(const ModelFile& file,
                                    std::span<const TraceSequence> normal) {
  const auto ids = Encoded(file.model, normal);  // one vocabulary for both
  return {EvaluateNextEvent(*file.model.detector, ids, kPrefixesPerTrace,
                            kNextEventSeed),
          EvaluateNextEvent(*file.baseline().detector, ids, kPrefixesPerTrace,
                            kNextEventSeed)};
}

nlohmann::json ToJson(const EvalResult& r) {
  return {{"normal_traces", r.normal},
          {"anomalous_traces", r.anomalous},
          {"model", ToJson(r.model)},
          {"baseline", ToJson(r.baseline)}};
}

nlohmann::json ToJson(const NextEventEval& r) {
  return {{"task", "next-event"},
          {"model", ToJson(r.model)},
          {"baseline", ToJson(r.baseline)}};
}

std::string ToText(const EvalResult& r) {
  const DetectorEval& m = r.model;
  const DetectorEval& b = r.baseline;
  std::string text = fmt::format("{} normal, {} anomalous traces\n", r.normal,
                                 r.anomalous);
  text += fmt::format("{:<28} {:>12} {:>12}\n", "", "model " + m.kind,
                      "baseline " + b.kind);
  auto row = [&](const std::string& name, double x, double y) {
    text += fmt::format("{:<28} {:>12.4f} {:>12.4f}\n", name, x, y);
  };
  row("ROC AUC", m.auc, b.auc);
  for (size_t i = 0; i < std::size(kEvalFars); ++i) {
    row(fmt::format("detection at FAR {:g} %", kEvalFars[i] * 100),
        m.detection_at_far[i], b.detection_at_far[i]);
  }
  row("calibrated threshold", m.threshold, b.threshold);
  row("  precision", m.at_threshold.Precision(), b.at_threshold.Precision());
  row("  recall", m.at_threshold.Recall(), b.at_threshold.Recall());
  row("  F1", m.at_threshold.F1(), b.at_threshold.F1());
  row("  false-positive rate", m.at_threshold.FalsePositiveRate(),
      b.at_threshold.FalsePositiveRate());
  row("  F1 at DeepLog HDFS scale", m.f1_deeplog_scale, b.f1_deeplog_scale);
  return text;
}

std::string ToText(const NextEventEval& r) {
  std::string text = fmt::format("{:<28} {:>12} {:>12}\n", "next event",
                                 "model", "baseline");
  text += fmt::format("{:<28} {:>12} {:>12}\n", "predictions",
                      r.model.predictions, r.baseline.predictions);
  text += fmt::format("{:<28} {:>12.4f} {:>12.4f}\n", "top-1 accuracy",
                      r.model.accuracy, r.baseline.accuracy);
  text += fmt::format("{:<28} {:>12.4f} {:>12.4f}\n", "macro-F1",
                      r.model.macro_f1, r.baseline.macro_f1);
  return text;
}

}  // namespace protolm::detect
