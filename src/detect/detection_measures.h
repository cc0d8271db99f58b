// Measures of a detector over labelled traces: normal traces are negatives,
// anomalous ones positives, each with its trace score.
//
//   RocAuc           the probability that a random anomalous trace scores
//                    above a random normal one, ties counted one half: the
//                    Mann-Whitney U over mid-ranks, divided by n_a x n_n.
//   DetectionAtFar   the share of anomalous traces above the threshold that
//                    the normal scores themselves give at that FAR
//                    (calibration.h), i.e. a point of the ROC curve.
//   ConfusionAt      counts at a threshold (flag = score > threshold) and
//                    precision, recall, F1, false-positive rate from them.
//   F1AtRatio        the F1 the same recall and FPR give on a test set of
//                    another normal:anomalous ratio: precision =
//                    R A / (R A + FPR N). A balanced tuning set flatters
//                    precision; DeepLog's full HDFS test set has
//                    N = 553,366 normal and A = 16,838 abnormal sessions.
#pragma once

#include <cstddef>
#include <span>

#include "util/status.h"

namespace protolm::detect {

inline constexpr double kDeepLogHdfsNormal = 553'366;
inline constexpr double kDeepLogHdfsAbnormal = 16'838;

/// Errors: an empty side, a score that is not finite.
Result<double> RocAuc(std::span<const double> normal,
                      std::span<const double> anomalous);

/// Errors: those of RocAuc and of ThresholdForFar.
Result<double> DetectionAtFar(std::span<const double> normal,
                              std::span<const double> anomalous, double far);

struct Confusion {
  size_t true_positives = 0;
  size_t false_positives = 0;
  size_t true_negatives = 0;
  size_t false_negatives = 0;

  double Precision() const;  // 0 when nothing is flagged
  double Recall() const;     // 0 when there are no positives
  double FalsePositiveRate() const;
  double F1() const;  // 0 when precision + recall is 0
};

Confusion ConfusionAt(std::span<const double> normal,
                      std::span<const double> anomalous, double threshold);

/// F1 from `recall` and `fpr` on a set of `normal` and `anomalous` traces.
double F1AtRatio(double recall, double fpr, double normal, double anomalous);

}  // namespace protolm::detect
