// `protolm clone`: LLMPot's whole loop in one call.
//
// For each round the dataset size doubles (start_size, 2x, 4x, ... up to
// max_size): probe the target with the strategy (a device started in-process
// on loopback is restarted before each round, so every probe starts from the
// device's initial state), split the records 80/10/10 with the seed, train a
// model (validated each epoch on the validation part), and evaluate it on the
// test part three ways (clone_report.h): pure constrained, pure unconstrained
// and with state (the probe replayed in order). From min_size on (or the
// largest round, if smaller), the loop stops when RVA-ε (pure, constrained)
// has not improved by min_improvement for patience_rounds rounds in a row,
// or after max_size; smaller rounds only chart the learning curve (their
// test splits are too small to judge by). Writes, under out_dir:
// rounds/SIZE/{dataset.jsonl, model.plm}, model.plm (the best round's of
// those from min_size on, by RVA-ε then BCA), report.json, report.md and
// metrics.svg. Blocking; logs progress through `log`.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "lm/plugin/training_types.h"
#include "util/status.h"

namespace protolm::clone {

struct CloneOptions {
  /// The device: a profile (built-in name or file) to start in-process, or
  /// an address of a running one (then `protocol` is required).
  std::string device_profile;
  std::string target_host;
  uint16_t target_port = 0;
  std::string protocol;  // "" with a profile: the profile's protocol

  std::string probe_config;  // JSON file; "" = the protocol's default
  std::string strategy = "boundaries";
  std::string out_dir = "clone-out";

  std::string preset = "tiny";
  std::string arch = "transformer";
  size_t context = 0;
  lm::TrainOptions train;  // epochs, batch size, threads, seed, ...

  size_t start_size = 200;
  size_t max_size = 1600;
  size_t min_size = 1600;  // rounds before it never stop the loop
  size_t patience_rounds = 2;
  double min_improvement = 0.005;
  double epsilon = 0.05;  // RVA-ε
  uint64_t seed = 1;      // probe and split

  /// One line per step of the work ("round 400: probing", epoch lines, ...).
  std::function<void(const std::string&)> log;
};

/// Runs the loop; returns the report (also written to report.json).
/// Errors: InvalidArgument for bad options (unknown profile, preset,
/// protocol mismatch); IoError when the target cannot be reached or out_dir
/// cannot be written; training errors.
Result<nlohmann::json> RunClone(const CloneOptions& options);

}  // namespace protolm::clone
