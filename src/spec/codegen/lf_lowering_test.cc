// The per-predicate handlers on hand-written logical forms, in functions of
// the ICMP echo message built from its diagram.
#include "spec/codegen/lf_lowering.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "spec/ccg/term_parser.h"
#include "spec/codegen/message_model.h"

namespace protolm::spec::codegen {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class LfLoweringTest : public ::testing::Test {
 protected:
  LfLoweringTest() {
    echo_.title = "Echo or Echo Reply Message";
    echo_.protocol = "ICMP";
    echo_.struct_name = "icmp_echo_or_echo_reply_message";
    echo_.variants = {"echo message", "echo reply message"};
    echo_.type_values = {{"echo message", 8}, {"echo reply message", 0}};
    echo_.request_reply = true;
    echo_.diagram.title = echo_.title;
    echo_.diagram.fields = {{"Type", 0, 8, {}},
                            {"Code", 8, 8, {}},
                            {"Checksum", 16, 16, {}},
                            {"Identifier", 32, 16, {}},
                            {"Sequence Number", 48, 16, {}},
                            {"Data", 64, -1, {}}};
    std::vector<MessageModel> messages = {echo_};
    functions_ = PlanFunctions(messages);
  }

  LoweredSentence LowerIn(const std::string& form, FunctionRole role,
                          const ChecksumRange* checksum = nullptr) {
    Result<ccg::TermPtr> term = ccg::ParseTerm(form, {"<test>", 1, 1});
    EXPECT_TRUE(term.ok()) << term.status().message();
    if (!term.ok()) return {};
    const FunctionModel& function =
        role == FunctionRole::kSender ? functions_[0] : functions_[1];
    FunctionScope scope{&echo_, &function};
    return LowerSentence(*term, context_, scope, checksum);
  }

  MessageModel echo_;
  std::vector<FunctionModel> functions_;
  SentenceContext context_{"ICMP", "Echo or Echo Reply Message", "", ""};
};

TEST_F(LfLoweringTest, FunctionsAreNamedFromMessageAndRole) {
  ASSERT_EQ(functions_.size(), 2u);
  EXPECT_EQ(functions_[0].name, "icmp_echo_sender");
  EXPECT_EQ(functions_[0].builds, "echo message");
  EXPECT_EQ(functions_[1].name, "icmp_echo_reply_receiver");
  EXPECT_EQ(functions_[1].accepts, "echo message");
  EXPECT_EQ(functions_[1].builds, "echo reply message");
}

TEST_F(LfLoweringTest, SwapExchangesReceivedAddresses) {
  LoweredSentence out = LowerIn(
      "@Must(@Action('swap','receiver',@And('ip source address','ip "
      "destination address')))",
      FunctionRole::kReceiver);
  EXPECT_THAT(out.lines,
              ElementsAre("ip->src = in->dst;", "ip->dst = in->src;"));
  EXPECT_THAT(
      LowerIn("@Must(@Action('swap','receiver',@And('ip source address',"
              "'ip destination address')))",
              FunctionRole::kSender)
          .why,
      HasSubstr("answers none"));
}

TEST_F(LfLoweringTest, SetAndIfBecomeAssignmentUnderATest) {
  LoweredSentence out = LowerIn(
      "@If(@Compare('eq','code',0),@May(@Action('set','sender',@Prep('to','"
      "identifier',0))))",
      FunctionRole::kSender);
  EXPECT_THAT(out.lines, ElementsAre("if (msg.code == 0u) {",
                                     "  msg.identifier = 0u;", "}"));
}

TEST_F(LfLoweringTest, AdviceIsMarkedToRunBeforeTheChecksum) {
  LoweredSentence out = LowerIn(
      "@AdvBefore(@Action('computing','checksum'),@Should(@Is('checksum "
      "field',0)))",
      FunctionRole::kSender);
  EXPECT_THAT(out.lines, ElementsAre("msg.checksum = 0u;"));
  EXPECT_EQ(out.before, "checksum");
}

TEST_F(LfLoweringTest, ChecksumDefinitionGivesTheRangeAndTheComputation) {
  const char* definition =
      "@Is('checksum',@Of('16-bit one \\'s complement',@Of('one \\'s "
      "complement sum',"
      "@Prep('from','icmp message',@Prep('up to','icmp type',@Of('end','icmp "
      "data'))))))";
  Result<ccg::TermPtr> term = ccg::ParseTerm(definition, {"<test>", 1, 1});
  ASSERT_TRUE(term.ok()) << term.status().message();
  FunctionScope scope{&echo_, &functions_[0]};
  std::optional<ChecksumRange> range = FindChecksumDefinition(*term, scope);
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->start_octet, 0);
  EXPECT_EQ(range->end, "len");
  EXPECT_EQ(range->field_bit, 16);
  LoweredSentence out = LowerIn(definition, FunctionRole::kSender, &*range);
  EXPECT_EQ(out.tag, "checksum");
  EXPECT_THAT(
      out.lines,
      ElementsAre(
          "len = icmp_echo_or_echo_reply_message_serialize(&msg, out, cap);",
          "if (len < 0) return -1;",
          "msg.checksum = plm_ones_complement(plm_ones_complement_sum(out "
          "+ 0u, (size_t)len - 0u));",
          "protolm_put_bits(out, 16u, 16u, msg.checksum);"));
}

