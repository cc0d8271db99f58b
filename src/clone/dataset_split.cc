// Splitting datasets and turning records into examples (see dataset_split.h).
#include "clone/dataset_split.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace protolm::clone {

DatasetSplit SplitDataset(size_t n, uint64_t seed, double train_share,
                          double validation_share) {
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::mt19937_64 rng(seed);
  // Fisher-Yates with the engine directly: std::shuffle's use of the engine
  // differs between standard libraries, this does not.
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  size_t train = static_cast<size_t>(n * train_share);
  size_t validation = static_cast<size_t>(n * validation_share);
  if (n >= 3) {
    validation = std::max<size_t>(validation, 1);
    train = std::clamp<size_t>(train, 1, n - validation - 1);
  }
  DatasetSplit split;
  split.train.assign(order.begin(), order.begin() + train);
  split.validation.assign(order.begin() + train,
                          order.begin() + train + validation);
  split.test.assign(order.begin() + train + validation, order.end());
  return split;
}

std::vector<DatasetRecord> RequestRecords(std::vector<DatasetRecord> records) {
  std::erase_if(records,
                [](const DatasetRecord& r) { return r.request.empty(); });
  return records;
}

std::vector<ByteExchange> ContextOf(const std::vector<DatasetRecord>& records,
                                        size_t i, size_t context) {
  std::vector<ByteExchange> exchanges;
  if (context == 0) return exchanges;
  const DatasetRecord& record = records[i];
  if (record.context) {
    const auto& own = *record.context;
    size_t first = own.size() > context ? own.size() - context : 0;
    for (size_t k = first; k < own.size(); ++k)
      exchanges.push_back({own[k].request, own[k].response});
    return exchanges;
  }
  for (size_t k = i; k > 0 && exchanges.size() < context; --k) {
    const DatasetRecord& before = records[k - 1];
    if (before.session != record.session) break;
    exchanges.push_back({before.request, before.response});
  }
  std::reverse(exchanges.begin(), exchanges.end());
  return exchanges;
}

std::vector<lm::Example> ToExamples(const std::vector<DatasetRecord>& records,
                                    const std::vector<size_t>& indices,
                                    size_t context) {
  std::vector<lm::Example> examples;
  examples.reserve(indices.size());
  for (size_t i : indices) {
    examples.push_back(
        {ContextOf(records, i, context), records[i].request, records[i].response});
  }
  return examples;
}

}  // namespace protolm::clone
