// Which examples train together: batches of similar length, so that padding
// (wasted computation) stays small while the order still changes every epoch.
#pragma once

#include <cstddef>
#include <random>
#include <vector>

namespace protolm::lm {

/// A batch is a list of example indices.
using BatchPlan = std::vector<std::vector<size_t>>;

/// One epoch of training batches over examples of the given token `lengths`:
/// the indices are shuffled, cut into pools of 16 batches, each pool sorted by
/// length and cut into batches of `batch_size` (the last of a pool may be
/// smaller), and the batch order shuffled. Every index appears exactly once.
/// Deterministic for a given rng state. Precondition: batch_size > 0.
BatchPlan PlanTrainingBatches(const std::vector<size_t>& lengths,
                              size_t batch_size, std::mt19937_64& rng);

/// Evaluation batches: all indices sorted by length, then cut into batches of
/// `batch_size`. Precondition: batch_size > 0.
BatchPlan PlanEvaluationBatches(const std::vector<size_t>& lengths,
                                size_t batch_size);

}  // namespace protolm::lm
