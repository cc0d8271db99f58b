// StideDetector: STIDE (Forrest et al., "A sense of self for Unix
// processes", 1996): the database of every window of k consecutive events
// seen in normal traces; a window not in it is a mismatch.
//
// Each event ends one window: itself and the k-1 events before it (a
// trace's first events are padded with a boundary id, so short traces and
// trace starts are windows too). Trace score, chosen and stored with the
// model:
//   mismatch_rate   the share of the trace's windows never seen in training
//                   (0 for an empty trace);
//   locality_frame  the locality frame count: the most mismatches among any
//                   `frame` consecutive windows (Warrender et al., 1999).
// Event surprisal: -ln of the share of the window's k-1 first events that
// training saw followed by this event; kMaxSurprisal for a mismatch.
// Expected: the events training saw after those k-1 events, by share. The
// first anomaly is the first mismatching window's last event.
// JSON: {"kind": "stide", "window": k, "score": "mismatch_rate" |
//        "locality_frame", "frame": f, "vocabulary_size": V,
//        "windows": ContextTable of length k-1}.
#pragma once

#include <vector>

#include "detect/context_table.h"
#include "detect/trace_detector.h"

namespace protolm::detect {

class StideDetector final : public TraceDetector {
 public:
  static constexpr size_t kMaxWindow = 64;
  enum class Score { kMismatchRate, kLocalityFrame };

  /// 1 <= window <= kMaxWindow and frame >= 1 (Train fails otherwise).
  explicit StideDetector(size_t window = 6, Score score = Score::kMismatchRate,
                         size_t frame = 20)
      : window_(window), score_(score), frame_(frame) {}

  std::string_view kind() const override { return "stide"; }
  Status Train(std::span<const std::vector<TokenId>> traces,
               size_t vocabulary_size) override;
  void EventSurprisals(std::span<const TokenId> trace,
                       std::vector<double>& out) const override;
  std::vector<Expectation> Expected(std::span<const TokenId> trace,
                                    size_t position, size_t k) const override;
  double TraceScore(std::span<const TokenId> trace) const override;
  std::optional<double> PrefixScore(
      std::span<const TokenId> prefix) const override;
  /// With the locality frame: the last k-1 events and the frame of
  /// mismatches; nullptr with the mismatch rate (no prefix score).
  std::unique_ptr<PrefixMonitor> NewPrefixMonitor() const override;
  std::optional<size_t> FirstAnomaly(std::span<const TokenId> trace,
                                     double event_threshold) const override;
  nlohmann::json ToJson() const override;

  static Result<std::unique_ptr<TraceDetector>> FromJson(
      const nlohmann::json& json, size_t vocabulary_size);

  /// Per event, whether its window is a mismatch.
  std::vector<bool> Mismatches(std::span<const TokenId> trace) const;

 private:
  class Monitor;
  /// Whether `next` after the k-1 events of `padded` from `begin` is a
  /// window training never saw.
  bool IsMismatch(const std::vector<TokenId>& padded, size_t begin,
                  TokenId next) const;
  /// The most mismatches in any `frame_` consecutive windows.
  double MostInFrame(const std::vector<bool>& mismatch) const;
  std::vector<TokenId> Padded(std::span<const TokenId> trace) const;

  size_t window_;
  Score score_;
  size_t frame_;
  size_t vocabulary_size_ = 0;
  TokenId boundary_ = 0;  // = vocabulary_size_
  ContextTable windows_;  // first k-1 events -> last events
};

}  // namespace protolm::detect
