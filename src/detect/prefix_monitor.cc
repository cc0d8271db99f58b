// PrefixMonitor's window tracker (prefix_monitor.h).
#include "detect/prefix_monitor.h"

#include <algorithm>

namespace protolm::detect {

WindowMaxTracker::WindowMaxTracker(const SurprisalScoring& scoring)
    : window_max_(scoring.summary == SurprisalScoring::Summary::kWindowMax),
      window_(scoring.window) {}

std::optional<double> WindowMaxTracker::Push(double surprisal) {
  if (!window_max_) return std::nullopt;
  last_.push_back(surprisal);
  if (last_.size() <= window_) {
    sum_ += surprisal;
    best_ = sum_;
    if (last_.size() < window_) return std::nullopt;
  } else {
    sum_ += surprisal - last_.front();
    last_.pop_front();
    best_ = std::max(best_, sum_);
  }
  return best_ / static_cast<double>(window_);
}

}  // namespace protolm::detect
