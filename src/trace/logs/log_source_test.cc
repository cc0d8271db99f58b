// Tests of the log sources on the shared data: loghub's HDFS sample grouped
// by block id (a line naming two blocks goes to both) with the template ids
// and parameters as fields, the header presets on HDFS, BGL, Linux and
// OpenSSH lines, fixed windows, matching with a trained miner, DeepLog's key
// sequences, and hostile input as capped warnings.
#include "trace/logs/log_source.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "trace/logs/sequence_source.h"
#include "trace/trace_test_support.h"

namespace protolm {
namespace {

using testing::CollectedTrace;
using testing::CollectingSink;

const std::string kLogs = std::string(PROTOLM_SHARED_DATA_DIR) + "/logs";
const std::string kHdfsLog = kLogs + "/loghub_2k/HDFS/HDFS_2k.log";

std::string FieldOf(const TraceEvent& event, const std::string& name) {
  for (const EventField& field : event.fields)
    if (field.name == name) return field.value;
  return "";
}

size_t EventCount(const CollectingSink& sink) {
  size_t events = 0;
  for (const CollectedTrace& trace : sink.traces) events += trace.events.size();
  return events;
}

LogSourceOptions WithPreset(const std::string& preset) {
  LogSourceOptions options;
  Result<LogHeader> header = LogHeader::Preset(preset);
  EXPECT_TRUE(header.ok()) << header.status().message();
  if (header.ok()) options.header = std::move(header).value();
  return options;
}

TEST(LogSourceTest, GroupsHdfsLinesIntoBlockSessions) {
  LogTemplateMiner miner;
  LogSourceOptions options = WithPreset("hdfs");
  options.token_depth = 1;
  options.session_regex = "blk_-?[0-9]+";
  CollectingSink sink;
  ASSERT_TRUE(LogSource(kHdfsLog, miner, options).Run(sink).ok());
  EXPECT_TRUE(sink.warnings.empty()) << sink.warnings[0].message();
  // 2,000 lines name 2,200 distinct blocks; 3 lines name two: 2,206 events.
  ASSERT_EQ(sink.traces.size(), 2200u);
  EXPECT_EQ(EventCount(sink), 2206u);
  const CollectedTrace& first = sink.traces[0];
  EXPECT_EQ(first.info.id, "blk_38865049064139660");
  EXPECT_EQ(first.info.first_record, 1u);
  ASSERT_EQ(first.events.size(), 1u);
  const TraceEvent& event = first.events[0];
  EXPECT_EQ(event.token, "PacketResponder <*> for block blk_<*> terminating");
  EXPECT_EQ(FieldOf(event, "level"), "INFO");
  EXPECT_EQ(FieldOf(event, "component"), "dfs.DataNode$PacketResponder");
  EXPECT_EQ(FieldOf(event, "template"), "1");
  EXPECT_EQ(FieldOf(event, "p1"), "1");
  EXPECT_EQ(FieldOf(event, "p2"), "blk_38865049064139660");
  EXPECT_EQ(miner.size(), 16u);
}

TEST(LogSourceTest, ScoresWithATrainedMinerWithoutChangingIt) {
  LogTemplateMiner miner;
  CollectingSink training;
  LogSourceOptions options = WithPreset("hdfs");
  ASSERT_TRUE(LogSource(kHdfsLog, miner, options).Run(training).ok());
  size_t templates = miner.size();

  std::istringstream unseen(
      "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 2 "
      "for block blk_1 terminating\n"
      "081109 203615 148 WARN dfs.DataNode: Disk 7 is on fire\n");
  options.learn = false;
  options.token_depth = 0;
  options.session_regex = "blk_(-?[0-9]+)";  // the capture names the session
  CollectingSink sink;
  ASSERT_TRUE(LogSource("unused", miner, options).Read(unseen, "u.log", sink).ok());
  EXPECT_EQ(miner.size(), templates);
  ASSERT_EQ(sink.traces.size(), 1u);
  EXPECT_EQ(sink.traces[0].info.id, "1");
  EXPECT_EQ(sink.traces[0].events[0].token, "E1");
  ASSERT_EQ(sink.warnings.size(), 1u);  // the fire names no block
  EXPECT_EQ(sink.warnings[0].message(), "u.log: 1 lines named no session; left out");

  std::istringstream again("081109 203615 148 WARN dfs.DataNode: Disk 7 is on fire\n");
  options.token_depth = 1;
  options.session_regex.reset();
  CollectingSink masked;
  ASSERT_TRUE(LogSource("unused", miner, options).Read(again, "u.log", masked).ok());
  ASSERT_EQ(masked.traces.size(), 1u);
  EXPECT_EQ(FieldOf(masked.traces[0].events[0], "template"), "0");
  EXPECT_EQ(masked.traces[0].events[0].token, "Disk <*> is on fire");
}

TEST(LogSourceTest, HeaderPresetsFitTheirLoghubFiles) {
  struct Case {
    const char* preset;
    const char* file;
    const char* field;
    const char* value;  // of the first line
  };
  for (const Case& c : {Case{"bgl", "BGL/BGL_2k.log", "node", "R02-M1-N0-C:J12-U11"},
                        Case{"linux", "Linux/Linux_2k.log", "component", "sshd(pam_unix)"},
                        Case{"openssh", "OpenSSH/OpenSSH_2k.log", "pid", "24200"}}) {
    LogTemplateMiner miner;
    LogSourceOptions options = WithPreset(c.preset);
    options.window_lines = 100;
    CollectingSink sink;
    ASSERT_TRUE(
        LogSource(kLogs + "/loghub_2k/" + c.file, miner, options).Run(sink).ok());
    EXPECT_TRUE(sink.warnings.empty()) << c.file << ": " << sink.warnings[0].message();
    ASSERT_EQ(sink.traces.size(), 20u) << c.file;  // 2,000 lines in windows of 100
    EXPECT_EQ(sink.traces[1].info.id, kLogs + "/loghub_2k/" + c.file + ":101");
    EXPECT_EQ(EventCount(sink), 2000u);
    EXPECT_EQ(FieldOf(sink.traces[0].events[0], c.field), c.value) << c.file;
  }
}

TEST(LogSourceTest, NamedGroupsOfAUserExpression) {
  Result<LogHeader> header =
      LogHeader::FromRegex(R"((?P<time>\d+) \[(?<level>[a-z]+)\] (?:x )?)");
  ASSERT_TRUE(header.ok()) << header.status().message();
  std::vector<EventField> fields;
  std::optional<std::string_view> message =
      header->Strip("17 [warn] x disk full", fields);
  ASSERT_TRUE(message.has_value());
  EXPECT_EQ(*message, "disk full");
  EXPECT_EQ(fields, (std::vector<EventField>{{"time", "17"}, {"level", "warn"}}));
  EXPECT_EQ(LogHeader::FromRegex("(?<bad").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(LogHeader::Preset("nosuch").status().code(),
            StatusCode::kInvalidArgument);
}

TEST(LogSourceTest, HostileLinesAreCappedWarnings) {
  std::string text = "fine line 1\n";
  for (int i = 0; i < 12; ++i) text += std::string("bin\0ary\x01\n", 9);
  text += std::string(1 << 21, 'a') + "\nfine line 2\n";
  std::istringstream in(text);
  LogTemplateMiner miner;
  LogSourceOptions options = WithPreset("hdfs");
  CollectingSink sink;
  ASSERT_TRUE(LogSource("unused", miner, options).Read(in, "h.log", sink).ok());
  EXPECT_EQ(EventCount(sink), 2u);
  // 12 binary lines, 1 huge one, 2 lines without header: 10 + a count.
  ASSERT_EQ(sink.warnings.size(), 11u);
  EXPECT_EQ(sink.warnings[0].message(), "h.log:1: no header; the whole line read as the message");
  EXPECT_EQ(sink.warnings[10].message(), "h.log: 5 more lines with problems not reported");
  // The session expression sees only 4 KiB: a 200 KB block id cannot
  // exhaust the stack of libstdc++'s recursive matcher.
  std::istringstream deep("blk_" + std::string(200'000, '7') + "\n");
  LogSourceOptions sessions;
  sessions.session_regex = "blk_-?[0-9]+";
  CollectingSink one;
  ASSERT_TRUE(LogSource("unused", miner, sessions).Read(deep, "d.log", one).ok());
  ASSERT_EQ(one.traces.size(), 1u);
  EXPECT_EQ(one.traces[0].info.id.size(), 4096u);

  LogSourceOptions bad;
  bad.session_regex = "blk_(";
  EXPECT_EQ(LogSource("unused", miner, bad).Read(in, "h.log", sink).code(),
            StatusCode::kInvalidArgument);
}

TEST(SequenceSourceTest, ReadsDeepLogHdfsSessions) {
  CollectingSink sink;
  SequenceSource source(kLogs + "/hdfs/hdfs_train", {.token_depth = 0});
  ASSERT_TRUE(source.Run(sink).ok());
  EXPECT_TRUE(sink.warnings.empty());
  ASSERT_EQ(sink.traces.size(), 4855u);
  EXPECT_EQ(EventCount(sink), 95125u);
  const CollectedTrace& first = sink.traces[0];
  EXPECT_EQ(first.info.id, "1");
  ASSERT_EQ(first.events.size(), 19u);  // 5 5 5 22 11 9 11 9 11 9 26 26 26 23 23 23 21 21 21
  EXPECT_EQ(first.events[3].token, "22");
  EXPECT_EQ(FieldOf(first.events[18], "key"), "21");

  std::istringstream binary(std::string("\x7f" "ELF\x02\x01\n\n1 2\n", 12));
  CollectingSink refused;
  EXPECT_EQ(source.Read(binary, "b", refused).message(),
            "b:1: control bytes: not a text file (binary data?)");
  EXPECT_TRUE(refused.traces.empty());

  std::istringstream damaged(std::string("1 2\n\x7f" "ELF\x02\x01\n3\n", 13));
  CollectingSink warned;
  ASSERT_TRUE(source.Read(damaged, "b", warned).ok());
  EXPECT_EQ(warned.traces.size(), 2u);
  ASSERT_EQ(warned.warnings.size(), 1u);
  EXPECT_EQ(warned.warnings[0].message(),
            "b:2: control bytes (binary data?); line skipped");
}

}  // namespace
}  // namespace protolm
