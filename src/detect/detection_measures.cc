// Detection measures: see detection_measures.h.
#include "detect/detection_measures.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "detect/calibration.h"

namespace protolm::detect {

namespace {

bool AllFinite(std::span<const double> scores) {
  return std::all_of(scores.begin(), scores.end(),
                     [](double s) { return std::isfinite(s); });
}

double Ratio(double part, double whole) { return whole > 0 ? part / whole : 0; }

}  // namespace

Result<double> RocAuc(std::span<const double> normal,
                      std::span<const double> anomalous) {
  if (normal.empty() || anomalous.empty()) {
    return InvalidArgument("ROC AUC needs normal and anomalous scores");
  }
  if (!AllFinite(normal) || !AllFinite(anomalous)) {
    return InvalidArgument("a score is not a finite number");
  }
  // (score, is anomalous), ranked ascending; a run of ties shares the mean of
  // its ranks.
  std::vector<std::pair<double, bool>> all;
  all.reserve(normal.size() + anomalous.size());
  for (double s : normal) all.emplace_back(s, false);
  for (double s : anomalous) all.emplace_back(s, true);
  std::sort(all.begin(), all.end());
  double anomalous_rank_sum = 0;
  for (size_t start = 0; start < all.size();) {
    size_t end = start;
    size_t anomalous_in_run = 0;
    while (end < all.size() && all[end].first == all[start].first) {
      anomalous_in_run += all[end].second;
      ++end;
    }
    double mid_rank = (double(start + 1) + double(end)) / 2;
    anomalous_rank_sum += mid_rank * double(anomalous_in_run);
    start = end;
  }
  const double na = double(anomalous.size());
  const double nn = double(normal.size());
  return (anomalous_rank_sum - na * (na + 1) / 2) / (na * nn);
}

Result<double> DetectionAtFar(std::span<const double> normal,
                              std::span<const double> anomalous, double far) {
  if (anomalous.empty()) return InvalidArgument("no anomalous scores");
  ASSIGN_OR_RETURN(ThresholdAtFar at, ThresholdForFar(normal, far));
  return ConfusionAt(normal, anomalous, at.threshold).Recall();
}

double Confusion::Precision() const {
  return Ratio(double(true_positives),
               double(true_positives + false_positives));
}

double Confusion::Recall() const {
  return Ratio(double(true_positives),
               double(true_positives + false_negatives));
}

double Confusion::FalsePositiveRate() const {
  return Ratio(double(false_positives),
               double(false_positives + true_negatives));
}

double Confusion::F1() const {
  double p = Precision();
  double r = Recall();
  return Ratio(2 * p * r, p + r);
}

Confusion ConfusionAt(std::span<const double> normal,
                      std::span<const double> anomalous, double threshold) {
  Confusion c;
  for (double s : normal)
    ++(s > threshold ? c.false_positives : c.true_negatives);
  for (double s : anomalous) {
    ++(s > threshold ? c.true_positives : c.false_negatives);
  }
  return c;
}

double F1AtRatio(double recall, double fpr, double normal, double anomalous) {
  double flagged_true = recall * anomalous;
  double precision = Ratio(flagged_true, flagged_true + fpr * normal);
  return Ratio(2 * precision * recall, precision + recall);
}

}  // namespace protolm::detect
