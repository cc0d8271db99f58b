// The codec table (see codec_registry.h).
#include "proto/registry/codec_registry.h"

#include <algorithm>

#include "proto/registry/protocol_table.h"

namespace protolm {

const Codec* FindCodec(std::string_view name) {
  const Protocol* p = FindProtocol(name);
  return p != nullptr ? &p->codec() : nullptr;
}

const Codec* CodecForPort(uint16_t port) {
  for (const Protocol* p : AllProtocols()) {
    auto ports = p->codec().well_known_ports();
    if (std::find(ports.begin(), ports.end(), port) != ports.end())
      return &p->codec();
  }
  return nullptr;
}

const Codec* DetectCodec(ByteView stream_start, int min_score) {
  const Codec* best = nullptr;
  int best_score = min_score - 1;
  for (const Protocol* p : AllProtocols()) {
    int score = p->codec().DetectScore(stream_start);
    if (score > best_score) {
      best = &p->codec();
      best_score = score;
    }
  }
  return best;
}

}  // namespace protolm
