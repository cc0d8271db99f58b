// GenerateCode on RFC 792: the refusal while sentences are not ok, and the
// functions, ordering and sentence listing of the revised text's code.
#include "spec/codegen/spec_codegen.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "spec/codegen/codegen_test_support.h"

namespace protolm::spec::codegen {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

TEST(SpecCodegen, RefusesThePublishedRfcListingTheSentences) {
  testing::Generated generated =
      testing::GenerateIcmp(testing::PublishedRfc792(), "rfc792.txt");
  ASSERT_FALSE(generated.result.ok());
  EXPECT_EQ(generated.result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(generated.result.status().message(),
              HasSubstr("actionable sentences are not ok in rfc792.txt"));
  std::vector<std::string> not_ok = NotOkSentences(generated.report);
  EXPECT_EQ(not_ok.size(), 18u);  // SAGE's sentences, no others
  EXPECT_THAT(not_ok,
              Contains(HasSubstr("line 791: [underspecified] If code = 0, an "
                                 "identifier to aid in matching echos")));
  EXPECT_THAT(
      not_ok,
      Contains(HasSubstr("line 782: [underspecified] The checksum is")));
  EXPECT_THAT(
      not_ok,
      Contains(HasSubstr("line 764: [unparsed] To form an echo reply")));
}

TEST(SpecCodegen, RevisedRfc792GivesEveryMessageItsFunctions) {
  testing::Generated generated = testing::GenerateIcmp(
      testing::RevisedRfc792(), "rfc792-revised-codegen.txt");
  ASSERT_TRUE(generated.result.ok()) << generated.result.status().message();
  const CodegenResult& result = *generated.result;

  std::vector<std::string> names;
  for (const FunctionModel& f : result.functions) names.push_back(f.name);
  EXPECT_EQ(
      names,
      (std::vector<std::string>{
          "icmp_destination_unreachable_sender",
          "icmp_destination_unreachable_receiver", "icmp_time_exceeded_sender",
          "icmp_time_exceeded_receiver", "icmp_parameter_problem_sender",
          "icmp_parameter_problem_receiver", "icmp_source_quench_sender",
          "icmp_source_quench_receiver", "icmp_redirect_sender",
          "icmp_redirect_receiver", "icmp_echo_sender",
          "icmp_echo_reply_receiver", "icmp_timestamp_sender",
          "icmp_timestamp_reply_receiver", "icmp_information_request_sender",
          "icmp_information_reply_receiver"}));

  std::vector<std::string> files;
  for (const GeneratedFile& f : result.files) files.push_back(f.name);
  for (const char* name :
       {"icmp_headers.h", "icmp_generated.h", "icmp_generated.c",
        "SENTENCES.md", "Makefile", "plm_runtime.h", "plm_net.c", "plm_tun.c",
        "icmp_node.c", "icmp_samples.c", "icmp_interop_test.sh"}) {
    EXPECT_THAT(files, Contains(name));
  }

  // The reply is formed first, the checksum field zeroed (@AdvBefore) just
  // before the checksum is computed, and the computation comes last.
  std::string code = testing::FileText(result, "icmp_generated.c");
  size_t start = code.find("int icmp_echo_reply_receiver(");
  ASSERT_NE(start, std::string::npos);
  size_t forms = code.find("msg = req;", start);
  size_t swap = code.find("ip->src = in->dst;", start);
  size_t zero = code.find("msg.checksum = 0u;", start);
  size_t compute =
      code.find("len = icmp_echo_or_echo_reply_message_serialize", start);
  size_t end = code.find("\n}\n", start);
  EXPECT_LT(forms, swap);
  EXPECT_LT(swap, zero);
  EXPECT_LT(zero, compute);
  EXPECT_LT(compute, end);
  EXPECT_THAT(
      code,
      HasSubstr("/* line 761: The receiver must swap the IP source address and "
                "the IP destination address. */"));

  std::string header = testing::FileText(result, "icmp_generated.h");
  EXPECT_THAT(
      header,
      HasSubstr("#define ICMP_DESTINATION_UNREACHABLE_MESSAGE_CODE_PORT_"
                "UNREACHABLE 3u /* line 207: 3 = port unreachable */"));
  EXPECT_THAT(header, HasSubstr("#define IP_PROTOCOL_ICMP 1u"));

  std::string sentences = testing::FileText(result, "SENTENCES.md");
  EXPECT_THAT(sentences,
              HasSubstr("- line 761 [ok] The receiver must swap the IP source "
                        "address and the IP destination address."));
  EXPECT_THAT(
      sentences,
      HasSubstr("address and the IP destination address.\n  `@Must(@Action("
                "'swap','receiver',@And('ip source address','ip destination "
                "address')))`\n  -> `icmp_echo_reply_receiver`\n"));
  EXPECT_THAT(
      sentences,
      HasSubstr("- line 987 [ok] The receiver forms the information reply "
                "message from the information request message.\n"));
  EXPECT_THAT(sentences, HasSubstr("## Non-actionable sentences (skipped)"));
  EXPECT_THAT(sentences,
              HasSubstr("This checksum may be replaced in the future."));
  EXPECT_THAT(
      sentences,
      HasSubstr("- line 67 [ok] Receivers should not use the unused fields."
                "\n  -> a prohibition"));
}

TEST(SpecCodegen, ADocumentWithoutTheProtocolsMessagesIsAnError) {
  Result<RfcDocument> doc =
      ReadRfc("Introduction\n\n   Nothing here.\n", "empty.txt");
  ASSERT_TRUE(doc.ok());
  CodegenOptions options;
  options.protocol = "ICMP";
  Result<CodegenResult> result = GenerateCode(*doc, AnalysisReport{}, options);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(),
              HasSubstr("no message diagram of protocol 'ICMP' in empty.txt"));
}

}  // namespace
}  // namespace protolm::spec::codegen
