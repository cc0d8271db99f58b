// IpAddress (see ip_address.h): text conversion through inet_ntop/inet_pton.
#include "capture/ip_address.h"

#include <arpa/inet.h>

#include <algorithm>

namespace protolm {

IpAddress IpAddress::FromBytes(ByteView raw) {
  IpAddress a;
  a.family = raw.size() == 16 ? Family::kV6 : Family::kV4;
  std::copy_n(raw.begin(), std::min<size_t>(raw.size(), 16), a.bytes.begin());
  return a;
}

Result<IpAddress> IpAddress::Parse(const std::string& text) {
  IpAddress a;
  if (inet_pton(AF_INET, text.c_str(), a.bytes.data()) == 1) return a;
  a.family = Family::kV6;
  if (inet_pton(AF_INET6, text.c_str(), a.bytes.data()) == 1) return a;
  return InvalidArgument("\"" + text +
                         "\" is not an IPv4 or IPv6 address; write it as "
                         "10.0.0.1 or fe80::1");
}

ByteView IpAddress::view() const {
  return ByteView(bytes.data(), family == Family::kV4 ? 4 : 16);
}

std::string IpAddress::ToString() const {
  char text[INET6_ADDRSTRLEN] = {};
  int af = family == Family::kV4 ? AF_INET : AF_INET6;
  if (inet_ntop(af, bytes.data(), text, sizeof text) == nullptr) return "?";
  return text;
}

}  // namespace protolm
