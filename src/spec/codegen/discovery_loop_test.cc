// SAGE's test-driven discovery loop on RFC 792's echo identifier sentence.
//
// As published, the Identifier description reads "If code = 0, an
// identifier to aid in matching echos and replies, may be zero." Spec
// analysis marks it underspecified (it says the value may be zero, not who
// may set it). Code generated from it anyway (--force) reads it literally,
// for both roles: the echo reply receiver zeroes the identifier, and the
// golden test of the reply to a ping request fails — ping could no longer
// match its replies. The revision "If code = 0, the sender may set the
// identifier to zero." names the role; then the generator refuses nothing
// and the golden test passes. docs/spec-codegen.md walks through the loop.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "spec/codegen/codegen_test_support.h"
#include "testing/scratch_dir.h"

namespace protolm::spec::codegen {
namespace {

using ::testing::HasSubstr;

constexpr char kRevised[] =
    "If code = 0, the sender may set the identifier to zero.";
constexpr char kPublished[] =
    "If code = 0, an identifier to aid in matching echos and replies,\n"
    "      may be zero.";

// The revised text with the echo Identifier sentence as RFC 792 published it.
std::string WithPublishedIdentifierSentence() {
  std::string text = testing::RevisedRfc792();
  size_t at = text.find(kRevised);  // the first is the echo message's
  EXPECT_NE(at, std::string::npos);
  if (at != std::string::npos)
    text.replace(at, sizeof kRevised - 1, kPublished);
  return text;
}

// The reply the generated code builds to ping's request (identifier 0x1234,
// sequence 1, "abcdefgh") against the hand-checked golden datagram.
::testing::AssertionResult EchoReplyMatchesGolden(const CodegenResult& result) {
  static const char kGolden[] =
      "4500002400030000400163420ac901010ac90102"
      "00005c3512340001"
      "6162636465666768";
  protolm::testing::ScratchDir dir;
  std::map<std::string, std::string> samples =
      testing::RunSamples(result, dir.Path("icmp"));
  const std::string& reply = samples["echo_reply_to_ping"];
  if (reply == kGolden) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "echo reply to ping is " << reply << "\n                  golden "
         << kGolden;
}

TEST(DiscoveryLoop, PublishedIdentifierSentenceIsUnderspecifiedAndRefused) {
  testing::Generated generated = testing::GenerateIcmp(
      WithPublishedIdentifierSentence(), "rfc792-published-identifier.txt");
  ASSERT_FALSE(generated.result.ok());
  EXPECT_THAT(generated.result.status().message(),
              HasSubstr("1 actionable sentence is not ok"));
  std::vector<std::string> not_ok = NotOkSentences(generated.report);
  ASSERT_EQ(not_ok.size(), 1u);
  EXPECT_THAT(
      not_ok[0],
      HasSubstr("line 789: [underspecified] If code = 0, an identifier"));
  EXPECT_THAT(not_ok[0], HasSubstr("not who may set it"));
}

TEST(DiscoveryLoop, CodeFromThePublishedSentenceFailsTheEchoGoldenTest) {
  testing::Generated generated =
      testing::GenerateIcmp(WithPublishedIdentifierSentence(),
                            "rfc792-published-identifier.txt", /*force=*/true);
  ASSERT_TRUE(generated.result.ok()) << generated.result.status().message();
  std::string code = testing::FileText(*generated.result, "icmp_generated.c");
  size_t receiver = code.find("int icmp_echo_reply_receiver(");
  ASSERT_NE(receiver, std::string::npos);
  EXPECT_NE(code.find("msg.identifier = 0u;", receiver), std::string::npos)
      << "the literal reading zeroes the reply's identifier";
  ::testing::AssertionResult golden = EchoReplyMatchesGolden(*generated.result);
  EXPECT_FALSE(golden) << "the golden test should fail before the revision";
  EXPECT_THAT(golden.message(),
              HasSubstr("echo reply to ping is "
                        "4500002400030000400163420ac901010ac90102"
                        "00006e6900000001"));
}

TEST(DiscoveryLoop, CodeFromTheRevisedSentencePassesTheEchoGoldenTest) {
  testing::Generated generated = testing::GenerateIcmp(
      testing::RevisedRfc792(), "rfc792-revised-codegen.txt");
  ASSERT_TRUE(generated.result.ok()) << generated.result.status().message();
  EXPECT_TRUE(EchoReplyMatchesGolden(*generated.result));
}

}  // namespace
}  // namespace protolm::spec::codegen
