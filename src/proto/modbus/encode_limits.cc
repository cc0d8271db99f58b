// Count-fits check for Modbus encoders (see encode_limits.h).
#include "proto/modbus/encode_limits.h"

#include <string>

namespace protolm::modbus {

Status CheckCountFits(size_t count, size_t max, std::string_view what) {
  if (count <= max) return Status::Ok();
  return OutOfRange("modbus encode: " + std::string(what) + " is " +
                    std::to_string(count) + ", more than the " +
                    std::to_string(max) + " its field holds");
}

}  // namespace protolm::modbus