TEST_F(LfLoweringTest, ARangeWithoutEndCoversOnlyTheFixedFields) {
  Result<ccg::TermPtr> term = ccg::ParseTerm(
      "@Is('checksum',@Of('16-bit ones \\'s complement',@Of('one \\'s "
      "complement sum',"
      "@Prep('starting with','icmp message','icmp type'))))",
      {"<test>", 1, 1});
  ASSERT_TRUE(term.ok()) << term.status().message();
  FunctionScope scope{&echo_, &functions_[0]};
  std::optional<ChecksumRange> range = FindChecksumDefinition(*term, scope);
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->end, "ICMP_ECHO_OR_ECHO_REPLY_MESSAGE_MIN_LEN");
}

TEST_F(LfLoweringTest, ReturnedDataCopiesTheReceivedField) {
  LoweredSentence out = LowerIn(
      "@Must(@Prep('in',@Action('returned',@Prep('in',@Which('data',@Action('"
      "received','data')),"
      "'echo message')),'echo reply message'))",
      FunctionRole::kReceiver);
  EXPECT_THAT(out.lines, ElementsAre("msg.data = req.data;",
                                     "msg.data_len = req.data_len;"));
}

TEST_F(LfLoweringTest, TypeValueIsWrittenOnlyByTheFunctionBuildingThatMessage) {
  const char* echo_type = "@Is('type',@Prep('for',8,'echo message'))";
  EXPECT_THAT(
      LowerIn(echo_type, FunctionRole::kSender).lines,
      ElementsAre(
          "msg.type = ICMP_ECHO_OR_ECHO_REPLY_MESSAGE_TYPE_ECHO_MESSAGE;"));
  EXPECT_THAT(LowerIn(echo_type, FunctionRole::kReceiver).why,
              HasSubstr("does not build"));
}

TEST_F(LfLoweringTest, SentencesWithoutCodeSayWhy) {
  EXPECT_THAT(
      LowerIn("@Should(@Not(@Action('use','receivers','unused fields')))",
              FunctionRole::kReceiver)
          .why,
      HasSubstr("prohibition"));
  EXPECT_THAT(LowerIn("@May(@Action('notify','gateway','source host'))",
                      FunctionRole::kSender)
                  .why,
              HasSubstr("no handler for the action 'notify'"));
  EXPECT_THAT(
      LowerIn("@Is('mystery',0)", FunctionRole::kSender).why,
      HasSubstr(
          "'mystery' is neither a field of the Echo or Echo Reply Message "
          "nor in the static context"));
}

}  // namespace
}  // namespace protolm::spec::codegen
