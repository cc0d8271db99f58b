// Protocol dispatch of the state overlay (see state_overlay.h).
#include "emu/state_overlay.h"

#include <utility>

namespace protolm::emu {

StateOverlay::StateOverlay(std::string_view protocol,
                           ModbusMemoryImage modbus_start)
    : protocol_(protocol), modbus_(std::move(modbus_start)) {}

void StateOverlay::Observe(ByteView request, ByteView response) {
  if (protocol_ == "modbus") modbus_.Observe(request, response);
  if (protocol_ == "s7comm") s7_.Observe(request, response);
}

Bytes StateOverlay::Apply(ByteView request, ByteView response) const {
  if (protocol_ == "modbus") return modbus_.Apply(request, response);
  if (protocol_ == "s7comm") return s7_.Apply(request, response);
  return Bytes(response.begin(), response.end());
}

Bytes StateOverlay::Settle(ByteView request, ByteView response) {
  std::lock_guard<std::mutex> lock(mutex_);
  Bytes settled = Apply(request, response);
  Observe(request, settled);
  return settled;
}

}  // namespace protolm::emu
