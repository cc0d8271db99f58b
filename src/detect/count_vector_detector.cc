// CountVectorDetector: see count_vector_detector.h.
#include "detect/count_vector_detector.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "detect/json_fields.h"

namespace protolm::detect {

namespace {

constexpr uint64_t kMaxVocabulary = uint64_t{1} << 31;
constexpr uint64_t kMaxCount = uint64_t{1} << 32;

// The vector's ids and counts as bytes, field by field: the pairs' own
// bytes would take in their padding, which is not part of the value.
std::string VectorKey(const std::vector<std::pair<TokenId, uint64_t>>& counts) {
  std::string key;
  key.reserve(counts.size() * (sizeof(TokenId) + sizeof(uint64_t)));
  for (const auto& [id, count] : counts) {
    key.append(reinterpret_cast<const char*>(&id), sizeof(id));
    key.append(reinterpret_cast<const char*>(&count), sizeof(count));
  }
  return key;
}

// L1 distance of two sorted sparse vectors, given up (returning `limit`)
// once it reaches `limit`.
uint64_t L1Distance(const std::vector<std::pair<TokenId, uint64_t>>& a,
                    const std::vector<std::pair<TokenId, uint64_t>>& b,
                    uint64_t limit) {
  uint64_t distance = 0;
  size_t i = 0, j = 0;
  while ((i < a.size() || j < b.size()) && distance < limit) {
    if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
      distance += a[i++].second;
    } else if (i == a.size() || b[j].first < a[i].first) {
      distance += b[j++].second;
    } else {
      distance += a[i].second > b[j].second ? a[i].second - b[j].second
                                            : b[j].second - a[i].second;
      ++i, ++j;
    }
  }
  return std::min(distance, limit);
}

}  // namespace

CountVectorDetector::CountVector CountVectorDetector::CountsOf(
    std::span<const TokenId> trace) {
  std::vector<TokenId> sorted(trace.begin(), trace.end());
  std::sort(sorted.begin(), sorted.end());
  CountVector counts;
  for (TokenId id : sorted) {
    if (!counts.empty() && counts.back().first == id) {
      ++counts.back().second;
    } else {
      counts.emplace_back(id, 1);
    }
  }
  return counts;
}

Status CountVectorDetector::AddVector(const CountVector& counts,
                                      uint64_t traces) {
  for (const auto& [id, count] : counts) {
    uint64_t events = 0;
    if (__builtin_mul_overflow(count, traces, &events) ||
        __builtin_add_overflow(event_totals_[id], events, &event_totals_[id]) ||
        __builtin_add_overflow(total_events_, events, &total_events_)) {
      return OutOfRange("counts: event totals overflow");
    }
    max_counts_[id] = std::max(max_counts_[id], count);
  }
  auto [it, inserted] =
      index_.try_emplace(VectorKey(counts), vectors_.size());
  if (inserted) {
    vectors_.push_back(counts);
    vector_traces_.push_back(0);
  }
  vector_traces_[it->second] += traces;
  return Status::Ok();
}

Status CountVectorDetector::Train(std::span<const std::vector<TokenId>> traces,
                                  size_t vocabulary_size) {
  if (vocabulary_size < 1 || vocabulary_size >= kMaxVocabulary) {
    return InvalidArgument("counts: vocabulary size out of range");
  }
  vocabulary_size_ = vocabulary_size;
  event_totals_.assign(vocabulary_size, 0);
  max_counts_.assign(vocabulary_size, 0);
  for (const std::vector<TokenId>& trace : traces) {
    CountVector counts = CountsOf(trace);
    if (!counts.empty() && counts.back().first >= vocabulary_size) {
      return InvalidArgument("counts: an event id is not in the vocabulary");
    }
    RETURN_IF_ERROR(AddVector(counts, 1));
  }
  return Status::Ok();
}

void CountVectorDetector::EventSurprisals(std::span<const TokenId> trace,
                                          std::vector<double>& out) const {
  out.resize(trace.size());
  for (size_t i = 0; i < trace.size(); ++i) {
    out[i] = Seen(trace[i])
                 ? -std::log(static_cast<double>(event_totals_[trace[i]]) /
                             static_cast<double>(total_events_))
                 : kMaxSurprisal;
  }
}

