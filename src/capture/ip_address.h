// IpAddress: an IPv4 or IPv6 address as the capture layer keys flows by it.
//
// A small value type: the family and 16 bytes (IPv4 uses the first four).
// Comparable and hashable so it can be part of a flow key; ToString gives the
// usual text form ("10.0.0.1", "fe80::1").
#pragma once

#include <array>
#include <bit>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "util/bytes.h"

namespace protolm {

struct IpAddress {
  enum class Family : uint8_t { kV4 = 4, kV6 = 6 };
  Family family = Family::kV4;
  std::array<uint8_t, 16> bytes{};

  /// Precondition: raw.size() is 4 (IPv4) or 16 (IPv6).
  static IpAddress FromBytes(ByteView raw);
  /// Parses "10.0.0.1" or "fe80::1". Errors: InvalidArgument for other text.
  static Result<IpAddress> Parse(const std::string& text);

  /// The address bytes: 4 for IPv4, 16 for IPv6.
  ByteView view() const;
  std::string ToString() const;

  /// Family first, then the bytes in lexicographic order (as a defaulted
  /// comparison would order them), compared eight bytes at a time.
  std::strong_ordering operator<=>(const IpAddress& other) const;
  bool operator==(const IpAddress& other) const;
};

struct IpAddressHash {
  size_t operator()(const IpAddress& a) const;
};

// Inline because flow lookups compare and hash two addresses per packet.
namespace ip_address_internal {

/// Bytes [8 * i, 8 * i + 8) of the address as a number; with `big_endian`
/// the number's order is the bytes' lexicographic order.
inline uint64_t WordOf(const IpAddress& a, int i, bool big_endian) {
  uint64_t w;
  std::memcpy(&w, a.bytes.data() + 8 * i, sizeof w);
  if (big_endian && std::endian::native == std::endian::little)
    w = __builtin_bswap64(w);
  return w;
}

}  // namespace ip_address_internal

inline std::strong_ordering IpAddress::operator<=>(
    const IpAddress& other) const {
  using ip_address_internal::WordOf;
  if (family != other.family) return family <=> other.family;
  for (int i = 0; i < 2; ++i) {
    uint64_t a = WordOf(*this, i, true);
    uint64_t b = WordOf(other, i, true);
    if (a != b) return a <=> b;
  }
  return std::strong_ordering::equal;
}

inline bool IpAddress::operator==(const IpAddress& other) const {
  using ip_address_internal::WordOf;
  return family == other.family &&
         WordOf(*this, 0, false) == WordOf(other, 0, false) &&
         WordOf(*this, 1, false) == WordOf(other, 1, false);
}

inline size_t IpAddressHash::operator()(const IpAddress& a) const {
  using ip_address_internal::WordOf;
  // Two multiplicative mixes of the address words and the family.
  uint64_t h = (WordOf(a, 0, false) + static_cast<uint8_t>(a.family)) *
               0x9e3779b97f4a7c15ull;
  h = (h ^ (h >> 29) ^ WordOf(a, 1, false)) * 0xbf58476d1ce4e5b9ull;
  return static_cast<size_t>(h ^ (h >> 32));
}

}  // namespace protolm
