// The state overlay: the device memory a clone keeps so that it returns what
// was written, like a real PLC, whatever its model predicts.
//
// One overlay per cloned device, shared by all its connections (a value written
// on one connection is read back on another). The protocol's memory image
// (Protocol::NewMemoryImage; modbus/modbus_memory_image.h and
// s7comm/s7_memory_image.h say which functions, tables and areas) does the
// work: Observe learns from each final exchange, Apply fills in the values it
// knows. A clone's overlay starts from the memory its probe showed (the
// device knowledge); protocols without an image leave every response
// unchanged. Memory is bounded by the image. Settle (Apply then Observe, under
// the overlay's own lock) may be called from several threads at once; Observe
// and Apply on their own are not thread-safe and must not run while another
// thread uses the overlay.
#pragma once

#include <memory>
#include <mutex>

#include "proto/protocol.h"
#include "util/bytes.h"

namespace protolm::emu {

class StateOverlay {
 public:
  /// The memory of a `protocol` device, starting from what `known` (nullable;
  /// read only here) says it held.
  explicit StateOverlay(const Protocol& protocol,
                        const DeviceKnowledge* known = nullptr);

  /// `request` as the protocol decoded it (Protocol::DecodeRequest).
  void Observe(const DecodedRequest& request, ByteView response);
  Bytes Apply(const DecodedRequest& request, ByteView response) const;
  /// The final response to `request` given the model's `response` (Apply),
  /// learned from at once (Observe) as one step. Thread-safe.
  Bytes Settle(const DecodedRequest& request, ByteView response);

 private:
  std::mutex mutex_;                    // held by Settle
  std::unique_ptr<MemoryImage> image_;  // null: the protocol keeps no state
};

}  // namespace protolm::emu
