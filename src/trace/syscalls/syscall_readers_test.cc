// Tests of the numbered system-call readers on the real data sets: ADFA-LD
// files (two extracted from the shared zip) and UNM's interleaved PID lists, the
// i386/x86_64 name tables, and hostile input as one error or warnings.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "testing/run_program.h"
#include "testing/scratch_dir.h"
#include "trace/syscalls/adfa_source.h"
#include "trace/syscalls/syscall_map_file.h"
#include "trace/syscalls/syscall_table.h"
#include "trace/syscalls/unm_source.h"
#include "trace/trace_test_support.h"

namespace protolm {
namespace {

using testing::CollectingSink;

const std::string kData = PROTOLM_SHARED_DATA_DIR;

std::string FieldOf(const TraceEvent& event, const std::string& name) {
  for (const EventField& field : event.fields)
    if (field.name == name) return field.value;
  return "";
}

TEST(SyscallTableTest, NamesI386AndX86_64Numbers) {
  EXPECT_EQ(SyscallName(SyscallArch::kI386, 3), "read");
  EXPECT_EQ(SyscallName(SyscallArch::kI386, 5), "open");
  EXPECT_EQ(SyscallName(SyscallArch::kI386, 6), "close");
  EXPECT_EQ(SyscallName(SyscallArch::kI386, 240), "futex");
  EXPECT_EQ(SyscallName(SyscallArch::kX86_64, 0), "read");
  EXPECT_EQ(SyscallName(SyscallArch::kX86_64, 257), "openat");
  EXPECT_EQ(SyscallName(SyscallArch::kX86_64, 400), "sys_400");
  EXPECT_EQ(SyscallName(SyscallArch::kX86_64, -1), "sys_-1");
  EXPECT_EQ(ParseSyscallArch("amd64"), SyscallArch::kX86_64);
  EXPECT_EQ(ParseSyscallArch("sparc"), std::nullopt);
}

class AdfaSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // python3 (in scripts/setup.sh) rather than unzip, which may be missing.
    auto unzip = testing::RunCommand(
        {"python3", "-c",
         "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall("
         "sys.argv[2], members=sys.argv[3:])",
         kData + "/syscalls/adfa-ld/ADFA-LD_Training_Data_Master.zip",
         dir_.Path("adfa"), "Training_Data_Master/UTD-0773.txt",
         "Training_Data_Master/UTD-0294.txt"});
    ASSERT_EQ(unzip.exit_code, 0) << unzip.err;
  }
  testing::ScratchDir dir_;
};

TEST_F(AdfaSourceTest, ReadsADirectoryAsOneTracePerFileInSortedOrder) {
  CollectingSink sink;
  SyscallListOptions options;
  options.token_depth = 0;
  options.arch = SyscallArch::kI386;
  AdfaSource source(dir_.Path("adfa"), options);
  ASSERT_TRUE(source.Run(sink).ok());
  EXPECT_TRUE(sink.warnings.empty());
  ASSERT_EQ(sink.traces.size(), 2u);
  const auto& first = sink.traces[0];
  EXPECT_EQ(first.info.id, "Training_Data_Master/UTD-0294.txt");
  const auto& second = sink.traces[1];
  EXPECT_EQ(second.info.id, "Training_Data_Master/UTD-0773.txt");
  EXPECT_TRUE(second.ended);
  // UTD-0773 starts "311 78 33 33 195 5 ..." : i386 numbers.
  ASSERT_GT(second.events.size(), 6u);
  EXPECT_EQ(second.events[0].token, "set_robust_list");  // 311
  EXPECT_EQ(FieldOf(second.events[1], "nr"), "78");
  EXPECT_EQ(second.events[1].token, "gettimeofday");
  EXPECT_EQ(second.events[5].token, "open");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(second.events[0].actor));
}

TEST_F(AdfaSourceTest, AFileThatIsNoListOfNumbersIsAnError) {
  std::istringstream binary(std::string("\x7f" "ELF\x02\x01\x01\0\0", 9));
  CollectingSink sink;
  AdfaSource source("unused");
  Status status = source.ReadTrace(binary, "elf", sink);
  EXPECT_EQ(status.code(), StatusCode::kMalformed);
  EXPECT_NE(status.message().find("not an ADFA-LD trace"), std::string::npos);
  EXPECT_TRUE(sink.traces.empty());
}

