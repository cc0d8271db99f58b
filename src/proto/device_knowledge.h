// What is known of one device beyond its protocol's specification: the rules a
// clone learned from its probe (which addresses exist, which functions it
// refuses, its identity answers, the memory it started from), or those a
// device profile states. Each protocol folder derives its own kind
// (modbus::ModbusKnowledge, s7comm::S7Knowledge) and reads only its own; the
// rest of protolm passes it around opaquely and asks the protocol table
// (proto/protocol.h) what it means. A checkpoint keeps it in its provenance.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string_view>

namespace protolm {

/// Immutable once built; safe to share between threads.
class DeviceKnowledge {
 public:
  virtual ~DeviceKnowledge() = default;
  /// The protocol (codec name) this knowledge is of.
  virtual std::string_view protocol() const = 0;
  /// Adds what is known to a checkpoint's provenance.extra (the protocol's
  /// own keys; Protocol::KnowledgeFromProvenance reads them back).
  virtual void Store(nlohmann::json* extra) const = 0;
};

}  // namespace protolm
