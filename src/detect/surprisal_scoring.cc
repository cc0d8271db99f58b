// SurprisalScoring: see surprisal_scoring.h.
#include "detect/surprisal_scoring.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>

#include "detect/json_fields.h"
#include "util/escaped_text.h"

namespace protolm::detect {

namespace {

constexpr size_t kMaxWindow = 1'000'000;

double Mean(std::span<const double> values) {
  if (values.empty()) return 0;
  return std::accumulate(values.begin(), values.end(), 0.0) /
         static_cast<double>(values.size());
}

// The best window mean, by a sliding sum: one pass however long the trace.
double WindowMax(std::span<const double> values, size_t window) {
  if (values.size() <= window) return Mean(values);
  double sum = std::accumulate(values.begin(), values.begin() + window, 0.0);
  double best = sum;
  for (size_t end = window; end < values.size(); ++end) {
    sum += values[end] - values[end - window];
    best = std::max(best, sum);
  }
  return best / static_cast<double>(window);
}

}  // namespace

double SurprisalScoring::Score(std::span<const double> surprisals) const {
  return summary == Summary::kMean ? Mean(surprisals)
                                   : WindowMax(surprisals, window);
}

std::optional<double> SurprisalScoring::PrefixScore(
    std::span<const double> surprisals) const {
  if (summary != Summary::kWindowMax || surprisals.size() < window) {
    return std::nullopt;
  }
  return WindowMax(surprisals, window);
}

nlohmann::json SurprisalScoring::ToJson() const {
  return nlohmann::json{
      {"summary", summary == Summary::kMean ? "mean" : "window_max"},
      {"window", window}};
}

Result<SurprisalScoring> SurprisalScoring::FromJson(
    const nlohmann::json& json) {
  SurprisalScoring scoring;
  ASSIGN_OR_RETURN(std::string summary, ReadString(json, "summary"));
  if (summary == "mean") {
    scoring.summary = Summary::kMean;
  } else if (summary == "window_max") {
    scoring.summary = Summary::kWindowMax;
  } else {
    return Malformed("scoring: unknown summary " + QuotedForMessage(summary));
  }
  ASSIGN_OR_RETURN(uint64_t window,
                   ReadUnsigned(json, "window", 1, kMaxWindow));
  scoring.window = static_cast<size_t>(window);
  return scoring;
}

}  // namespace protolm::detect
