// Endpoint formatting (see message.h).
#include "trace/message.h"

namespace protolm {

std::string Endpoint::ToString() const {
  if (ip.find(':') != std::string::npos)
    return "[" + ip + "]:" + std::to_string(port);
  return ip + ":" + std::to_string(port);
}

}  // namespace protolm
