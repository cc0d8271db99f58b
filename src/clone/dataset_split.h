// How the clone pipeline divides a probe dataset: a random split into
// training, validation and test records (LLMPot's 80/10/10), and the model
// examples those records become.
//
// The split is deterministic for a seed. A record's context is its own
// `context` list when the dataset carries one (probe --context K), otherwise
// the records before it on the same session, at most `context` of them. Pure
// functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "lm/engine/tokens.h"
#include "trace/dataset_reader.h"

namespace protolm::clone {

/// Indices into the record list.
struct DatasetSplit {
  std::vector<size_t> train;
  std::vector<size_t> validation;
  std::vector<size_t> test;
};

/// Shuffles 0..n-1 with `seed` and cuts it by the shares (the rest is the
/// test part). With n >= 3 every part gets at least one record.
DatasetSplit SplitDataset(size_t n, uint64_t seed, double train_share = 0.8,
                          double validation_share = 0.1);

/// The records a clone learns from and answers: those with a request.
std::vector<DatasetRecord> RequestRecords(std::vector<DatasetRecord> records);

/// The context of records[i]: at most `context` exchanges before it (see the
/// file comment), oldest first.
std::vector<ByteExchange> ContextOf(const std::vector<DatasetRecord>& records,
                                        size_t i, size_t context);

/// records[i] for i in `indices` as model examples with their context.
std::vector<lm::Example> ToExamples(const std::vector<DatasetRecord>& records,
                                    const std::vector<size_t>& indices,
                                    size_t context);

}  // namespace protolm::clone
