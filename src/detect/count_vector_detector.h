// CountVectorDetector: the "unseen event-count vector" baseline. A trace is
// the vector of how many times each event type occurs in it, order ignored.
//
// Rule: a trace is normal when its count vector equals one seen in training.
// The score grades the rest:
//   score = 1000 x (events of a type training never saw, `<unk>` included)
//           + the L1 distance from its count vector to the nearest training
//             vector,
// so 0 = a vector seen in training, any unseen event type ranks above any
// mere difference of counts, and a calibrated threshold of 0 is the plain
// unseen-vector rule (on HDFS: recall 1.0 at 0.38 % false positives in the
// issue). The nearest vector is found by a scan of the distinct training
// vectors with early exit (HDFS train: a few hundred).
// Event surprisal: -ln of the event type's share of training events
// (kMaxSurprisal when unseen); Expected ignores the context and gives those
// shares (the model has no order). First anomaly: the first event of an
// unseen type, else the first whose running count passes the largest count
// of its type in any training trace.
// JSON: {"kind": "counts", "vocabulary_size": V,
//        "vectors": [{"traces": n, "counts": [[id, count], ...]}, ...]}.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "detect/trace_detector.h"

namespace protolm::detect {

class CountVectorDetector final : public TraceDetector {
 public:
  static constexpr double kUnseenTypeWeight = 1000;

  std::string_view kind() const override { return "counts"; }
  Status Train(std::span<const std::vector<TokenId>> traces,
               size_t vocabulary_size) override;
  void EventSurprisals(std::span<const TokenId> trace,
                       std::vector<double>& out) const override;
  std::vector<Expectation> Expected(std::span<const TokenId> trace,
                                    size_t position, size_t k) const override;
  double TraceScore(std::span<const TokenId> trace) const override;
  std::optional<size_t> FirstAnomaly(std::span<const TokenId> trace,
                                     double event_threshold) const override;
  nlohmann::json ToJson() const override;

  static Result<std::unique_ptr<TraceDetector>> FromJson(
      const nlohmann::json& json, size_t vocabulary_size);

 private:
  // Sorted by id, counts > 0.
  using CountVector = std::vector<std::pair<TokenId, uint64_t>>;

  static CountVector CountsOf(std::span<const TokenId> trace);
  // Adds `traces` traces of vector `counts` to the model; fails when the
  // totals would overflow (only a hostile model file gets there).
  Status AddVector(const CountVector& counts, uint64_t traces);
  bool Seen(TokenId event) const {
    return event < event_totals_.size() && event_totals_[event] > 0;
  }

  size_t vocabulary_size_ = 0;
  std::vector<CountVector> vectors_;     // distinct training vectors
  std::vector<uint64_t> vector_traces_;  // traces per vector
  std::unordered_map<std::string, size_t, KeyHash, std::equal_to<>> index_;
  std::vector<uint64_t> event_totals_;  // per id: events in training
  std::vector<uint64_t> max_counts_;    // per id: most in one trace
  uint64_t total_events_ = 0;
};

}  // namespace protolm::detect
