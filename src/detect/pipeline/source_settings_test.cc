// SourceSettings: names, checks and the JSON kept in the model file.
#include "detect/pipeline/source_settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace protolm::detect {
namespace {

using ::testing::HasSubstr;

TEST(SourceSettingsTest, ParsesEveryKindAndNamesTheChoicesOtherwise) {
  for (std::string_view name : {"pcap", "syscalls", "strace", "log",
                                "sequences"}) {
    auto kind = ParseSourceKind(name);
    ASSERT_TRUE(kind.ok()) << name;
    EXPECT_EQ(SourceKindName(*kind), name);
  }
  auto bad = ParseSourceKind("pcapng");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "unknown source \"pcapng\" (choose "
            "pcap|syscalls|strace|log|sequences)");
}

TEST(SourceSettingsTest, DefaultDepthIsPerKind) {
  SourceSettings pcap(SourceKind::kPcap);
  EXPECT_EQ(pcap.EffectiveDepth(), 2);
  SourceSettings strace(SourceKind::kStrace, 1);
  EXPECT_EQ(strace.EffectiveDepth(), 1);
}

TEST(SourceSettingsTest, CheckRejectsBadExpressionsPresetsAndArchitectures) {
  SourceSettings s(SourceKind::kLog);
  s.session = "blk_(";
  EXPECT_THAT(s.Check().message(), HasSubstr("--session"));
  s.session = "blk_-?[0-9]+";
  s.header = "nosuchpreset";
  EXPECT_THAT(s.Check().message(), HasSubstr("--header"));
  s.header = "(?<date>\\d+) ";
  EXPECT_TRUE(s.Check().ok()) << s.Check().message();
  s.header = "hdfs";
  EXPECT_TRUE(s.Check().ok());
  s.syscall_arch = "sparc";
  EXPECT_THAT(s.Check().message(), HasSubstr("--syscall-arch"));
}

TEST(SourceSettingsTest, JsonRoundTrip) {
  SourceSettings s(SourceKind::kLog);
  s.session = "blk_-?[0-9]+";
  s.header = "hdfs";
  s.miner = nlohmann::json{{"any", 1}};
  nlohmann::json json = s.ToJson();
  EXPECT_EQ(json["kind"], "log");
  EXPECT_EQ(json["depth"], 0);
  auto back = SourceSettings::FromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->ToJson(), json);
}

TEST(SourceSettingsTest, HostileJsonIsMalformedNotACrash) {
  for (const char* text :
       {R"(5)", R"({})", R"({"kind": "tape", "depth": 0})",
        R"({"kind": "log", "depth": -1})", R"({"kind": "log", "depth": 0,
        "session": "("})", R"({"kind": "log", "depth": 0, "miner": 3})"}) {
    auto parsed = SourceSettings::FromJson(nlohmann::json::parse(text));
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().code(), StatusCode::kMalformed) << text;
  }
}

}  // namespace
}  // namespace protolm::detect
