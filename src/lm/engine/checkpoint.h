// The .plm checkpoint: a trained model's configuration, weights and provenance
// in one self-checking file, written and read without torch.
//
// Layout (little-endian): magic "PROTOLM\x1a"; u32 format version (1); u32
// header length H; H bytes of JSON {"config", "provenance", "tensors":
// [{"name", "shape", "offset", "count"}]}; the float32 data section (each
// tensor 64-byte aligned from the start of the section); u32 CRC-32 (IEEE) of
// all bytes before it. See docs/lm.md.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "lm/engine/model_config.h"
#include "lm/engine/weights.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::lm {

inline constexpr uint32_t kCheckpointFormatVersion = 1;

/// Where a model came from and how good it was when saved.
struct Provenance {
  std::string protocol, profile, dataset_sha256;
  size_t dataset_records = 0;
  double train_seconds = 0;
  std::string created_utc;
  uint64_t seed = 0;
  nlohmann::json metrics;  // validation metrics, free-form object (or null)
  nlohmann::json extra;    // anything else the writer wants kept (or null)

  bool operator==(const Provenance&) const = default;
};

struct Checkpoint {
  ModelConfig config;
  Weights weights;
  Provenance provenance;
};

/// The file's bytes. Errors: InvalidArgument when the config or the weights do
/// not match (ValidateConfig, CheckWeights).
Result<Bytes> SerializeCheckpoint(const Checkpoint& checkpoint);

/// Writes atomically: a temporary file next to `path`, then rename, so readers
/// see the old file or the new one, never half of one. Errors: those of
/// SerializeCheckpoint, IoError naming the path.
Status SaveCheckpoint(const std::string& path, const Checkpoint& checkpoint);

/// Reads and checks `path` (see LoadCheckpointFromBytes). Errors: NotFound or
/// IoError naming the path, then those of LoadCheckpointFromBytes.
Result<Checkpoint> LoadCheckpoint(const std::string& path);

/// Parses a checkpoint held in memory; `origin` (a file name) starts every
/// error message. Checks in order: size and magic ("x.plm: not a protolm model
/// (bad magic)"), version ("x.plm: format version 7 is not supported; this
/// build reads version 1"), CRC ("x.plm: checksum mismatch: the file is corrupt
/// or truncated"), header JSON, config, tensor names and shapes against
/// ExpectedShapes, data bounds. Never reads out of bounds and allocates no more
/// than the file's size implies, whatever the bytes.
Result<Checkpoint> LoadCheckpointFromBytes(ByteView bytes,
                                           std::string_view origin);

/// CRC-32 (IEEE 802.3, reflected, as zlib's crc32) of `bytes`.
uint32_t Crc32(ByteView bytes);

}  // namespace protolm::lm
