// NgramDetector: see ngram_detector.h.
#include "detect/ngram_detector.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "detect/json_fields.h"

namespace protolm::detect {

namespace {

constexpr uint64_t kMaxVocabulary = uint64_t{1} << 31;

}  // namespace

Status NgramDetector::Train(std::span<const std::vector<TokenId>> traces,
                            size_t vocabulary_size) {
  if (order_ < 1 || order_ > kMaxOrder) {
    return InvalidArgument("ngram: order must be 1.." +
                           std::to_string(kMaxOrder));
  }
  if (vocabulary_size < 1 || vocabulary_size >= kMaxVocabulary) {
    return InvalidArgument("ngram: vocabulary size out of range");
  }
  vocabulary_size_ = vocabulary_size;
  boundary_ = static_cast<TokenId>(vocabulary_size);
  tables_.assign(order_, ContextTable{});
  for (const std::vector<TokenId>& trace : traces) {
    std::vector<TokenId> padded = Padded(trace);
    padded.push_back(boundary_);  // the end is an outcome too
    for (size_t end = order_ - 1; end < padded.size(); ++end) {
      if (padded[end] > boundary_) {
        return InvalidArgument("ngram: an event id is not in the vocabulary");
      }
      for (size_t m = 0; m < order_; ++m) {
        tables_[m].Add(std::span(padded).subspan(end - m, m), padded[end]);
      }
    }
  }
  return Status::Ok();
}

std::vector<TokenId> NgramDetector::Padded(
    std::span<const TokenId> trace) const {
  std::vector<TokenId> padded(order_ - 1, boundary_);
  padded.insert(padded.end(), trace.begin(), trace.end());
  return padded;
}

double NgramDetector::ProbabilityAt(const std::vector<TokenId>& padded,
                                    size_t end, TokenId next) const {
  double p = 1.0 / static_cast<double>(vocabulary_size_ + 1);
  for (size_t m = 0; m < tables_.size(); ++m) {
    const FollowerCounts* counts =
        tables_[m].Find(std::span(padded).subspan(end - m, m));
    if (counts == nullptr) break;
    auto distinct = static_cast<double>(counts->followers.size());
    p = (static_cast<double>(counts->CountOf(next)) + distinct * p) /
        (static_cast<double>(counts->total) + distinct);
  }
  return p;
}

double NgramDetector::Probability(std::span<const TokenId> context,
                                  TokenId next) const {
  std::vector<TokenId> padded = Padded(context);
  return ProbabilityAt(padded, padded.size(), next);
}

double NgramDetector::SurprisalAt(const std::vector<TokenId>& padded,
                                  size_t end, TokenId next) const {
  if (tables_.empty()) return kMaxSurprisal;  // untrained: nothing expected
  return std::min(kMaxSurprisal, -std::log(ProbabilityAt(padded, end, next)));
}

void NgramDetector::EventSurprisals(std::span<const TokenId> trace,
                                    std::vector<double>& out) const {
  out.resize(trace.size());
  std::vector<TokenId> padded = Padded(trace);
  for (size_t i = 0; i < trace.size(); ++i)
    out[i] = SurprisalAt(padded, i + order_ - 1, trace[i]);
}

double NgramDetector::EndSurprisal(std::span<const TokenId> trace) const {
  if (tables_.empty()) return kMaxSurprisal;
  return std::min(kMaxSurprisal, -std::log(Probability(trace, boundary_)));
}

std::vector<Expectation> NgramDetector::Expected(std::span<const TokenId> trace,
                                                 size_t position,
                                                 size_t k) const {
  if (tables_.empty()) return {};
  std::vector<TokenId> padded =
      Padded(trace.first(std::min(position, trace.size())));
  std::vector<double> p(vocabulary_size_ + 1);  // events and the end
  for (size_t id = 0; id <= vocabulary_size_; ++id) {
    p[id] = ProbabilityAt(padded, padded.size(), static_cast<TokenId>(id));
  }
  return TopK(p, k);
}

double NgramDetector::TraceScore(std::span<const TokenId> trace) const {
  std::vector<double> surprisals;
  EventSurprisals(trace, surprisals);
  surprisals.push_back(EndSurprisal(trace));
  return scoring_.Score(surprisals);
}

std::optional<double> NgramDetector::PrefixScore(
    std::span<const TokenId> prefix) const {
  std::vector<double> surprisals;
  EventSurprisals(prefix, surprisals);
  return scoring_.PrefixScore(surprisals);
}

/// The last order-1 events (boundary ids before the first) and the
/// surprisals' window.
class NgramDetector::Monitor final : public PrefixMonitor {
 public:
  explicit Monitor(const NgramDetector& model)
      : model_(model),
        context_(model.Padded({})),
        window_(model.scoring_) {}

