// ReadTraces: each source kind on small files, ids, and the errors.
#include "detect/pipeline/trace_reading.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/file_contents.h"
#include "testing/scratch_dir.h"

namespace protolm::detect {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::vector<std::string> Ids(const std::vector<TraceSequence>& traces) {
  std::vector<std::string> ids;
  for (const TraceSequence& t : traces) ids.push_back(t.id);
  return ids;
}

TEST(TraceReadingTest, SequencesFromSeveralFilesKeepTheirNames) {
  testing::ScratchDir dir;
  testing::WriteFile(dir.Path("a"), "5 5 22\n\n11 9\n");
  testing::WriteFile(dir.Path("b"), "26\n");
  SourceSettings settings(SourceKind::kSequences);
  std::vector<std::string> inputs{dir.Path("a"), dir.Path("b")};
  size_t done = 0;
  ReadOptions options;
  options.on_input_done = [&](size_t inputs_done, uint64_t) {
    done = inputs_done;
  };
  auto traces = ReadTraces(settings, inputs, options);
  ASSERT_TRUE(traces.ok()) << traces.status().message();
  EXPECT_THAT(Ids(*traces), ElementsAre("a:1", "a:3", "b:1"));
  EXPECT_THAT((*traces)[0].tokens, ElementsAre("5", "5", "22"));
  EXPECT_EQ(done, 2u);
}

TEST(TraceReadingTest, SyscallsTellUnmFromAdfa) {
  testing::ScratchDir dir;
  testing::WriteFile(dir.Path("unm.int"), "7 5\n8 3\n7 4\n");
  testing::WriteFile(dir.Path("UTD-1.txt"), "5 3 4 6 \n");
  SourceSettings settings(SourceKind::kSyscalls);
  settings.syscall_arch = "i386";
  std::vector<std::string> unm{dir.Path("unm.int")};
  auto traces = ReadTraces(settings, unm);
  ASSERT_TRUE(traces.ok()) << traces.status().message();
  EXPECT_THAT(Ids(*traces), ElementsAre("unm.int:7", "unm.int:8"));
  EXPECT_THAT((*traces)[0].tokens, ElementsAre("open", "write"));
  std::vector<std::string> adfa{dir.Path("UTD-1.txt")};
  traces = ReadTraces(settings, adfa);
  ASSERT_TRUE(traces.ok()) << traces.status().message();
  EXPECT_THAT(Ids(*traces), ElementsAre("UTD-1.txt"));
  EXPECT_THAT((*traces)[0].tokens, ElementsAre("open", "read", "write", "close"));
}

TEST(TraceReadingTest, LogsLearnThenTokeniseWithTheFinishedMiner) {
  testing::ScratchDir dir;
  // The template of "open file a" generalises only at the second line; both
  // lines must get the same depth-1 token.
  testing::WriteFile(dir.Path("x.log"),
                     "s1 open file alpha\ns1 open file beta\ns2 close now\n");
  SourceSettings settings(SourceKind::kLog, 1);
  settings.session = "s[0-9]";
  std::vector<std::string> inputs{dir.Path("x.log")};
  ReadOptions learn;
  learn.learn = true;
  auto traces = ReadTraces(settings, inputs, learn);
  ASSERT_TRUE(traces.ok()) << traces.status().message();
  ASSERT_EQ(traces->size(), 2u);
  EXPECT_EQ((*traces)[0].tokens[0], (*traces)[0].tokens[1]);
  EXPECT_FALSE(settings.miner.is_null());
  // Scoring matches against the stored miner and learns nothing.
  testing::WriteFile(dir.Path("y.log"), "s3 open file gamma\ns3 reboot\n");
  std::vector<std::string> later{dir.Path("y.log")};
  const nlohmann::json before = settings.miner;
  auto scored = ReadTraces(settings, later);
  ASSERT_TRUE(scored.ok()) << scored.status().message();
  EXPECT_EQ((*scored)[0].tokens[0], (*traces)[0].tokens[0]);
  EXPECT_EQ(settings.miner, before);
}

TEST(TraceReadingTest, ModbusCaptureGivesOneTracePerConnection) {
  SourceSettings settings(SourceKind::kPcap);
  std::vector<std::string> inputs{std::string(PROTOLM_SHARED_DATA_DIR) +
                                  "/pcaps/modbus/modbusSmall.pcap"};
  auto traces = ReadTraces(settings, inputs);
  ASSERT_TRUE(traces.ok()) << traces.status().message();
  ASSERT_FALSE(traces->empty());
  const TraceSequence& first = traces->front();
  EXPECT_THAT(first.id, ::testing::MatchesRegex(
                            "[0-9.]+:[0-9]+-[0-9.]+:502"));
  EXPECT_GE(first.first_record, 1u);
  ASSERT_FALSE(first.tokens.empty());
  EXPECT_THAT(first.tokens[0], StartsWith("modbus"));
}

TEST(TraceReadingTest, ErrorsNameTheInput) {
  testing::ScratchDir dir;
  testing::WriteFile(dir.Path("garbage"), std::string("\x7f" "ELF\x01\x02\x00\xff", 8));
  SourceSettings settings(SourceKind::kStrace);
  std::vector<std::string> garbage{dir.Path("garbage")};
  auto traces = ReadTraces(settings, garbage);
  ASSERT_FALSE(traces.ok());
  EXPECT_THAT(traces.status().message(), HasSubstr("garbage"));
  std::vector<std::string> missing{dir.Path("missing")};
  settings.kind = SourceKind::kSequences;
  traces = ReadTraces(settings, missing);
  ASSERT_FALSE(traces.ok());
  EXPECT_THAT(traces.status().message(), HasSubstr("missing"));
}

}  // namespace
}  // namespace protolm::detect
