// Boundaries and random request generation for S7comm (see s7_probe_strategies.h).
#include "proto/s7comm/s7_probe_strategies.h"

#include <algorithm>
#include <numeric>
#include <random>

#include "proto/probe_sequence.h"
#include "proto/s7comm/s7_builders.h"

namespace protolm::s7comm {
namespace {

constexpr uint16_t kMissingDb = 9999;
constexpr uint16_t kUnknownSzlId = 0x0f17;
constexpr uint16_t kUnknownSzlIndex = 0x7777;

AnyPointer Pointer(const S7AreaRange& area, uint32_t offset, uint16_t length,
                   ItemType type = ItemType::kByte, uint8_t bit = 0) {
  AnyPointer p;
  p.type = type;
  p.length = length;
  p.area = area.area;
  p.db = area.area == Area::kDataBlock ? area.db : 0;
  p.byte_offset = offset;
  p.bit_offset = bit;
  return p;
}

class Generator {
 public:
  Generator(const S7ProbeConfig& c, uint64_t seed) : c_(c), rng_(seed) {}

  Bytes RandomBytes(size_t n) {
    Bytes b(n);
    for (uint8_t& v : b) v = static_cast<uint8_t>(Uniform(rng_, 0, 255));
    return b;
  }

  void Read(std::vector<VarItem> items) {
    round_.push_back(ReadVarJob(0, std::move(items)));
  }

  void Write(const AnyPointer& p) {
    DataItem data = p.type == ItemType::kBit ? BitData(Uniform(rng_, 0, 1) == 1)
                                             : ByteData(RandomBytes(p.length));
    round_.push_back(WriteVarJob(0, {p}, {std::move(data)}));
  }

  void Specials() {
    for (const SzlSelector& s : c_.szl)
      round_.push_back(SzlReadRequest(0, s.id, s.index));
    round_.push_back(SzlReadRequest(0, kUnknownSzlId, 0));
    round_.push_back(SzlReadRequest(0, 0x0011, kUnknownSzlIndex));
    if (c_.s7_areas.empty()) return;
    S7AreaRange missing{Area::kDataBlock, kMissingDb, 1};
    Read({Pointer(missing, 0, 1)});
    for (const S7AreaRange& a : c_.s7_areas) {
      Read({Pointer(a, a.size, 1)});  // starts past the end
      if (a.size >= 8) {
        Read({Pointer(a, Uniform(rng_, 0, a.size - 2) & ~1u, 1,
                      ItemType::kWord)});
        Read({Pointer(a, Uniform(rng_, 0, a.size - 2) & ~1u, 1,
                      ItemType::kInt)});
        Read({Pointer(a, Uniform(rng_, 0, a.size - 8) & ~3u, 2,
                      ItemType::kReal)});
        Read({Pointer(a, Uniform(rng_, 0, a.size - 4) & ~3u, 1,
                      ItemType::kDword)});
      }
    }
    for (uint16_t k = 2; k <= c_.max_items; ++k) {
      std::vector<VarItem> items;
      for (uint16_t i = 0; i < k; ++i) {
        const S7AreaRange& a = c_.s7_areas[i % c_.s7_areas.size()];
        // The last item of the largest request runs out of range.
        const bool out = k == c_.max_items && i + 1 == k;
        items.push_back(
            Pointer(a, out ? a.size : Uniform(rng_, 0, a.size - 1), 1));
      }
      Read(std::move(items));
    }
  }

  std::vector<uint32_t> Offsets(const S7AreaRange& a, uint32_t n) {
    std::vector<uint32_t> out;
    if (a.size < n) return out;
    const uint32_t low = 0;
    const uint32_t high = a.size - n;
    AppendTriplet(low, high, rng_, out);
    return out;
  }

  void Counts() {
    for (uint32_t n : ElementCounts(c_.limits.max_elements, rng_)) {
      const auto len = static_cast<uint16_t>(n);
      for (const S7AreaRange& a : c_.s7_areas) {
        for (uint32_t offset : Offsets(a, n)) {
          Read({Pointer(a, offset, len)});
          Write(Pointer(a, offset, len));
        }
        if (a.size + 1 >= n)
          Read({Pointer(a, a.size + 1 - n, len)});  // one byte too far
        const uint32_t byte = Uniform(rng_, 0, a.size - 1);
        const auto bit = static_cast<uint8_t>(n % 8);
        Read({Pointer(a, byte, 1, ItemType::kBit, bit)});
        Write(Pointer(a, byte, 1, ItemType::kBit, bit));
      }
    }
  }

  std::vector<S7Pdu> Round() {
    round_.clear();
    Specials();
    Counts();
    return std::move(round_);
  }

  S7Pdu RandomPdu() {
    if (c_.s7_areas.empty() || (!c_.szl.empty() && Uniform(rng_, 0, 9) == 0)) {
      if (c_.szl.empty()) return SzlReadRequest(0, 0x0011, 0);
      const SzlSelector& s =
          c_.szl[Uniform(rng_, 0, static_cast<uint32_t>(c_.szl.size() - 1))];
      return SzlReadRequest(0, s.id, s.index);
    }
    const S7AreaRange& a = c_.s7_areas[Uniform(
        rng_, 0, static_cast<uint32_t>(c_.s7_areas.size() - 1))];
    static constexpr ItemType kTypes[] = {ItemType::kBit,   ItemType::kByte,
                                          ItemType::kWord,  ItemType::kInt,
                                          ItemType::kDword, ItemType::kReal};
    const ItemType type = kTypes[Uniform(rng_, 0, 5)];
    const uint32_t width = type == ItemType::kBit || type == ItemType::kByte ? 1
                           : type == ItemType::kWord || type == ItemType::kInt
                               ? 2
                               : 4;
    const uint16_t length =
        type == ItemType::kBit
            ? 1
            : static_cast<uint16_t>(Uniform(rng_, 1, c_.limits.max_elements));
    const uint32_t bytes = width * length;
    const uint32_t offset = Uniform(rng_, 0, 9) == 0 || a.size < bytes
                                ? a.size
                                : Uniform(rng_, 0, a.size - bytes);
    AnyPointer p = Pointer(
        a, offset, length, type,
        type == ItemType::kBit ? static_cast<uint8_t>(Uniform(rng_, 0, 7)) : 0);
    if (Uniform(rng_, 0, 1) == 0) return ReadVarJob(0, {p});
    DataItem data = type == ItemType::kBit ? BitData(Uniform(rng_, 0, 1) == 1)
                                           : ByteData(RandomBytes(bytes));
    return WriteVarJob(0, {p}, {std::move(data)});
  }

 private:
  const S7ProbeConfig& c_;
  Rng rng_;
  std::vector<S7Pdu> round_;
};

}  // namespace

std::vector<S7Pdu> S7Boundaries(const S7ProbeConfig& config, size_t size,
                                uint64_t seed) {
  Generator g(config, seed);
  return TakeFromRounds<S7Pdu>(size, [&] { return g.Round(); });
}

std::vector<S7Pdu> S7Random(const S7ProbeConfig& config, size_t size,
                            uint64_t seed) {
  Generator g(config, seed);
  return TakeEach<S7Pdu>(size, [&] { return g.RandomPdu(); });
}

}  // namespace protolm::s7comm
