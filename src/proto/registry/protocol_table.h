// The protocol table: every protocol protolm knows, each one descriptor
// (proto/protocol.h) registered by its folder. Lookup by name (the --protocol
// flag, a dataset's or a checkpoint's "protocol"); the codec lookups of
// codec_registry.h (by port, by content) read the same table.
//
// Adding a protocol is adding its folder and one line to kBuiltins in
// protocol_table.cc. A test or an embedding program may add its own with
// ProtocolRegistration, before any thread reads the table; lookups are
// otherwise read-only and safe from any thread.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "proto/protocol.h"

namespace protolm {

/// Every protocol, built-ins first, in a fixed order.
std::span<const Protocol* const> AllProtocols();

/// The protocol called `name`, or nullptr.
const Protocol* FindProtocol(std::string_view name);

/// The protocol called `name`. Errors: InvalidArgument "no protocol \"x\"
/// (known: modbus, s7comm)".
Result<const Protocol*> RequireProtocol(std::string_view name);
/// "modbus, s7comm": for help texts and error messages.
std::string ProtocolNames();

/// Adds a protocol to the table for this object's lifetime (tests and
/// embedding programs). Not thread-safe: construct and destroy it while no
/// other thread reads the table; it invalidates spans AllProtocols() gave. A protocol whose name is already taken is
/// not added (added() is false).
class ProtocolRegistration {
 public:
  /// `protocol` must outlive this object.
  explicit ProtocolRegistration(const Protocol& protocol);
  explicit ProtocolRegistration(const Protocol&&) = delete;
  ~ProtocolRegistration();
  ProtocolRegistration(const ProtocolRegistration&) = delete;
  ProtocolRegistration& operator=(const ProtocolRegistration&) = delete;

  bool added() const { return protocol_ != nullptr; }

 private:
  const Protocol* protocol_;
};

}  // namespace protolm
