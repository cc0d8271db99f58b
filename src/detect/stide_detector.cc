// StideDetector: see stide_detector.h.
#include "detect/stide_detector.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <nlohmann/json.hpp>

#include "detect/json_fields.h"
#include "util/escaped_text.h"

namespace protolm::detect {

namespace {

constexpr uint64_t kMaxVocabulary = uint64_t{1} << 31;
constexpr uint64_t kMaxFrame = 1'000'000;

}  // namespace

Status StideDetector::Train(std::span<const std::vector<TokenId>> traces,
                            size_t vocabulary_size) {
  if (window_ < 1 || window_ > kMaxWindow || frame_ < 1) {
    return InvalidArgument("stide: window must be 1.." +
                           std::to_string(kMaxWindow) + ", frame at least 1");
  }
  if (vocabulary_size < 1 || vocabulary_size >= kMaxVocabulary) {
    return InvalidArgument("stide: vocabulary size out of range");
  }
  vocabulary_size_ = vocabulary_size;
  boundary_ = static_cast<TokenId>(vocabulary_size);
  for (const std::vector<TokenId>& trace : traces) {
    std::vector<TokenId> padded = Padded(trace);
    for (size_t i = 0; i < trace.size(); ++i) {
      if (trace[i] >= vocabulary_size_) {
        return InvalidArgument("stide: an event id is not in the vocabulary");
      }
      windows_.Add(std::span(padded).subspan(i, window_ - 1), trace[i]);
    }
  }
  return Status::Ok();
}

std::vector<TokenId> StideDetector::Padded(
    std::span<const TokenId> trace) const {
  std::vector<TokenId> padded(window_ - 1, boundary_);
  padded.insert(padded.end(), trace.begin(), trace.end());
  return padded;
}

bool StideDetector::IsMismatch(const std::vector<TokenId>& padded,
                               size_t begin, TokenId next) const {
  const FollowerCounts* counts =
      windows_.Find(std::span(padded).subspan(begin, window_ - 1));
  return counts == nullptr || counts->CountOf(next) == 0;
}

std::vector<bool> StideDetector::Mismatches(
    std::span<const TokenId> trace) const {
  std::vector<TokenId> padded = Padded(trace);
  std::vector<bool> mismatch(trace.size());
  for (size_t i = 0; i < trace.size(); ++i)
    mismatch[i] = IsMismatch(padded, i, trace[i]);
  return mismatch;
}

void StideDetector::EventSurprisals(std::span<const TokenId> trace,
                                    std::vector<double>& out) const {
  std::vector<TokenId> padded = Padded(trace);
  out.resize(trace.size());
  for (size_t i = 0; i < trace.size(); ++i) {
    const FollowerCounts* counts =
        windows_.Find(std::span(padded).subspan(i, window_ - 1));
    uint64_t count = counts == nullptr ? 0 : counts->CountOf(trace[i]);
    out[i] = count == 0 ? kMaxSurprisal
                        : -std::log(static_cast<double>(count) /
                                    static_cast<double>(counts->total));
  }
}

std::vector<Expectation> StideDetector::Expected(std::span<const TokenId> trace,
                                                 size_t position,
                                                 size_t k) const {
  std::vector<TokenId> padded =
      Padded(trace.first(std::min(position, trace.size())));
  const FollowerCounts* counts =
      windows_.Find(std::span(padded).subspan(padded.size() - (window_ - 1)));
  if (counts == nullptr) return {};
  std::vector<Expectation> expected;
  for (const auto& [event, count] : counts->followers) {
    expected.push_back({event, static_cast<double>(count) /
                                   static_cast<double>(counts->total)});
  }
  std::stable_sort(
      expected.begin(), expected.end(),
      [](const Expectation& a, const Expectation& b) { return a.p > b.p; });
  if (expected.size() > k) expected.resize(k);
  return expected;
}

double StideDetector::TraceScore(std::span<const TokenId> trace) const {
  if (trace.empty()) return 0;
  std::vector<bool> mismatch = Mismatches(trace);
  if (score_ == Score::kMismatchRate) {
    return static_cast<double>(
               std::count(mismatch.begin(), mismatch.end(), true)) /
           static_cast<double>(trace.size());
  }
  return MostInFrame(mismatch);
}

double StideDetector::MostInFrame(const std::vector<bool>& mismatch) const {
  size_t in_frame = 0;
  size_t most = 0;
  for (size_t i = 0; i < mismatch.size(); ++i) {
    in_frame += mismatch[i];
    if (i >= frame_) in_frame -= mismatch[i - frame_];
    most = std::max(most, in_frame);
  }
  return static_cast<double>(most);
}

std::optional<double> StideDetector::PrefixScore(
    std::span<const TokenId> prefix) const {
  // A longer trace holds these windows and more: its frames count at least
  // as many mismatches. A mismatch rate can still fall.
  if (score_ != Score::kLocalityFrame) return std::nullopt;
  return MostInFrame(Mismatches(prefix));
}

/// The last k-1 events (boundary ids before the first) and the frame's
/// mismatches, counted as MostInFrame counts them.
class StideDetector::Monitor final : public PrefixMonitor {
 public:
  explicit Monitor(const StideDetector& model)
      : model_(model), context_(model.Padded({})) {}

