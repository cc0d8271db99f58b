// TraceEvent: one thing that happened in a trace, whatever the trace is of.
//
// A network trace's event is an application message (its bytes, the side that
// sent it, what its codec made of it); a system-call trace's is a call (the
// process and thread that made it, its name, arguments and result as named
// fields); a log trace's is a line (its template and parameters as fields).
// Every member but the actor may be empty, so each kind of trace fills what
// it has. The token is the event at the abstraction depth the source was
// asked for (see trace_source.h): "modbus.req function_code=3", a syscall
// name, a log key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "proto/codec.h"
#include "util/bytes.h"
#include "util/direction.h"

namespace protolm {

/// A process (and thread) that acted, for traces of one host's activity:
/// strace's `PID` prefix, the PID column of the UNM system-call sets.
struct ProcessActor {
  int64_t pid = 0;
  std::optional<int64_t> tid;  // when the trace tells threads apart

  bool operator==(const ProcessActor&) const = default;
};

/// Who produced an event: a side of a network connection (client → server is
/// the client), a process, or nobody the trace names (a DeepLog key sequence,
/// an ADFA-LD syscall list).
using Actor = std::variant<std::monostate, Direction, ProcessActor>;

/// A named value of an event ("syscall" = "openat", "ret" = "3",
/// "function" = "read_holding_registers"), in the order the source read them.
struct EventField {
  std::string name;
  std::string value;

  bool operator==(const EventField&) const = default;
};

struct TraceEvent {
  /// Microseconds since the epoch, if known; a source that knows only the
  /// time of day (strace -tt) gives microseconds since midnight and says so.
  std::optional<int64_t> time_us;
  Actor actor;
  Bytes bytes;                     // the event's raw bytes, if it has any
  std::vector<EventField> fields;  // its named values, if it has any
  /// The event at the requested abstraction depth; empty when no token was
  /// asked for or the source cannot make one for this event.
  std::string token;
  /// What the trace's codec made of `bytes` (role, function, pair key,
  /// validity); absent when no codec read them (non-network traces).
  std::optional<Inspection> pdu;
};

}  // namespace protolm
