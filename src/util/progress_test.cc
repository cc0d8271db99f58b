// ProgressReporter: what the line says, and that logs are throttled.
#include "util/progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace protolm {
namespace {

TEST(ProgressReporter, RendersBarRateAndEta) {
  ProgressReporter p("ingest x.pcap", 10, "MB", stderr);
  EXPECT_EQ(p.Render(5, 2.0),
            "ingest x.pcap [##########          ] 50%  5.0/10.0 MB  2.5 MB/s  "
            "ETA 2s");
  EXPECT_EQ(p.Render(10, 4.0),
            "ingest x.pcap [####################] 100%  10.0/10.0 MB  2.5 MB/s");
}

TEST(ProgressReporter, AppendsTheDetail) {
  ProgressReporter p("train", 10, "steps", stderr);
  p.SetDetail("loss 0.500");
  EXPECT_EQ(p.Render(5, 5.0),
            "train [##########          ] 50%  5.0/10.0 steps  1.0 steps/s  "
            "ETA 5s  loss 0.500");
}

TEST(ProgressReporter, UnknownTotalHasNoBar) {
  ProgressReporter p("train", 0, "steps", stderr);
  EXPECT_EQ(p.Render(300, 60.0), "train  300.0 steps  5.0 steps/s");
}

TEST(ProgressReporter, LogsAtMostOncePerIntervalWhenNotATerminal) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  {
    ProgressReporter p("job", 100, "items", out, std::chrono::milliseconds(0));
    p.Update(10);
    p.Update(20);
  }
  {
    ProgressReporter quiet("job", 100, "items", out, std::chrono::hours(1));
    quiet.Update(50);  // finishes before the first interval: says nothing
  }
  std::rewind(out);
  char buf[512] = {};
  size_t n = std::fread(buf, 1, sizeof buf - 1, out);
  std::fclose(out);
  std::string text(buf, n);
  EXPECT_EQ(text.find("protolm: progress: job [##"), 0u) << text;
  EXPECT_NE(text.find("20.0/100.0 items"), std::string::npos) << text;
  EXPECT_EQ(text.find("50.0/100.0"), std::string::npos) << text;
}

}  // namespace
}  // namespace protolm
