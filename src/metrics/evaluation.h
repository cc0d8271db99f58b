// Scores of predicted responses against a dataset of real exchanges: BCA,
// byte accuracy, RVA and RVA-ε, overall and per function.
//
// n counts the records; bca is the share whose prediction equals the real
// response byte for byte (LLMPot's BCA); byte_accuracy the mean share of
// equal byte positions; rva the share of predictions the protocol's validator
// (modbus_validator.h, s7_validator.h) accepts as an answer to the request;
// rva_epsilon, when an ε is given, the share that are valid and carry the real
// response's values within ε (value_tolerance.h). Not thread-safe to share a
// report while Evaluate fills it; the functions themselves are pure.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "metrics/modbus_rules.h"
#include "metrics/s7_validator.h"
#include "util/bytes.h"

namespace protolm::metrics {

/// One exchange to score. An empty response means "no answer".
struct EvalRecord {
  std::string protocol;  // "modbus" or "s7comm"
  std::string function;  // the dataset's function name (breakdown key)
  Bytes request;
  Bytes expected;   // the real response
  Bytes predicted;  // the model's response
};

struct EvalOptions {
  ModbusRules modbus_rules;       // device knowledge for the Modbus validator
  S7Rules s7_rules;               // and for the S7 validator
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
