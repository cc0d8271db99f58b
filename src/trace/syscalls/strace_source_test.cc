// Tests of the strace trace source: one trace per process on the shared
// attack traces (vsftpd, sshd under hydra), unfinished/resumed calls joined,
// thread groups and -yy descriptors on a trace recorded for these tests
// (testdata/README.md), and hostile input as one error or capped warnings.
#include "trace/syscalls/strace_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "trace/trace_test_support.h"

namespace protolm {
namespace {

using testing::CollectedTrace;
using testing::CollectingSink;

const std::string kData = PROTOLM_SHARED_DATA_DIR;
const std::string kThreads =
    std::string(PROTOLM_SOURCE_DIR) + "/src/trace/syscalls/testdata/threads.strace";

std::string FieldOf(const TraceEvent& event, const std::string& name) {
  for (const EventField& field : event.fields)
    if (field.name == name) return field.value;
  return "";
}

CollectingSink Read(const std::string& path, StraceSourceOptions options) {
  CollectingSink sink;
  StraceSource source(path, options);
  Status status = source.Run(sink);
  EXPECT_TRUE(status.ok()) << status.message();
  return sink;
}

size_t EventCount(const CollectingSink& sink) {
  size_t events = 0;
  for (const CollectedTrace& trace : sink.traces) events += trace.events.size();
  return events;
}

TEST(StraceSourceTest, SplitsVsftpdIntoOneTracePerProcess) {
  CollectingSink sink = Read(kData + "/traces/attack/vsftpd.strace",
                             {.token_depth = 1});
  EXPECT_TRUE(sink.warnings.empty()) << sink.warnings[0].message();
  // 9 PIDs; 3,253 lines = 2,732 whole or resumed calls + 9 signals + 503
  // unfinished halves + 9 exits.
  ASSERT_EQ(sink.traces.size(), 9u);
  EXPECT_EQ(EventCount(sink), 2741u);
  const CollectedTrace& daemon = sink.traces[0];
  EXPECT_EQ(daemon.info.id, "6201");
  EXPECT_EQ(daemon.info.first_record, 1u);
  EXPECT_EQ(daemon.events.size(), 91u);
  EXPECT_EQ(sink.traces[1].info.id, "6207");  // its first line (71) comes first
  EXPECT_EQ(sink.traces[1].info.first_record, 71u);
  for (const CollectedTrace& trace : sink.traces) EXPECT_TRUE(trace.ended);

  const TraceEvent& execve = daemon.events[0];
  EXPECT_EQ(FieldOf(execve, "syscall"), "execve");
  EXPECT_EQ(execve.token, "execve(bin,[...],ptr)=ok");
  EXPECT_EQ(execve.time_us, (16 * 3600 + 39 * 60 + 54) * 1'000'000LL + 513475);
  EXPECT_EQ(std::get<ProcessActor>(execve.actor).pid, 6201);
  EXPECT_EQ(daemon.events[1].token, "access(/etc/*,R_OK)=ENOENT");
  EXPECT_EQ(FieldOf(daemon.events[1], "result"), "err ENOENT");
  EXPECT_EQ(FieldOf(daemon.events[1], "ret"), "-1");
}

TEST(StraceSourceTest, JoinsUnfinishedAndResumedHalves) {
  CollectingSink sink = Read(kData + "/traces/attack/vsftpd.strace",
                             {.token_depth = 1});
  // 6208  16:39:55.899865 openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC
  //   <unfinished ...> ... <... openat resumed>) = 4 (or so): one event.
  const CollectedTrace* child = sink.Find("6208");
  ASSERT_NE(child, nullptr);
  EXPECT_EQ(child->events.size(), 63u);
  bool found = false;
  for (const TraceEvent& event : child->events) {
    if (event.time_us != (16 * 3600 + 39 * 60 + 55) * 1'000'000LL + 899865)
      continue;
    found = true;
    EXPECT_EQ(event.token, "openat(AT_FDCWD,/etc/*,O_RDONLY|O_CLOEXEC)=ok");
  }
  EXPECT_TRUE(found);
  const CollectedTrace* parent = sink.Find("6206");
  ASSERT_NE(parent, nullptr);
  bool signal = false;
  for (const TraceEvent& event : parent->events)
    signal = signal || event.token == "signal:SIGCHLD";
  EXPECT_TRUE(signal);
}

TEST(StraceSourceTest, ReadsSshdAtDepthZero) {
  CollectingSink sink = Read(kData + "/traces/attack/sshd.strace",
                             {.token_depth = 0});
  EXPECT_TRUE(sink.warnings.empty());
  ASSERT_EQ(sink.traces.size(), 7u);
  EXPECT_EQ(EventCount(sink), 2335u);
  EXPECT_EQ(sink.traces[0].events[1].token, "access");
}

TEST(StraceSourceTest, ReadsTheRecordedWebServersWithoutWarnings) {
  // apache.strace: one process (-X); nginx: master and worker.
  for (const char* name : {"apache", "apache_nommap", "nginx"}) {
    CollectingSink sink = Read(
        kData + "/pcaps/http/recorded/" + name + ".strace", {.token_depth = 1});
    EXPECT_TRUE(sink.warnings.empty()) << name << ": " << sink.warnings[0].message();
    EXPECT_GT(EventCount(sink), 100u) << name;
  }
}

TEST(StraceSourceTest, ThreadsJoinTheirProcessAndDescriptorsHaveKinds) {
  CollectingSink sink = Read(kThreads, {.token_depth = 1});
  EXPECT_TRUE(sink.warnings.empty());
  ASSERT_EQ(sink.traces.size(), 2u);  // the process (2 threads), its child
  const CollectedTrace& main = sink.traces[0];
  EXPECT_EQ(main.info.id, "22141");
  EXPECT_EQ(sink.traces[1].info.id, "22143");
  bool thread_read = false;
  for (const TraceEvent& event : main.events) {
    const auto& actor = std::get<ProcessActor>(event.actor);
    EXPECT_EQ(actor.pid, 22141);
    if (actor.tid == 22142 && FieldOf(event, "syscall") == "read") {
      thread_read = true;
      EXPECT_EQ(event.token, "read(fd:/etc/*,str,N)=ok");
    }
  }
  EXPECT_TRUE(thread_read);
  std::vector<std::string> tokens;
  for (const TraceEvent& event : main.events) tokens.push_back(event.token);
  auto has = [&](const std::string& token) {
    return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
  };
  EXPECT_TRUE(has("openat(AT_FDCWD,/etc/*,O_RDONLY)=ok"));
  EXPECT_TRUE(has("write(fd:pipe,str,1)=ok"));
  EXPECT_TRUE(has("close(fd:tcp)=ok"));
  EXPECT_TRUE(has("openat(AT_FDCWD,/other,O_RDONLY)=ENOENT"));
  EXPECT_EQ(main.events.back().token, "exit_group(0)=?");

  CollectingSink per_task =
      Read(kThreads, {.token_depth = 0, .grouping = StraceGrouping::kTask});
  EXPECT_EQ(per_task.traces.size(), 3u);
}

TEST(StraceSourceTest, FilesWithoutPidTakeItFromTheirName) {
  std::istringstream in(
      "16:39:54.513475 close(3) = 0\n"
      "16:39:54.513480 read(0, \"ab\", 2) = 2\n");
  CollectingSink sink;
  StraceSource source("unused", {.token_depth = 0});
  ASSERT_TRUE(source.Read(in, "out.4242", sink).ok());
  ASSERT_EQ(sink.traces.size(), 1u);
  EXPECT_EQ(sink.traces[0].info.id, "4242");
  EXPECT_EQ(sink.traces[0].events.size(), 2u);
}

TEST(StraceSourceTest, HostileInputIsOneErrorOrCappedWarnings) {
  std::istringstream binary(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  CollectingSink sink;
  StraceSource source("unused");
  Status status = source.Read(binary, "x.png", sink);
  EXPECT_EQ(status.code(), StatusCode::kMalformed);
  EXPECT_EQ(status.message().rfind("x.png:1: not strace output: ", 0), 0u)
      << status.message();

  std::string mixed = "1 10:00:00.000001 close(3) = 0\n";
  for (int i = 0; i < 25; ++i) mixed += "1 10:00:00.000002 read(3, \"cut\n";
  mixed += std::string(2 << 20, 'x') + "\n1 10:00:00.000003 close(4 <unfinished ...>\n";
  std::istringstream damaged(mixed);
  CollectingSink warned;
  ASSERT_TRUE(StraceSource("unused", {.token_depth = 0})
                  .Read(damaged, "d.strace", warned)
                  .ok());
  ASSERT_EQ(warned.traces.size(), 1u);
  EXPECT_EQ(warned.traces[0].events.size(), 2u);  // close, close(4) = ?
  ASSERT_EQ(warned.warnings.size(), 11u);
  EXPECT_NE(warned.warnings[10].message().find("16 more"), std::string::npos);
}

}  // namespace
}  // namespace protolm
