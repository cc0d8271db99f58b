// PrefixMonitor: the prefix score of one growing trace (TraceDetector::
// PrefixScore), kept up to date one event at a time.
//
// A live monitor (pipeline/live_scorer.h) asks after every event whether the
// trace seen so far is already over the threshold. Recomputing PrefixScore
// over the whole prefix costs its length per event, so a long trace (a
// server process under strace) would cost its square. A detector whose
// prefix score depends on a bounded past gives a monitor instead
// (TraceDetector::NewPrefixMonitor): the n-gram LM keeps its last n-1
// events and the window of surprisals, STIDE its last k-1 events and the
// frame of mismatches. Each Push costs the same whatever the trace's length,
// memory is bounded, and the scores equal PrefixScore of the whole prefix.
// One monitor per trace; not thread-safe.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>

#include "detect/surprisal_scoring.h"
#include "detect/token_key.h"

namespace protolm::detect {

class PrefixMonitor {
 public:
  virtual ~PrefixMonitor() = default;
  /// Takes the trace's next event; returns the PrefixScore of all the
  /// events taken so far (nullopt where PrefixScore has none).
  virtual std::optional<double> Push(TokenId event) = 0;
};

/// SurprisalScoring::PrefixScore of surprisals as they arrive: the same
/// sliding sum, so the same value to the last bit.
class WindowMaxTracker {
 public:
  explicit WindowMaxTracker(const SurprisalScoring& scoring);
  std::optional<double> Push(double surprisal);

 private:
  bool window_max_;
  size_t window_;
  std::deque<double> last_;  // the last `window_` surprisals
  double sum_ = 0;
  double best_ = 0;
};

}  // namespace protolm::detect
