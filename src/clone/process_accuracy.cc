// Scoring a clone against its device's process outputs (see
// process_accuracy.h).
#include "clone/process_accuracy.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace protolm::clone {

std::vector<ProcessAccuracy> ScoreProcesses(
    const std::vector<DatasetRecord>& records, const std::vector<size_t>& test,
    const std::vector<Bytes>& predictions,
    const std::vector<std::unique_ptr<ProcessOutput>>& outputs,
    const std::vector<double>& epsilons) {
  std::vector<ProcessAccuracy> out;
  for (const std::unique_ptr<ProcessOutput>& output : outputs) {
    ProcessAccuracy score;
    score.name = output->name();
    double low = INFINITY, high = -INFINITY;
    for (const DatasetRecord& r : records) {
      if (!output->IsReadOf(r.request)) continue;
      if (auto y = output->ValueIn(r.response)) {
        low = std::min(low, *y);
        high = std::max(high, *y);
      }
    }
    score.range = high >= low ? high - low : 0;
    std::vector<size_t> within(epsilons.size(), 0);
    for (size_t k = 0; k < test.size() && k < predictions.size(); ++k) {
      const DatasetRecord& r = records[test[k]];
      if (!output->IsReadOf(r.request)) continue;
      auto real = output->ValueIn(r.response);
      if (!real) continue;  // the device itself gave no value
      ++score.n;
      auto answered = output->ValueIn(predictions[k]);
      if (!answered) continue;
      for (size_t e = 0; e < epsilons.size(); ++e)
        if (std::fabs(*answered - *real) <= epsilons[e] * score.range)
          ++within[e];
    }
    for (size_t e = 0; e < epsilons.size(); ++e)
      score.rva_epsilon.emplace_back(
          epsilons[e], score.n == 0 ? 0.0
                                    : static_cast<double>(within[e]) /
                                          static_cast<double>(score.n));
    out.push_back(std::move(score));
  }
  return out;
}

nlohmann::json ProcessAccuracyToJson(
    const std::vector<ProcessAccuracy>& scores) {
  nlohmann::json list = nlohmann::json::array();
  for (const ProcessAccuracy& s : scores) {
    nlohmann::json by_epsilon = nlohmann::json::object();
    for (const auto& [epsilon, share] : s.rva_epsilon)
      by_epsilon[fmt::format("{:g}", epsilon)] = share;
    list.push_back({{"name", s.name},
                    {"n", s.n},
                    {"range", s.range},
                    {"rva_epsilon", std::move(by_epsilon)}});
  }
  return list;
}

}  // namespace protolm::clone
