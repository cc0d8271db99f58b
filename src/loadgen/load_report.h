// What a load run measured: how many requests completed or failed (and
// why), how fast, and the latency percentiles; as text for people and JSON
// for scripts.
//
// Every request of a run ends exactly once: completed when the whole framed
// answer carrying its identifier arrived, otherwise failed with one kind.
// So completed + failed.total() == requests, and `completed` is the count a
// server's own log of answered requests can be checked against. Plain
// values; thread-safe to read.
#pragma once

#include <cstdint>
#include <string>

namespace protolm::loadgen {

/// Why requests failed. When a connection breaks, every request in flight
/// on it fails with the same kind and the connection is opened again.
struct FailureCounts {
  uint64_t timeout = 0;    // the oldest request in flight got no answer in time
  uint64_t closed = 0;     // the server closed or reset the connection
  uint64_t invalid = 0;    // the answer stream held bytes no unit can start
                           // with, a unit over the size limit, or an answer
                           // without an identifier
  uint64_t unmatched = 0;  // an answer's identifier matched no request in
                           // flight (the stream is out of step)
  uint64_t connect = 0;    // opening a connection failed (TCP connect, or
                           // the S7 COTP connect / setup communication);
                           // one request fails per failed opening

  uint64_t total() const {
    return timeout + closed + invalid + unmatched + connect;
  }
};

struct LatencySummary {
  double p50_ms = 0;
  double p90_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
};

struct LoadReport {
  std::string target;  // "host:port"
  std::string protocol;
  uint64_t connections = 0;  // asked for (at once)
  uint64_t pipeline = 0;     // requests in flight per connection, asked for
  uint64_t requests = 0;     // the run's total
  uint64_t completed = 0;
  FailureCounts failed;
  uint64_t connections_opened = 0;  // successful openings, reconnects too
  double seconds = 0;               // wall time of the whole run
  double responses_per_s = 0;       // completed / seconds
  LatencySummary latency;           // of completed requests, send to answer
};

/// A few lines: the setting, the counts, the rate and the percentiles.
std::string RenderReportText(const LoadReport& report);
/// One JSON object (keys: target, protocol, connections, pipeline,
/// requests, completed, failed{total,timeout,closed,invalid,unmatched,
/// connect}, connections_opened, seconds,
/// responses_per_s, latency_ms{p50,p90,p99,max}), pretty-printed.
std::string RenderReportJson(const LoadReport& report);

}  // namespace protolm::loadgen
