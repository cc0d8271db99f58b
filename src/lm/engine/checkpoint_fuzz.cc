// libFuzzer target: LoadCheckpointFromBytes on arbitrary bytes must return a
// value or an error, never crash, read out of bounds or allocate beyond the
// input's size; a checkpoint it accepts must build an Engine that answers.
// Each input is loaded as is (magic, version, checksum checks) and with a valid
// CRC-32 appended, so mutations reach the header and tensor parser instead of
// stopping at the checksum.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "lm/engine/checkpoint.h"
#include "lm/engine/engine.h"

namespace {

void LoadAndRun(protolm::ByteView bytes) {
  auto checkpoint = protolm::lm::LoadCheckpointFromBytes(bytes, "fuzz.plm");
  if (!checkpoint.ok()) return;
  auto engine =
      protolm::lm::Engine::Create(checkpoint->config, checkpoint->weights);
  if (!engine.ok()) std::abort();  // Load checked what Create checks
  auto response = engine->Generate({}, protolm::Bytes{1, 2, 3},
                                   protolm::lm::DecodeOptions{4, nullptr});
  (void)response;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  protolm::ByteView bytes(data, size);
  LoadAndRun(bytes);
  protolm::Bytes with_crc(data, data + size);
  uint32_t crc = protolm::lm::Crc32(bytes);
  for (int i = 0; i < 4; ++i) with_crc.push_back(uint8_t(crc >> (8 * i)));
  LoadAndRun(with_crc);
  return 0;
}