  std::optional<double> Push(TokenId event) override {
    const double surprisal =
        model_.SurprisalAt(context_, context_.size(), event);
    if (!context_.empty()) {
      context_.erase(context_.begin());
      context_.push_back(event);
    }
    return window_.Push(surprisal);
  }

 private:
  const NgramDetector& model_;
  std::vector<TokenId> context_;  // always order-1 ids
  WindowMaxTracker window_;
};

std::unique_ptr<PrefixMonitor> NgramDetector::NewPrefixMonitor() const {
  return std::make_unique<Monitor>(*this);
}

std::optional<size_t> NgramDetector::FirstAnomaly(
    std::span<const TokenId> trace, double event_threshold) const {
  std::optional<size_t> event =
      TraceDetector::FirstAnomaly(trace, event_threshold);
  if (event || EndSurprisal(trace) <= event_threshold) return event;
  return trace.size();
}

nlohmann::json NgramDetector::ToJson() const {
  nlohmann::json tables = nlohmann::json::array();
  for (const ContextTable& table : tables_) tables.push_back(table.ToJson());
  return nlohmann::json{{"kind", kind()},
                        {"order", order_},
                        {"vocabulary_size", vocabulary_size_},
                        {"scoring", scoring_.ToJson()},
                        {"tables", std::move(tables)}};
}

Result<std::unique_ptr<TraceDetector>> NgramDetector::FromJson(
    const nlohmann::json& json, size_t vocabulary_size) {
  ASSIGN_OR_RETURN(uint64_t order, ReadUnsigned(json, "order", 1, kMaxOrder));
  ASSIGN_OR_RETURN(uint64_t size, ReadUnsigned(json, "vocabulary_size", 1,
                                               kMaxVocabulary - 1));
  if (size != vocabulary_size) {
    return Malformed("ngram: trained with another vocabulary");
  }
  ASSIGN_OR_RETURN(const nlohmann::json* scoring_json,
                   ReadObject(json, "scoring"));
  ASSIGN_OR_RETURN(SurprisalScoring scoring,
                   SurprisalScoring::FromJson(*scoring_json));
  ASSIGN_OR_RETURN(const nlohmann::json* tables, ReadArray(json, "tables"));
  if (tables->size() != order) {
    return Malformed("ngram: \"tables\" does not hold one table per order");
  }
  auto detector = std::make_unique<NgramDetector>(order, scoring);
  detector->vocabulary_size_ = vocabulary_size;
  detector->boundary_ = static_cast<TokenId>(vocabulary_size);
  for (size_t m = 0; m < order; ++m) {
    // Contexts and followers may hold the boundary id.
    auto table = ContextTable::FromJson((*tables)[m], m, vocabulary_size + 1,
                                        vocabulary_size + 1);
    if (!table.ok()) return table.status().WithContext("ngram");
    detector->tables_.push_back(std::move(table).value());
  }
  return std::unique_ptr<TraceDetector>(std::move(detector));
}

}  // namespace protolm::detect
