// IpAddress: an IPv4 or IPv6 address as the capture layer keys flows by it.
//
// A small value type: the family and 16 bytes (IPv4 uses the first four).
// Comparable and hashable so it can be part of a flow key; ToString gives the
// usual text form ("10.0.0.1", "fe80::1").
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
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

  auto operator<=>(const IpAddress&) const = default;
};

struct IpAddressHash {
  size_t operator()(const IpAddress& a) const;
};

}  // namespace protolm
