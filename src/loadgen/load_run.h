// A load run: many connections replaying requests against a server, with
// every request accounted for.
//
// RunLoad opens `connections` TCP connections to the target (each first
// does the protocol's opening, proto/connection_opening.h, from its built-in
// probe configuration: for S7comm a COTP connect and setup communication
// with its TSAPs and PDU size) and hands the
// `requests` requests out in turn, cycling through the request list, to
// whichever connection has room: each keeps up to `pipeline` requests in
// flight (for S7 at most the parallel jobs the PLC granted at setup). Every
// send gets a fresh identifier (request_templates.h), so answers are matched
// to requests even when pipelined; answers are framed with the protocol's
// codec, and a request completes only when the whole framed answer with its
// identifier arrived. Latency is from handing the request to the socket to
// the read that completed its answer.
//
// Failures (load_report.h): when the oldest request in flight waits longer
// than `timeout`, the server closes the connection, sends bytes that cannot
// be framed, or answers an identifier not in flight, every request in flight
// on that connection fails with that kind and the connection is opened
// again while requests remain. A failed opening (refused, timed out, COTP or
// setup refused) fails one request, so a run always ends and
// completed + failed == requests. If no opening succeeds at all the run is
// an error instead (the target is not there).
//
// Threads: the whole run happens on the calling thread, on one
// asio::io_context (measured in docs/benchmarks.md: one thread keeps well
// ahead of the servers it loads). `on_progress` and `on_response` are called
// on that thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "loadgen/load_report.h"
#include "loadgen/request_templates.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::loadgen {

/// Most requests in flight on one connection.
inline constexpr size_t kMaxPipeline = 256;

struct LoadOptions {
  std::string host = "127.0.0.1";  // a name or IPv4 address
  uint16_t port = 0;
  std::string protocol;             // one of probe::ProbeableProtocols()
  size_t connections = 1;           // at once (fewer when requests are fewer)
  uint64_t requests = 1000;         // in all, spread over the connections
  size_t pipeline = 1;              // 1..kMaxPipeline in flight per connection
  std::chrono::milliseconds timeout{2000};  // per request and per opening
  /// Where requests come from: a JSONL dataset replayed in order (empty:
  /// generated with `strategy` and `seed`, at most 4096 distinct ones).
  std::string dataset_path;
  std::string strategy = "boundaries";  // boundaries | random
  uint64_t seed = 1;
  /// Called with each completed request's index in the request list and its
  /// framed answer (valid during the call only). For checks; leave it empty
  /// when measuring.
  std::function<void(size_t request_index, ByteView answer)> on_response;
};

struct LoadProgress {
  uint64_t completed = 0;
  uint64_t failed = 0;
  uint64_t total = 0;
  double seconds = 0;
};

/// Called about five times a second while the run lasts.
using LoadProgressFn = std::function<void(const LoadProgress&)>;

/// The request list of `options`: its dataset's requests or generated ones
/// (errors of DatasetRequests and GeneratedRequests).
Result<RequestList> LoadRequests(const LoadOptions& options);

/// Runs the load with the request list of `options`. Errors: those of
/// LoadRequests; InvalidArgument for options out of range or a host that
/// does not resolve to IPv4; IoError when no connection could be opened
/// ("connect 127.0.0.1:502: Connection refused (is the server running?)").
Result<LoadReport> RunLoad(const LoadOptions& options,
                           const LoadProgressFn& on_progress = {});

/// The same with a request list built beforehand (options' dataset_path,
/// strategy and seed are then not used).
Result<LoadReport> RunLoad(const LoadOptions& options,
                           const RequestList& requests,
                           const LoadProgressFn& on_progress = {});

}  // namespace protolm::loadgen
