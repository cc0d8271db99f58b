// Tests of the strace line and call parsers and of the argument abstraction,
// on lines taken from the shared traces (traces/attack, pcaps/http/recorded)
// and -yy lines written the way strace 6 prints them.
#include <gtest/gtest.h>

#include "trace/syscalls/strace_abstraction.h"
#include "trace/syscalls/strace_call.h"
#include "trace/syscalls/strace_line.h"

namespace protolm {
namespace {

using Kind = StraceLine::Kind;

TEST(StraceLineTest, ReadsPidTimeAndCall) {
  Result<StraceLine> line = ParseStraceLine(
      "6201  16:39:54.515756 openat(AT_FDCWD, \"/etc/ld.so.cache\", "
      "O_RDONLY|O_CLOEXEC) = 3");
  ASSERT_TRUE(line.ok()) << line.status().message();
  EXPECT_EQ(line->kind, Kind::kCall);
  EXPECT_EQ(line->pid, 6201);
  EXPECT_EQ(line->time_us, (16 * 3600 + 39 * 60 + 54) * 1'000'000LL + 515756);
  EXPECT_EQ(line->name, "openat");
}

TEST(StraceLineTest, ReadsTheOtherShapes) {
  auto unfinished = ParseStraceLine("7164  16:50:14.019061 read(5,  <unfinished ...>");
  ASSERT_TRUE(unfinished.ok());
  EXPECT_EQ(unfinished->kind, Kind::kUnfinished);
  EXPECT_EQ(unfinished->text, "read(5,  ");

  auto resumed = ParseStraceLine(
      "7164  16:50:14.020112 <... read resumed>\"\\0\\0\\0X\", 4) = 4");
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->kind, Kind::kResumed);
  EXPECT_EQ(resumed->name, "read");
  EXPECT_EQ(resumed->text, "\"\\0\\0\\0X\", 4) = 4");

  auto signal = ParseStraceLine(
      "7163  16:50:14.103064 --- SIGCHLD {si_signo=SIGCHLD, si_pid=7164} ---");
  ASSERT_TRUE(signal.ok());
  EXPECT_EQ(signal->kind, Kind::kSignal);
  EXPECT_EQ(signal->name, "SIGCHLD");

  auto exit = ParseStraceLine("7164  16:50:14.103022 +++ exited with 255 +++");
  ASSERT_TRUE(exit.ok());
  EXPECT_EQ(exit->kind, Kind::kExit);
  EXPECT_EQ(exit->text, "exited with 255");

  auto bracketed = ParseStraceLine("[pid  42] 1701790794.500000 close(3) = 0");
  ASSERT_TRUE(bracketed.ok());
  EXPECT_EQ(bracketed->pid, 42);
  EXPECT_EQ(bracketed->time_us, 1701790794'500000LL);

  auto bare = ParseStraceLine("close(3) = 0");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->pid, std::nullopt);
  EXPECT_EQ(bare->time_us, std::nullopt);

  EXPECT_FALSE(ParseStraceLine("\x7f" "ELF garbage").ok());
  EXPECT_FALSE(ParseStraceLine("6201 16:39:54.5 <... read").ok());
}

TEST(StraceCallTest, SplitsArgumentsAtTopLevelCommasOnly) {
  auto call = ParseStraceCall(
      "execve(\"/usr/sbin/vsftpd\", [\"/usr/sbin/vsftpd\", \"vsftpd.conf\"], "
      "0x7fffb13166c8 /* 41 vars */) = 0");
  ASSERT_TRUE(call.ok()) << call.status().message();
  ASSERT_EQ(call->args.size(), 3u);
  EXPECT_EQ(call->args[1], "[\"/usr/sbin/vsftpd\", \"vsftpd.conf\"]");
  EXPECT_EQ(call->ret, "0");
  EXPECT_EQ(ResultOf(*call), "ok");

  auto quoted = ParseStraceCall("write(1, \"a, b) = 3\", 9) = 9");
  ASSERT_TRUE(quoted.ok());
  EXPECT_EQ(quoted->args.size(), 3u);
  EXPECT_EQ(quoted->ret, "9");

  auto failed = ParseStraceCall(
      "access(\"/etc/ld.so.preload\", R_OK) = -1 ENOENT (No such file or "
      "directory)");
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->error, "ENOENT");
  EXPECT_EQ(ResultOf(*failed), "err ENOENT");

