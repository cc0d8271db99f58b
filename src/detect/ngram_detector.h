// NgramDetector: an n-gram language model of event sequences with
// interpolated Witten-Bell smoothing.
//
// The model predicts each event and, after the last, the trace's end: both
// ends use the boundary id (= V, read "<end>", vocabulary.h), which pads a
// trace's start, so "first event of a trace" is a context too, and which is
// the outcome "the trace ends here" (a session cut short is as visible as an
// odd event). For an outcome w (an event or the end) and the n-1 ids before
// it, h:
//   p_0(w)   = 1 / (V + 1)                       (V = vocabulary size)
//   p_m(w|h) = (c(h_m, w) + d(h_m) p_{m-1}(w|h)) / (c(h_m) + d(h_m))
// where h_m is the last m events of h, c(h_m, w) how often w followed h_m in
// training, c(h_m) how often h_m occurred, d(h_m) how many distinct events
// followed it; a context never seen stops the recursion (its p is that of
// the shorter one). Order 1 is the unigram model (m = 0 is the empty
// context). Every outcome, `<unk>` included, gets a probability above 0, so
// a surprisal is finite; top-k comes from the full distribution over V + 1.
// The trace score is SurprisalScoring of the events' surprisals followed by
// the end's (default: the largest mean over 10 consecutive ones); the first
// anomaly is the first event over the event threshold, else the end
// (index = number of events) when it is over.
// JSON: {"kind": "ngram", "order": n, "vocabulary_size": V,
//        "scoring": {...}, "tables": [ContextTable of length 0, 1, ...]}.
#pragma once

#include <vector>

#include "detect/context_table.h"
#include "detect/surprisal_scoring.h"
#include "detect/trace_detector.h"

namespace protolm::detect {

class NgramDetector final : public TraceDetector {
 public:
  static constexpr size_t kMaxOrder = 8;

  /// 1 <= order <= kMaxOrder (Train fails otherwise).
  explicit NgramDetector(size_t order = 3, SurprisalScoring scoring = {})
      : order_(order), scoring_(scoring) {}

  std::string_view kind() const override { return "ngram"; }
  Status Train(std::span<const std::vector<TokenId>> traces,
               size_t vocabulary_size) override;
  void EventSurprisals(std::span<const TokenId> trace,
                       std::vector<double>& out) const override;
  std::vector<Expectation> Expected(std::span<const TokenId> trace,
                                    size_t position, size_t k) const override;
  double TraceScore(std::span<const TokenId> trace) const override;
  std::optional<double> PrefixScore(
      std::span<const TokenId> prefix) const override;
  /// The last order-1 events and the window of surprisals.
  std::unique_ptr<PrefixMonitor> NewPrefixMonitor() const override;
  std::optional<size_t> FirstAnomaly(std::span<const TokenId> trace,
                                     double event_threshold) const override;
  nlohmann::json ToJson() const override;

  static Result<std::unique_ptr<TraceDetector>> FromJson(
      const nlohmann::json& json, size_t vocabulary_size);

  /// p(next | the n-1 ids ending `context`, boundary-padded); next may be
  /// the boundary id (the end).
  double Probability(std::span<const TokenId> context, TokenId next) const;
  /// -ln p(the trace ends | its last n-1 events), capped at kMaxSurprisal.
  double EndSurprisal(std::span<const TokenId> trace) const;

 private:
  class Monitor;
  /// The surprisal of `next` after the events in `padded` before `end`.
  double SurprisalAt(const std::vector<TokenId>& padded, size_t end,
                     TokenId next) const;
  // `trace` with order-1 boundary ids in front.
  std::vector<TokenId> Padded(std::span<const TokenId> trace) const;
  // p(next | padded[end-m..end) for m up to order-1).
  double ProbabilityAt(const std::vector<TokenId>& padded, size_t end,
                       TokenId next) const;

  size_t order_;
  SurprisalScoring scoring_;
  size_t vocabulary_size_ = 0;
  TokenId boundary_ = 0;              // = vocabulary_size_
  std::vector<ContextTable> tables_;  // [m] holds contexts of length m
};

}  // namespace protolm::detect