std::vector<Expectation> CountVectorDetector::Expected(
    std::span<const TokenId> /*trace*/, size_t /*position*/, size_t k) const {
  std::vector<double> shares(event_totals_.size());
  for (size_t id = 0; id < shares.size(); ++id) {
    shares[id] = static_cast<double>(event_totals_[id]) /
                 static_cast<double>(std::max<uint64_t>(total_events_, 1));
  }
  std::vector<Expectation> expected = TopK(shares, k);
  std::erase_if(expected, [](const Expectation& e) { return e.p == 0; });
  return expected;
}

double CountVectorDetector::TraceScore(std::span<const TokenId> trace) const {
  CountVector counts = CountsOf(trace);
  if (index_.contains(VectorKey(counts))) return 0;
  uint64_t unseen = 0;
  for (const auto& [id, count] : counts) unseen += Seen(id) ? 0 : count;
  uint64_t nearest = std::numeric_limits<uint64_t>::max();
  for (const CountVector& known : vectors_) {
    nearest = L1Distance(counts, known, nearest);
  }
  if (vectors_.empty()) nearest = trace.size();
  return kUnseenTypeWeight * static_cast<double>(unseen) +
         static_cast<double>(nearest);
}

std::optional<size_t> CountVectorDetector::FirstAnomaly(
    std::span<const TokenId> trace, double /*event_threshold*/) const {
  for (size_t i = 0; i < trace.size(); ++i) {
    if (!Seen(trace[i])) return i;
  }
  std::unordered_map<TokenId, uint64_t> running;
  for (size_t i = 0; i < trace.size(); ++i) {
    if (++running[trace[i]] > max_counts_[trace[i]]) return i;
  }
  return std::nullopt;
}

nlohmann::json CountVectorDetector::ToJson() const {
  nlohmann::json vectors = nlohmann::json::array();
  for (size_t v = 0; v < vectors_.size(); ++v) {
    nlohmann::json counts = nlohmann::json::array();
    for (const auto& [id, count] : vectors_[v]) counts.push_back({id, count});
    vectors.push_back(
        {{"traces", vector_traces_[v]}, {"counts", std::move(counts)}});
  }
  return nlohmann::json{{"kind", kind()},
                        {"vocabulary_size", vocabulary_size_},
                        {"vectors", std::move(vectors)}};
}

Result<std::unique_ptr<TraceDetector>> CountVectorDetector::FromJson(
    const nlohmann::json& json, size_t vocabulary_size) {
  ASSIGN_OR_RETURN(uint64_t size, ReadUnsigned(json, "vocabulary_size", 1,
                                               kMaxVocabulary - 1));
  if (size != vocabulary_size) {
    return Malformed("counts: trained with another vocabulary");
  }
  ASSIGN_OR_RETURN(const nlohmann::json* vectors, ReadArray(json, "vectors"));
  auto detector = std::make_unique<CountVectorDetector>();
  RETURN_IF_ERROR(detector->Train({}, vocabulary_size));
  for (const nlohmann::json& vector : *vectors) {
    auto traces = ReadUnsigned(vector, "traces", 1, kMaxCount);
    if (!traces.ok()) return traces.status().WithContext("counts");
    auto counts_json = ReadArray(vector, "counts");
    if (!counts_json.ok()) return counts_json.status().WithContext("counts");
    CountVector counts;
    for (const nlohmann::json& pair : **counts_json) {
      if (!pair.is_array() || pair.size() != 2) {
        return Malformed("counts: an entry is not [id, count]");
      }
      ASSIGN_OR_RETURN(uint64_t id,
                       UnsignedBelow(pair[0], vocabulary_size, "an event id"));
      ASSIGN_OR_RETURN(uint64_t count,
                       UnsignedBelow(pair[1], kMaxCount + 1, "a count"));
      if (count == 0 || (!counts.empty() && counts.back().first >= id)) {
        return Malformed("counts: counts must be > 0, ids increasing");
      }
      counts.emplace_back(static_cast<TokenId>(id), count);
    }
    if (detector->index_.contains(VectorKey(counts))) {
      return Malformed("counts: a vector occurs twice");
    }
    RETURN_IF_ERROR(detector->AddVector(counts, *traces));
  }
  return std::unique_ptr<TraceDetector>(std::move(detector));
}

}  // namespace protolm::detect