  auto never = ParseStraceCall("exit_group(255)   = ?");
  ASSERT_TRUE(never.ok());
  EXPECT_EQ(ResultOf(*never), "?");

  auto annotated = ParseStraceCall(
      "accept(3<TCP:[127.0.0.1:21]>, NULL, NULL) = 4<TCP:[127.0.0.1:21->"
      "127.0.0.1:40000]>");
  ASSERT_TRUE(annotated.ok());
  EXPECT_EQ(annotated->args[0], "3<TCP:[127.0.0.1:21]>");
  EXPECT_EQ(annotated->ret, "4<TCP:[127.0.0.1:21->127.0.0.1:40000]>");

  EXPECT_FALSE(ParseStraceCall("read(5, \"abc").ok());
  EXPECT_FALSE(ParseStraceCall("read(5)").ok());
}

// capget's flags are shifts, not -yy annotations (vsftpd, strace 6.1).
TEST(StraceCallTest, ShiftsAreNotAnnotations) {
  auto call = ParseStraceCall(
      "capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, "
      "{effective=1<<CAP_CHOWN|1<<CAP_KILL, permitted=1<<CAP_CHOWN, "
      "inheritable=0}) = 0");
  ASSERT_TRUE(call.ok()) << call.status().message();
  ASSERT_EQ(call->args.size(), 2u);
  EXPECT_EQ(call->args[1],
            "{effective=1<<CAP_CHOWN|1<<CAP_KILL, permitted=1<<CAP_CHOWN, "
            "inheritable=0}");
  EXPECT_EQ(call->ret, "0");
}

TEST(StraceAbstractionTest, ClassesPathsFlagsAndDescriptors) {
  EXPECT_EQ(PathClass("/etc/passwd"), "/etc/*");
  EXPECT_EQ(PathClass("/var/www/html/index.html"), "/var/www/*");
  EXPECT_EQ(PathClass("/lib/x86_64-linux-gnu/libc.so.6"), "lib");
  EXPECT_EQ(PathClass("/etcetera"), "/other");
  EXPECT_EQ(PathClass("/dev/null"), "dev");
  EXPECT_EQ(DescriptorKind("pipe:[1234]"), "fd:pipe");
  EXPECT_EQ(DescriptorKind("/tmp/x"), "fd:/tmp/*");
  EXPECT_EQ(DescriptorKind("UNIX:[99->98]"), "fd:unix");

  auto open = ParseStraceCall(
      "openat(AT_FDCWD, \"/lib/x86_64-linux-gnu/libwrap.so.0\", "
      "O_RDONLY|O_CLOEXEC) = 3");
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(AbstractCall(*open), "openat(AT_FDCWD,lib,O_RDONLY|O_CLOEXEC)=ok");

  auto stat = ParseStraceCall(
      "newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=61867, ...}, "
      "AT_EMPTY_PATH) = 0");
  ASSERT_TRUE(stat.ok());
  EXPECT_EQ(AbstractCall(*stat), "newfstatat(N,empty,{...},AT_EMPTY_PATH)=ok");

  auto read = ParseStraceCall(
      "read(3</etc/shadow>, \"root:$y$j9T$\"..., 4096) = 1024");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(AbstractCall(*read), "read(fd:/etc/*,str,N)=ok");

  auto failed = ParseStraceCall(
      "access(\"vsftpd.conf\", R_OK) = -1 ENOENT (No such file or directory)");
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(AbstractCall(*failed), "access(rel,R_OK)=ENOENT");

  auto clone = ParseStraceCall(
      "clone(child_stack=NULL, flags=CLONE_NEWIPC|SIGCHLD) = 6206");
  ASSERT_TRUE(clone.ok());
  EXPECT_EQ(AbstractCall(*clone),
            "clone(child_stack=NULL,flags=CLONE_NEWIPC|SIGCHLD)=ok");
  EXPECT_EQ(AbstractArgument("chmod", "S_IFREG|0644"), "S_IFREG|N");
  EXPECT_EQ(AbstractArgument("write", "1"), "1");
  EXPECT_EQ(AbstractArgument("mmap", "0x7f14d4c92750"), "ptr");
}

}  // namespace
}  // namespace protolm
