// How close a clone's answers come to a physical process's outputs, as
// LLMPot's Figure 10 measures it: for each process output of the probe
// configuration (proto/probe_settings.h), the test requests that read its output are scored by RVA-ε
// at several ε, each a share of the output's range (max - min of the real
// outputs the whole probe read). An answer whose value does not decode (an
// exception, another shape) misses at every ε. Pure functions; thread-safe.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "proto/probe_settings.h"
#include "trace/dataset_reader.h"
#include "util/bytes.h"

namespace protolm::clone {

/// The ε of the clone report's process table: 1, 5 and 10 % of the range.
inline const std::vector<double> kProcessEpsilons = {0.01, 0.05, 0.10};

struct ProcessAccuracy {
  std::string name;
  size_t n = 0;      // test requests reading the output
  double range = 0;  // max - min of the real outputs
  /// (ε, share of the n answers within ε · range), in the order asked.
  std::vector<std::pair<double, double>> rva_epsilon;
};

/// Scores predictions[k] as the answer to records[test[k]], per output.
std::vector<ProcessAccuracy> ScoreProcesses(
    const std::vector<DatasetRecord>& records, const std::vector<size_t>& test,
    const std::vector<Bytes>& predictions,
    const std::vector<std::unique_ptr<ProcessOutput>>& outputs,
    const std::vector<double>& epsilons);

/// [{"name", "n", "range", "rva_epsilon": {"0.01": share, ...}}, ...]
nlohmann::json ProcessAccuracyToJson(
    const std::vector<ProcessAccuracy>& scores);

}  // namespace protolm::clone
