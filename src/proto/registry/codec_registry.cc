// The codec table (see codec_registry.h).
#include "proto/registry/codec_registry.h"

#include <algorithm>
#include <array>

#include "proto/modbus/modbus_codec.h"
#include "proto/s7comm/s7comm_codec.h"

namespace protolm {

std::span<const Codec* const> AllCodecs() {
  static const std::array<const Codec*, 2> kCodecs = {&ModbusCodec(),
                                                      &S7commCodec()};
  return kCodecs;
}

const Codec* FindCodec(std::string_view name) {
  for (const Codec* c : AllCodecs())
    if (c->name() == name) return c;
  return nullptr;
}

const Codec* CodecForPort(uint16_t port) {
  for (const Codec* c : AllCodecs()) {
    auto ports = c->well_known_ports();
    if (std::find(ports.begin(), ports.end(), port) != ports.end()) return c;
  }
  return nullptr;
}

const Codec* DetectCodec(ByteView stream_start, int min_score) {
  const Codec* best = nullptr;
  int best_score = min_score - 1;
  for (const Codec* c : AllCodecs()) {
    int score = c->DetectScore(stream_start);
    if (score > best_score) {
      best = c;
      best_score = score;
    }
  }
  return best;
}

std::string CodecNames() {
  std::string out;
  for (const Codec* c : AllCodecs()) {
    if (!out.empty()) out += ", ";
    out += c->name();
  }
  return out;
}

}  // namespace protolm
