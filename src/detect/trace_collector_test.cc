// TraceCollector: interleaved traces become one token sequence each.
#include "detect/trace_collector.h"

#include <gtest/gtest.h>

namespace protolm::detect {
namespace {

TraceInfo Info(uint64_t number, std::string id, uint64_t first_record) {
  TraceInfo info;
  info.number = number;
  info.id = std::move(id);
  info.first_record = first_record;
  return info;
}

void Push(TraceCollector& sink, const TraceInfo& trace, std::string token) {
  TraceEvent event;
  event.token = std::move(token);
  event.fields = {{"syscall", event.token}};
  sink.OnEvent(trace, event);
}

TEST(TraceCollector, SplitsInterleavedTraces) {
  TraceCollector sink(/*keep_fields=*/true);
  TraceInfo pid1 = Info(1, "1524", 1);
  TraceInfo pid2 = Info(2, "930", 2);
  sink.OnTraceStart(pid1);
  Push(sink, pid1, "open");
  sink.OnTraceStart(pid2);
  Push(sink, pid2, "read");
  Push(sink, pid1, "close");
  sink.OnTraceEnd(pid2);
  sink.OnWarning(Malformed("unm.int:3: not a PID and a call"));
  sink.OnTraceEnd(pid1);
  std::vector<TraceSequence> traces = sink.TakeTraces();
  ASSERT_EQ(traces.size(), 2u);
  EXPECT_EQ(traces[0].id, "930");  // ended first
  EXPECT_EQ(traces[0].first_record, 2u);
  EXPECT_EQ(traces[0].tokens, (std::vector<std::string>{"read"}));
  EXPECT_EQ(traces[1].tokens, (std::vector<std::string>{"open", "close"}));
  ASSERT_EQ(traces[1].fields.size(), 2u);
  EXPECT_EQ(traces[1].fields[1][0].value, "close");
  ASSERT_EQ(sink.warnings().size(), 1u);
  EXPECT_TRUE(sink.TakeTraces().empty());
}

TEST(TraceCollector, KeepsEmptyTokensAndDropsFieldsUnlessAsked) {
  TraceCollector sink;
  TraceInfo trace = Info(1, "t", 0);
  sink.OnTraceStart(trace);
  Push(sink, trace, "");
  Push(sink, trace, "x");
  sink.OnTraceEnd(trace);
  std::vector<TraceSequence> traces = sink.TakeTraces();
  ASSERT_EQ(traces.size(), 1u);
  EXPECT_EQ(traces[0].tokens, (std::vector<std::string>{"", "x"}));
  EXPECT_TRUE(traces[0].fields.empty());
}

}  // namespace
}  // namespace protolm::detect
