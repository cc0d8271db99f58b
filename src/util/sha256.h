// SHA-256 (FIPS 180-4) of bytes and files: the content hash protolm records
// as provenance (which dataset a model was trained on).
//
// Sha256 is an incremental hasher: Update any number of times, then Hex once.
// Not thread-safe; the free functions are pure.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

class Sha256 {
 public:
  Sha256();
  void Update(ByteView data);
  /// The digest as 64 lower-case hex digits. Ends the hasher's use.
  std::string Hex();

 private:
  void Compress(const uint8_t* block);
  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t total_bytes_ = 0;
};

std::string Sha256Hex(ByteView data);
/// The hash of a file's contents. Errors: IoError when it cannot be read.
Result<std::string> Sha256OfFile(const std::string& path);

}  // namespace protolm
