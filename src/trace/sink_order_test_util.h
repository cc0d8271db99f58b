// Test support for fuzz targets of trace sources: a TraceSink that aborts
// when a source breaks the TraceSink contract (trace_source.h) — a trace
// started twice, an event or end outside its trace, a trace never ended, a
// flood of warnings — so libFuzzer reports it as a crash. Used only by
// *_fuzz.cc files.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <set>

#include "trace/trace_source.h"

namespace protolm::testing {

class OrderCheckingSink : public TraceSink {
 public:
  explicit OrderCheckingSink(uint64_t max_warnings = 12)
      : max_warnings_(max_warnings) {}

  void OnTraceStart(const TraceInfo& trace) override {
    Require(trace.number == ++started_ && open_.insert(trace.number).second);
  }
  void OnEvent(const TraceInfo& trace, TraceEvent&) override {
    Require(open_.count(trace.number) == 1);
  }
  void OnTraceEnd(const TraceInfo& trace) override {
    Require(open_.erase(trace.number) == 1);
  }
  void OnWarning(const Status& warning) override {
    Require(!warning.ok() && ++warnings_ <= max_warnings_);
  }
  /// Call after Run(): every started trace has ended.
  void RequireAllEnded() const { Require(open_.empty()); }

 private:
  static void Require(bool condition) {
    if (!condition) std::abort();
  }

  uint64_t max_warnings_;
  uint64_t started_ = 0;
  uint64_t warnings_ = 0;
  std::set<uint64_t> open_;
};

}  // namespace protolm::testing
