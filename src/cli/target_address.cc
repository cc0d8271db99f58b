// Parsing --target (see target_address.h).
#include "cli/target_address.h"

#include <cstdlib>

namespace protolm::cli {

Status ParseTarget(const std::string& target, const std::string& protocol,
                   std::string& host, uint16_t& port) {
  const size_t colon = target.rfind(':');
  host = target.substr(0, colon);
  port = protocol == "s7comm" ? 102 : 502;
  if (colon == std::string::npos) return Status::Ok();
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

}  // namespace protolm::cli
