// SurprisalScoring: one trace score from its events' surprisals, for every
// detector that is a next-event model (the n-gram LM now, the LSTM later).
//
// Two summaries, chosen per model and stored with it:
//   mean        the mean surprisal of the trace's events: steady, but one odd
//               event in a long trace is averaged away;
//   window_max  the largest mean surprisal over `window` consecutive events
//               (the whole trace's mean when it is shorter): an attack of a
//               few calls inside a long normal trace still stands out.
// An empty trace scores 0. JSON: {"summary": "mean"|"window_max",
// "window": N}.
#pragma once

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>

#include "util/status.h"

namespace protolm::detect {

struct SurprisalScoring {
  enum class Summary { kMean, kWindowMax };
  Summary summary = Summary::kWindowMax;
  size_t window = 10;

  double Score(std::span<const double> surprisals) const;
  /// Score of the surprisals of a trace's first events when no longer
  /// trace can score lower: window_max over at least `window` of them (the
  /// longer trace's windows include these). nullopt otherwise (mean, or
  /// fewer events than a window).
  std::optional<double> PrefixScore(std::span<const double> surprisals) const;

  nlohmann::json ToJson() const;
  static Result<SurprisalScoring> FromJson(const nlohmann::json& json);
};

}  // namespace protolm::detect
