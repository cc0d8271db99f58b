// How a client opens a connection before its first request (the S7 client's
// COTP connect and setup communication; nothing for Modbus/TCP), shared by
// the prober (probe/probe_run.h) and the load generator (loadgen/), which
// get it from a protocol's probe settings (probe_settings.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

class ConnectionOpening {
 public:
  virtual ~ConnectionOpening() = default;
  /// The opening's framed requests, sent one at a time in this order, each
  /// after the answer to the one before.
  virtual const std::vector<Bytes>& requests() const = 0;
  /// What requests()[step] is, for messages ("the COTP connection
  /// request").
  virtual std::string step_name(size_t step) const = 0;
  /// Checks the answer to requests()[step]; after the last step, the
  /// requests the server lets the client have in flight (at least 1).
  /// Errors: IoError saying what the server did wrong ("refused the COTP
  /// connection to TSAP 0x0102 (check the rack and slot: ...)"); the caller
  /// puts the target in front.
  virtual Result<uint16_t> Accept(size_t step, ByteView answer) const = 0;
  /// True for a unit that belongs to an opening: a replayed dataset leaves
  /// these out, since every load connection opens itself.
  virtual bool IsOpeningUnit(ByteView framed) const = 0;
};

}  // namespace protolm
