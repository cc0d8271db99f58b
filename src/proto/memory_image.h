// The part of a device's memory a clone remembers, so that it returns what was
// written and what the device was seen to hold (each protocol folder says
// which functions, tables and areas: modbus/modbus_memory_image.h,
// s7comm/s7_memory_image.h). A protocol without one keeps no state.
#pragma once

#include "util/bytes.h"

namespace protolm {

/// Not thread-safe: its owner (emu::StateOverlay) serialises the calls.
class MemoryImage {
 public:
  virtual ~MemoryImage() = default;
  /// Learns from one final exchange (framed request and response); ignores
  /// exchanges that do not decode, do not pair, or carry an error.
  virtual void Observe(ByteView request, ByteView response) = 0;
  /// `response` with the values the image knows filled in where the
  /// response reports them; otherwise `response` unchanged.
  virtual Bytes Apply(ByteView request, ByteView response) const = 0;
};

}  // namespace protolm
