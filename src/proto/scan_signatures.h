// A protocol's scan signatures: how the requests of known scanners (nmap's
// scripts, zgrab2, unit-id sweeps) look in that protocol, as a facet of its
// descriptor (Protocol::scan_signatures). The event store's detector
// (events/scan_detector.h) keeps the state per connection and per source,
// bounded and forgotten least recently used first; the protocol decides what
// that state is and which requests complete a signature.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "proto/codec.h"

namespace protolm {

/// A signature a request completed: its name ("nmap-modbus-discover") and
/// one line on what was seen.
struct ScanMatch {
  std::string signature;
  std::string detail;
};

/// What a protocol remembers of one connection or one source between its
/// requests. Owned by the detector; not thread-safe.
class ScanState {
 public:
  virtual ~ScanState() = default;
};

/// Stateless and immutable; the state lives in the ScanStates it creates.
class ScanSignatures {
 public:
  virtual ~ScanSignatures() = default;
  virtual std::unique_ptr<ScanState> NewConnectionState() const = 0;
  virtual std::unique_ptr<ScanState> NewSourceState() const = 0;
  /// Appends to `found` the signatures the client-to-server `request` (as
  /// the codec dissected it) completes on `connection` (one of this
  /// protocol's connection states) from `source` (one of its source states).
  /// `sweep_threshold`: how many distinct targets (units, ...) one source
  /// addresses before it counts as a sweep. A signature is reported once per
  /// connection (a sweep once per source); malformed requests complete
  /// nothing.
  virtual void Feed(const Dissection& request, ScanState& connection,
                    ScanState& source, size_t sweep_threshold,
                    std::vector<ScanMatch>* found) const = 0;
};

}  // namespace protolm
