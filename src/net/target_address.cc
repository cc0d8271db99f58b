// Parsing HOST:PORT targets (see target_address.h).
#include "net/target_address.h"

#include <cstdlib>

#include "proto/registry/codec_registry.h"

namespace protolm::net {

Status ParseTarget(const std::string& target, const std::string& protocol,
                   std::string& host, uint16_t& port) {
  const size_t colon = target.rfind(':');
  host = target.substr(0, colon);
  if (colon == std::string::npos) {
    const Codec* codec = FindCodec(protocol);
    if (codec == nullptr || codec->well_known_ports().empty())
      return InvalidArgument("--target '" + target + "': protocol '" +
                             protocol +
                             "' has no well-known port; give HOST:PORT");
    port = codec->well_known_ports().front();
    return Status::Ok();
  }
  const std::string digits = target.substr(colon + 1);
  char* end = nullptr;
  const unsigned long value = std::strtoul(digits.c_str(), &end, 10);
  if (digits.empty() || *end != '\0' || value == 0 || value > 65535 ||
      host.empty())
    return InvalidArgument("--target '" + target +
                           "': expected HOST:PORT with a port 1..65535");
  port = static_cast<uint16_t>(value);
  return Status::Ok();
}

}  // namespace protolm::net