  std::optional<double> Push(TokenId event) override {
    const bool mismatch = model_.IsMismatch(context_, 0, event);
    if (!context_.empty()) {
      context_.erase(context_.begin());
      context_.push_back(event);
    }
    frame_.push_back(mismatch);
    in_frame_ += mismatch;
    if (frame_.size() > model_.frame_) {
      in_frame_ -= frame_.front();
      frame_.pop_front();
    }
    most_ = std::max(most_, in_frame_);
    return static_cast<double>(most_);
  }

 private:
  const StideDetector& model_;
  std::vector<TokenId> context_;  // always k-1 ids
  std::deque<bool> frame_;        // the last frame_ mismatches
  size_t in_frame_ = 0;
  size_t most_ = 0;
};

std::unique_ptr<PrefixMonitor> StideDetector::NewPrefixMonitor() const {
  if (score_ != Score::kLocalityFrame) return nullptr;
  return std::make_unique<Monitor>(*this);
}

std::optional<size_t> StideDetector::FirstAnomaly(
    std::span<const TokenId> trace, double /*event_threshold*/) const {
  std::vector<bool> mismatch = Mismatches(trace);
  auto it = std::find(mismatch.begin(), mismatch.end(), true);
  if (it == mismatch.end()) return std::nullopt;
  return static_cast<size_t>(it - mismatch.begin());
}

nlohmann::json StideDetector::ToJson() const {
  return nlohmann::json{
      {"kind", kind()},
      {"window", window_},
      {"score",
       score_ == Score::kMismatchRate ? "mismatch_rate" : "locality_frame"},
      {"frame", frame_},
      {"vocabulary_size", vocabulary_size_},
      {"windows", windows_.ToJson()}};
}

Result<std::unique_ptr<TraceDetector>> StideDetector::FromJson(
    const nlohmann::json& json, size_t vocabulary_size) {
  ASSIGN_OR_RETURN(uint64_t window,
                   ReadUnsigned(json, "window", 1, kMaxWindow));
  ASSIGN_OR_RETURN(std::string score_name, ReadString(json, "score"));
  Score score;
  if (score_name == "mismatch_rate") {
    score = Score::kMismatchRate;
  } else if (score_name == "locality_frame") {
    score = Score::kLocalityFrame;
  } else {
    return Malformed("stide: unknown score " + QuotedForMessage(score_name));
  }
  ASSIGN_OR_RETURN(uint64_t frame, ReadUnsigned(json, "frame", 1, kMaxFrame));
  ASSIGN_OR_RETURN(uint64_t size, ReadUnsigned(json, "vocabulary_size", 1,
                                               kMaxVocabulary - 1));
  if (size != vocabulary_size) {
    return Malformed("stide: trained with another vocabulary");
  }
  auto detector = std::make_unique<StideDetector>(window, score, frame);
  detector->vocabulary_size_ = vocabulary_size;
  detector->boundary_ = static_cast<TokenId>(vocabulary_size);
  if (!json.contains("windows")) return Malformed("stide: no \"windows\"");
  auto windows = ContextTable::FromJson(json["windows"], window - 1,
                                        vocabulary_size + 1, vocabulary_size);
  if (!windows.ok()) return windows.status().WithContext("stide");
  detector->windows_ = std::move(windows).value();
  return std::unique_ptr<TraceDetector>(std::move(detector));
}

}  // namespace protolm::detect
