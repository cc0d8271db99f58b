// Endpoint text (see message.h).
#include "trace/message.h"

#include <charconv>

namespace protolm {

std::string Endpoint::ToString() const {
  if (ip.find(':') != std::string::npos)
    return "[" + ip + "]:" + std::to_string(port);
  return ip + ":" + std::to_string(port);
}

Result<Endpoint> ParseEndpoint(std::string_view text) {
  auto bad = [text] {
    return Malformed("'" + std::string(text) +
                     "' is not an endpoint (ip:port, [ipv6]:port)");
  };
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return bad();
  std::string_view ip = text.substr(0, colon);
  if (ip.size() >= 2 && ip.front() == '[' && ip.back() == ']') {
    ip = ip.substr(1, ip.size() - 2);
  } else if (ip.find(':') != std::string_view::npos) {
    return bad();  // an IPv6 address must be bracketed
  }
  std::string_view digits = text.substr(colon + 1);
  uint16_t port = 0;
  auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (ip.empty() || digits.empty() || error != std::errc() ||
      end != digits.data() + digits.size())
    return bad();
  return Endpoint{std::string(ip), port};
}

}  // namespace protolm
