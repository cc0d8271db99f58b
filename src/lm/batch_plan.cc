// PlanTrainingBatches and PlanEvaluationBatches (see batch_plan.h).
#include "lm/batch_plan.h"

#include <algorithm>
#include <numeric>

namespace protolm::lm {
namespace {

constexpr size_t kBatchesPerPool = 16;

// Sorts `indices` [begin, end) by length (stable: ties keep their order) and
// appends them to `plan` as batches of `batch_size`.
void AppendSortedBatches(std::vector<size_t>::iterator begin,
                         std::vector<size_t>::iterator end,
                         const std::vector<size_t>& lengths, size_t batch_size,
                         BatchPlan* plan) {
  std::stable_sort(begin, end,
                   [&](size_t a, size_t b) { return lengths[a] < lengths[b]; });
  for (auto it = begin; it != end;) {
    auto batch_end = end - it > static_cast<std::ptrdiff_t>(batch_size)
                         ? it + static_cast<std::ptrdiff_t>(batch_size)
                         : end;
    plan->emplace_back(it, batch_end);
    it = batch_end;
  }
}

}  // namespace

BatchPlan PlanTrainingBatches(const std::vector<size_t>& lengths,
                              size_t batch_size, std::mt19937_64& rng) {
  std::vector<size_t> order(lengths.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::shuffle(order.begin(), order.end(), rng);
  BatchPlan plan;
  const size_t pool = batch_size * kBatchesPerPool;
  for (size_t start = 0; start < order.size(); start += pool) {
    size_t end = std::min(order.size(), start + pool);
    AppendSortedBatches(order.begin() + static_cast<std::ptrdiff_t>(start),
                        order.begin() + static_cast<std::ptrdiff_t>(end),
                        lengths, batch_size, &plan);
  }
  std::shuffle(plan.begin(), plan.end(), rng);
  return plan;
}

BatchPlan PlanEvaluationBatches(const std::vector<size_t>& lengths,
                                size_t batch_size) {
  std::vector<size_t> order(lengths.size());
  std::iota(order.begin(), order.end(), size_t{0});
  BatchPlan plan;
  AppendSortedBatches(order.begin(), order.end(), lengths, batch_size, &plan);
  return plan;
}

}  // namespace protolm::lm
