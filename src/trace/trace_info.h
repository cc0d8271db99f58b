// TraceInfo: what a trace source says about one trace (one session) before
// its events: its name, its number, its protocol and, for network traces,
// the two endpoints.
//
// A trace is one sequence of related events: a transport connection of a
// capture, a dataset's session, one process tree under strace, one ADFA-LD
// file, the log lines a session regex groups, one line of a DeepLog file. A
// plain value; the source owns the instance it passes to its sink.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "trace/message.h"

namespace protolm {

/// The two ends of a network trace.
struct NetworkPeers {
  Endpoint client;
  Endpoint server;
  /// The connection's opening was seen, so who is client is certain.
  bool saw_handshake = false;
};

struct TraceInfo {
  /// What the input calls the trace: "10.0.0.2:40001-10.0.0.1:502" (client
  /// first) for a connection, a dataset's session number, a file name. Not
  /// necessarily unique (a capture may reuse a port pair); `number` is.
  std::string id;
  /// 1, 2, ... in the order the source started the traces.
  uint64_t number = 0;
  /// The format of the events' contents: a codec name ("modbus") for
  /// protocol traces; empty when the source does not know.
  std::string protocol;
  /// The connection's endpoints; absent for traces that are not one.
  std::optional<NetworkPeers> network;
  /// Where the trace starts in its input, 1-based: a capture's frame number,
  /// a text file's line number; 0 when unknown.
  uint64_t first_record = 0;
};

}  // namespace protolm
