// The state overlay over a protocol's memory image (see state_overlay.h).
#include "emu/state_overlay.h"

namespace protolm::emu {

StateOverlay::StateOverlay(const Protocol& protocol,
                           const DeviceKnowledge* known)
    : image_(protocol.NewMemoryImage(known)) {}

void StateOverlay::Observe(const DecodedRequest& request, ByteView response) {
  if (image_ != nullptr) image_->Observe(request, response);
}

Bytes StateOverlay::Apply(const DecodedRequest& request,
                          ByteView response) const {
  if (image_ != nullptr) return image_->Apply(request, response);
  return Bytes(response.begin(), response.end());
}

Bytes StateOverlay::Settle(const DecodedRequest& request, ByteView response) {
  std::lock_guard<std::mutex> lock(mutex_);
  Bytes settled = Apply(request, response);
  Observe(request, settled);
  return settled;
}

}  // namespace protolm::emu
