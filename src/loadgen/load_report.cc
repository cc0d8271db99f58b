// Text and JSON renderings of a load report (see load_report.h).
#include "loadgen/load_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace protolm::loadgen {

std::string RenderReportText(const LoadReport& r) {
  const FailureCounts& f = r.failed;
  return fmt::format(
      "load {} ({}): {} requests over {} connections, pipeline {}\n"
      "completed {}, failed {} (timeout {}, closed {}, invalid {}, "
      "unmatched {}, connect {})\n"
      "{:.2f} s, {:.1f} responses/s, {} connections opened\n"
      "latency ms: p50 {:.3f}  p90 {:.3f}  p99 {:.3f}  max {:.3f}\n",
      r.target, r.protocol, r.requests, r.connections, r.pipeline, r.completed,
      f.total(), f.timeout, f.closed, f.invalid, f.unmatched, f.connect,
      r.seconds, r.responses_per_s, r.connections_opened, r.latency.p50_ms,
      r.latency.p90_ms, r.latency.p99_ms, r.latency.max_ms);
}

std::string RenderReportJson(const LoadReport& r) {
  const FailureCounts& f = r.failed;
  nlohmann::ordered_json j = {{"target", r.target},
                              {"protocol", r.protocol},
                              {"connections", r.connections},
                              {"pipeline", r.pipeline},
                              {"requests", r.requests},
                              {"completed", r.completed},
                              {"failed",
                               {{"total", f.total()},
                                {"timeout", f.timeout},
                                {"closed", f.closed},
                                {"invalid", f.invalid},
                                {"unmatched", f.unmatched},
                                {"connect", f.connect}}},
                              {"connections_opened", r.connections_opened},
                              {"seconds", r.seconds},
                              {"responses_per_s", r.responses_per_s},
                              {"latency_ms",
                               {{"p50", r.latency.p50_ms},
                                {"p90", r.latency.p90_ms},
                                {"p99", r.latency.p99_ms},
                                {"max", r.latency.max_ms}}}};
  return j.dump(2) + "\n";
}

}  // namespace protolm::loadgen
