// BCA, byte accuracy, RVA and RVA-ε over a set of records (see evaluation.h).
#include "metrics/evaluation.h"

#include <nlohmann/json.hpp>

#include "metrics/byte_match.h"
#include "proto/registry/protocol_table.h"

namespace protolm::metrics {
namespace {

/// What `options` know of a device of `protocol`; null when nothing.
const DeviceKnowledge* KnownFor(const EvalOptions& options,
                                std::string_view protocol) {
  for (const auto& known : options.devices)
    if (known != nullptr && known->protocol() == protocol) return known.get();
  return nullptr;
}

Status Validate(const Protocol* protocol, const EvalRecord& r,
                const EvalOptions& options) {
  if (protocol == nullptr) return RequireProtocol(r.protocol).status();
  return protocol->ValidateResponse(r.request, r.predicted,
                                    KnownFor(options, r.protocol));
}

void Add(Tally& t, bool exact, bool valid, bool within, double byte_accuracy) {
  ++t.n;
  t.exact += exact;
  t.valid += valid;
  t.within_epsilon += within;
  t.byte_accuracy_sum += byte_accuracy;
}

double Ratio(double part, size_t n) { return n == 0 ? 0.0 : part / n; }

nlohmann::json TallyToJson(const Tally& t, bool with_epsilon) {
  nlohmann::json j = {
      {"n", t.n},
      {"bca", Ratio(t.exact, t.n)},
      {"rva", Ratio(t.valid, t.n)},
      {"byte_accuracy", Ratio(t.byte_accuracy_sum, t.n)},
  };
  if (with_epsilon) j["rva_epsilon"] = Ratio(t.within_epsilon, t.n);
  return j;
}

}  // namespace

EvalReport Evaluate(const std::vector<EvalRecord>& records,
                    const EvalOptions& options) {
  EvalReport report;
  report.epsilon = options.epsilon;
  for (size_t i = 0; i < records.size(); ++i) {
    const EvalRecord& r = records[i];
    const bool exact = ExactMatch(r.expected, r.predicted);
    const Protocol* protocol = FindProtocol(r.protocol);
    const Status validity = Validate(protocol, r, options);
    const bool within = validity.ok() && options.epsilon &&
                        protocol->ValuesWithinEpsilon(
                            r.request, r.expected, r.predicted,
                            *options.epsilon, KnownFor(options, r.protocol));
    const double bytes = ByteAccuracy(r.expected, r.predicted);
    Add(report.total, exact, validity.ok(), within, bytes);
    Add(report.per_function[r.function], exact, validity.ok(), within, bytes);
    if (!validity.ok() &&
        report.invalid_examples.size() < options.max_examples) {
      report.invalid_examples.push_back("record " + std::to_string(i + 1) +
                                        " (" + r.function +
                                        "): " + validity.message());
    }
  }
  return report;
}

nlohmann::json ReportToJson(const EvalReport& report) {
  const bool with_epsilon = report.epsilon.has_value();
  nlohmann::json j = TallyToJson(report.total, with_epsilon);
  if (with_epsilon) j["epsilon"] = *report.epsilon;
  nlohmann::json per = nlohmann::json::object();
  for (const auto& [name, tally] : report.per_function)
    per[name] = TallyToJson(tally, with_epsilon);
  j["per_function"] = std::move(per);
  j["invalid_examples"] = report.invalid_examples;
  return j;
}

}  // namespace protolm::metrics
