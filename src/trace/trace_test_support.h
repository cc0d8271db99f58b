// Test support for trace sources: a TraceSink that keeps every trace, event
// and warning it is given and fails the test when a source breaks the
// TraceSink call order. Used only by *_test.cc files (trace/, ingest/).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "trace/trace_source.h"

namespace protolm::testing {

struct CollectedTrace {
  TraceInfo info;
  std::vector<TraceEvent> events;
  bool ended = false;
};

class CollectingSink : public TraceSink {
 public:
  void OnTraceStart(const TraceInfo& trace) override {
    EXPECT_EQ(open_.count(trace.number), 0u) << "trace started twice";
    open_[trace.number] = traces.size();
    traces.push_back({trace, {}, false});
  }
  void OnEvent(const TraceInfo& trace, TraceEvent& event) override {
    auto it = open_.find(trace.number);
    ASSERT_NE(it, open_.end()) << "event outside its trace";
    traces[it->second].events.push_back(event);
  }
  void OnTraceEnd(const TraceInfo& trace) override {
    auto it = open_.find(trace.number);
    ASSERT_NE(it, open_.end()) << "trace ended twice or never started";
    traces[it->second].ended = true;
    open_.erase(it);
  }
  void OnWarning(const Status& warning) override {
    EXPECT_FALSE(warning.ok());
    warnings.push_back(warning);
  }

  /// The trace with this id (nullptr when none).
  const CollectedTrace* Find(const std::string& id) const {
    for (const CollectedTrace& t : traces)
      if (t.info.id == id) return &t;
    return nullptr;
  }

  std::vector<CollectedTrace> traces;  // in order of start
  std::vector<Status> warnings;

 private:
  std::map<uint64_t, size_t> open_;  // trace number → index in `traces`
};

}  // namespace protolm::testing