TEST(UnmSourceTest, OneTracePerPidFromInterleavedLines) {
  CollectingSink sink;
  UnmSource source(kData + "/syscalls/unm/8.Inetd/intrusion/inetd-intrusion.int",
                   {.token_depth = 0, .arch = std::nullopt, .names = {}});
  ASSERT_TRUE(source.Run(sink).ok());
  EXPECT_TRUE(sink.warnings.empty());
  // 31 PIDs in 8,371 lines (awk '{print $1}' | sort -u | wc -l).
  ASSERT_EQ(sink.traces.size(), 31u);
  size_t events = 0;
  for (const auto& trace : sink.traces) events += trace.events.size();
  EXPECT_EQ(events, 8371u);
  const auto& first = sink.traces[0];
  EXPECT_EQ(first.info.id, "167");
  EXPECT_EQ(first.info.first_record, 1u);
  ASSERT_GE(first.events.size(), 5u);
  EXPECT_EQ(first.events[0].token, "90");  // numbers stay numbers
  EXPECT_EQ(first.events[4].token, "5");
  EXPECT_EQ(std::get<ProcessActor>(first.events[0].actor).pid, 167);
}

TEST(UnmSourceTest, NamesCallsWithTheSetsOwnMap) {
  const std::string sendmail = kData + "/syscalls/unm/1.Synthetic_Sendmail/";
  Result<std::vector<std::string>> names =
      ReadSyscallMap(sendmail + "syscallMap.txt");
  ASSERT_TRUE(names.ok()) << names.status().message();
  ASSERT_EQ(names->size(), 182u);
  EXPECT_EQ((*names)[2], "read");
  CollectingSink sink;
  SyscallListOptions options{.token_depth = 0, .arch = std::nullopt,
                             .names = std::move(names).value()};
  ASSERT_TRUE(UnmSource(sendmail + "normal-data/bounce.int", options)
                  .Run(sink)
                  .ok());
  ASSERT_FALSE(sink.traces.empty());
  // bounce.int starts "551 4", "551 2", "551 66".
  const auto& first = sink.traces[0];
  EXPECT_EQ(first.info.id, "551");
  ASSERT_GE(first.events.size(), 3u);
  EXPECT_EQ(first.events[0].token, "open");
  EXPECT_EQ(first.events[1].token, "read");
  EXPECT_EQ(FieldOf(first.events[2], "nr"), "66");

  EXPECT_EQ(ReadSyscallMap(kData + "/syscalls/unm/README.md").status().code(),
            StatusCode::kMalformed);
}

TEST(UnmSourceTest, GarbageAfterGoodLinesIsACappedWarning) {
  std::string text = "12 5\n12 6\n";
  for (int i = 0; i < 30; ++i) text += "garbage line\n";
  text += "13 4 \n";
  std::istringstream in(text);
  CollectingSink sink;
  UnmSource source("unused");
  ASSERT_TRUE(source.Read(in, "t.int", sink).ok());
  ASSERT_EQ(sink.traces.size(), 2u);
  EXPECT_EQ(sink.traces[1].info.first_record, 33u);
  ASSERT_EQ(sink.warnings.size(), 11u);  // 10, then one count
  EXPECT_EQ(sink.warnings[0].message(),
            "t.int:3: not a 'PID NUMBER' line; skipped");
  EXPECT_NE(sink.warnings[10].message().find("20 more"), std::string::npos);
}

TEST(UnmSourceTest, InputThatIsNotUnmIsAnError) {
  std::istringstream in("6201  16:39:54.513475 execve(\"/x\") = 0\n");
  CollectingSink sink;
  UnmSource source("unused");
  Status status = source.Read(in, "x.strace", sink);
  EXPECT_EQ(status.message(),
            "x.strace:1: not a 'PID NUMBER' line; not UNM system-call data");
}

}  // namespace
}  // namespace protolm
