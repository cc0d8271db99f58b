// TraceDetector: what every detector of abnormal traces answers, whatever
// its model (STIDE, an n-gram LM, event-count vectors, later the LSTM and
// transformer the torch plugin trains).
//
// A detector sees a trace as event ids (vocabulary.h) and gives
//   - per event, its surprisal: -ln p(event | the events before it), in
//     nats, capped at kMaxSurprisal for what the model deems impossible
//     (an unseen window, an unseen event type);
//   - at any position, the k events it expected there, with probabilities;
//   - per trace, one score, higher = more anomalous (each detector documents
//     its own: mean or windowed surprisal, mismatch rate, count distance);
//   - the first event its rule calls anomalous, the alert's evidence.
// A model that yields a next-event distribution per position (an LSTM) fits
// by computing EventSurprisals in one pass and Expected from the distribution
// at a position; SurprisalScoring (surprisal_scoring.h) turns surprisals
// into a trace score. Train once; the scoring methods are const and safe to
// call from several threads. Save with ToJson, load with DetectorFromJson.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "detect/prefix_monitor.h"
#include "detect/token_key.h"
#include "util/status.h"

namespace protolm::detect {

/// The surprisal of an event a model gives no probability (ln of 10^-13).
inline constexpr double kMaxSurprisal = 30.0;

/// An event a detector expected, with its probability.
struct Expectation {
  TokenId event = kUnknownToken;
  double p = 0;

  bool operator==(const Expectation&) const = default;
};

class TraceDetector {
 public:
  virtual ~TraceDetector() = default;

  /// "stide", "ngram", "counts", "learned": the "kind" of its JSON.
  virtual std::string_view kind() const = 0;

  /// Learns normal behaviour from `traces`, whose ids are below
  /// `vocabulary_size`. Call once, before anything else.
  virtual Status Train(std::span<const std::vector<TokenId>> traces,
                       size_t vocabulary_size) = 0;

  /// out[i] = surprisal of trace[i] given trace[0..i); `out` is resized.
  virtual void EventSurprisals(std::span<const TokenId> trace,
                               std::vector<double>& out) const = 0;

  /// The (at most) k events most expected at `position` given
  /// trace[0..position), most likely first, ties by id; position may be
  /// trace.size() (what would come next).
  virtual std::vector<Expectation> Expected(std::span<const TokenId> trace,
                                            size_t position,
                                            size_t k) const = 0;

  /// The trace's anomaly score; higher is more anomalous.
  virtual double TraceScore(std::span<const TokenId> trace) const = 0;

  /// The score of the first events of a trace that goes on (what a live
  /// monitor has seen so far), on TraceScore's scale and never above the
  /// TraceScore of a trace that begins with them: a prefix over the
  /// threshold means the whole trace will be flagged. nullopt when the
  /// detector has no such score for `prefix` (the default; the count
  /// vector, whose prefixes are vectors training never saw).
  virtual std::optional<double> PrefixScore(
      std::span<const TokenId> /*prefix*/) const {
    return std::nullopt;
  }
  /// PrefixScore kept up to date one event at a time at a cost independent
  /// of the trace's length (prefix_monitor.h); nullptr when the detector
  /// has none (the default: a caller then asks PrefixScore).
  virtual std::unique_ptr<PrefixMonitor> NewPrefixMonitor() const {
    return nullptr;
  }

  /// The first event the detector calls anomalous: by default the first
  /// whose surprisal is above `event_threshold`; detectors with a rule of
  /// their own (an unseen window) use it instead.
  virtual std::optional<size_t> FirstAnomaly(std::span<const TokenId> trace,
                                             double event_threshold) const;

  /// Its trained state and settings, with "kind".
  virtual nlohmann::json ToJson() const = 0;
};

/// A trained detector from ToJson's output, checked against the vocabulary
/// size it was trained with (an untrusted file: never crashes).
Result<std::unique_ptr<TraceDetector>> DetectorFromJson(
    const nlohmann::json& json, size_t vocabulary_size);

/// The k largest of `p` (index = event id) as expectations, ties by id.
std::vector<Expectation> TopK(std::span<const double> p, size_t k);

}  // namespace protolm::detect
