// The part of a device's memory a clone remembers, so that it returns what was
// written and what the device was seen to hold (each protocol folder says
// which functions, tables and areas: modbus/modbus_memory_image.h,
// s7comm/s7_memory_image.h). A protocol without one keeps no state.
#pragma once

#include "proto/decoded_request.h"
#include "util/bytes.h"

namespace protolm {

/// Requests come decoded by the image's own protocol (Protocol::
/// DecodeRequest). Not thread-safe: its owner (emu::StateOverlay) serialises the calls.
class MemoryImage {
 public:
  virtual ~MemoryImage() = default;
  /// Learns from one final exchange (the request and the framed response);
  /// ignores
  /// exchanges that do not decode, do not pair, or carry an error.
  virtual void Observe(const DecodedRequest& request, ByteView response) = 0;
  /// `response` with the values the image knows filled in where the
  /// response reports them; otherwise `response` unchanged.
  virtual Bytes Apply(const DecodedRequest& request,
                      ByteView response) const = 0;
};

}  // namespace protolm
