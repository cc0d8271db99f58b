// The part of an S7 PLC's memory a clone remembers: bytes (and single bits)
// of data blocks, merkers (M), inputs (I) and outputs (Q), learned from
// exchanges, so that it returns what was written.
//
// Observe learns from a write var whose items were answered with success
// (byte items set their bytes, a one-bit item sets one bit) and from the
// successful items of a read var answer (the bytes or the bit read). Apply
// overwrites the value of each successful read var item where the image
// knows the bytes or bits, leaving unknown ones, failed items and every other
// response as they are. Items of other areas (timers, counters, peripheral
// I/O) and of types without a fixed size are ignored. Memory is sparse
// (256-byte pages) and bounded: at most kMaxS7ImagePages pages in all (1 MiB
// of values); writes to new pages beyond that are not remembered. Not
// thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>

#include "proto/memory_image.h"
#include "proto/s7comm/s7_pdu.h"
#include "util/bytes.h"

namespace protolm::s7comm {

inline constexpr size_t kS7ImagePageBytes = 256;
inline constexpr size_t kMaxS7ImagePages = 4096;

class S7MemoryImage final : public MemoryImage {
 public:
  /// Learns from a framed request and its framed response; ignores exchanges
  /// that do not decode or do not pair (PDU reference, function, items).
  void Observe(const DecodedRequest& request, ByteView response) override;
  /// `response` with the known bytes of its successful read var items filled
  /// in; otherwise `response` unchanged.
  Bytes Apply(const DecodedRequest& request, ByteView response) const override;

  /// The byte at `offset` of `area` (db: the data block number, else 0) when
  /// all its bits are known.
  std::optional<uint8_t> Byte(s7comm::Area area, uint16_t db,
                              uint32_t offset) const;
  size_t pages() const { return pages_.size(); }

 private:
  struct Page {
    std::array<uint8_t, kS7ImagePageBytes> value{};
    std::array<uint8_t, kS7ImagePageBytes> known{};  // bit mask per byte
  };
  using PageKey = std::tuple<uint8_t, uint16_t, uint32_t>;  // area, db, page

  /// Sets the bits of `mask` in the byte at `offset` to those of `value`.
  void Set(s7comm::Area area, uint16_t db, uint32_t offset, uint8_t value,
           uint8_t mask);
  /// The known bits of the byte (mask) and their values.
  std::pair<uint8_t, uint8_t> Known(s7comm::Area area, uint16_t db,
                                    uint32_t offset) const;

  std::map<PageKey, Page> pages_;
};

}  // namespace protolm::s7comm
