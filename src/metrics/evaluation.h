// Scores of predicted responses against a dataset of real exchanges: BCA,
// byte accuracy, RVA and RVA-ε, overall and per function.
//
// n counts the records; bca is the share whose prediction equals the real
// response byte for byte (LLMPot's BCA); byte_accuracy the mean share of
// equal byte positions; rva the share of predictions the protocol's validator
// (Protocol::ValidateResponse, through the protocol table) accepts as an
// answer to the request; rva_epsilon, when an ε is given, the share that are
// valid and carry the real response's values within ε
// (Protocol::ValuesWithinEpsilon). A record of a protocol the table does not
// know is invalid. Not thread-safe to share a
// report while Evaluate fills it; the functions themselves are pure.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "proto/device_knowledge.h"
#include "util/bytes.h"

namespace protolm::metrics {

/// One exchange to score. An empty response means "no answer".
struct EvalRecord {
  std::string protocol;  // a codec name of the protocol table
  std::string function;  // the dataset's function name (breakdown key)
  Bytes request;
  Bytes expected;   // the real response
  Bytes predicted;  // the model's response
};

struct EvalOptions {
  /// What the validators know of the device, per protocol (its profile's or
  /// a clone's knowledge); a record of a protocol with none here is judged
  /// by the specification alone.
  std::vector<std::shared_ptr<const DeviceKnowledge>> devices;
  std::optional<double> epsilon;  // compute RVA-ε with this ε
  size_t max_examples = 10;       // invalid predictions reported by reason
};

struct Tally {
  size_t n = 0;
  size_t exact = 0;
  size_t valid = 0;
  size_t within_epsilon = 0;
  double byte_accuracy_sum = 0;
};

struct EvalReport {
  Tally total;
  std::map<std::string, Tally> per_function;
  std::optional<double> epsilon;
  /// "record 12 (read_coils): modbus: byte count 2 does not match ..." for
  /// the first max_examples invalid predictions.
  std::vector<std::string> invalid_examples;
};

EvalReport Evaluate(const std::vector<EvalRecord>& records,
                    const EvalOptions& options);

/// {"n", "bca", "rva", "byte_accuracy", ["epsilon", "rva_epsilon"],
///  "per_function": {name: {same keys}}, "invalid_examples": [...]};
/// ratios are 0 when n is 0.
nlohmann::json ReportToJson(const EvalReport& report);

}  // namespace protolm::metrics
