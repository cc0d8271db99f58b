// Tests of ReadRfc on the real RFCs: sentence counts per section (counted by
// hand from the text), contexts of field descriptions, the `0 = Echo Reply`
// idiom, page furniture kept out of sentences, and errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "spec/rfc/rfc_document.h"
#include "spec/rfc/rfc_test_files.h"

namespace protolm::spec {
namespace {

using ::testing::HasSubstr;

const Sentence* FindSentence(const RfcDocument& doc, const std::string& start,
                             int line = 0) {
  for (const Sentence& s : doc.sentences) {
    if (s.text.rfind(start, 0) == 0 && (line == 0 || s.line == line)) return &s;
  }
  ADD_FAILURE() << "no sentence starting \"" << start << "\" in " << doc.source;
  return nullptr;
}

TEST(RfcReaderTest, SentenceCountsPerSectionOfRfc792) {
  RfcDocument doc = testing::LoadRfc("rfc792.txt");
  std::map<std::string, int> counts;
  for (const Sentence& s : doc.sentences) ++counts[s.section];
  // Introduction: 6 + 1 + 5 + 4 sentences in four paragraphs.
  EXPECT_EQ(counts["Introduction"], 16);
  // 4 opening sentences, 10 under the IP header fields and "ICMP = 1"; the
  // bare values "4" and "0" are values, not sentences.
  EXPECT_EQ(counts["Message Formats"], 15);
  // 1 IP field, 6 codes, 3 checksum, 3 trailer, 8 in the description.
  EXPECT_EQ(counts["Destination Unreachable Message"], 21);
  // "... network, X.  If G2 ..." is two sentences.
  EXPECT_EQ(counts["Redirect Message"], 20);
  EXPECT_EQ(counts["Echo or Echo Reply Message"], 15);
  EXPECT_EQ(counts["Summary of Message Types"], 11);
  EXPECT_EQ(counts.count("References"), 0u);  // reference lists are skipped
}

TEST(RfcReaderTest, SentencesSurvivePageBreaksAndKeepTheirLine) {
  RfcDocument doc = testing::LoadRfc("rfc792.txt");
  const Sentence* s =
      FindSentence(doc, "The internet header plus the first 64 bits", 224);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->text,
            "The internet header plus the first 64 bits of the original "
            "datagram's data.");
  s = FindSentence(
      doc, "If the gateway processing a datagram finds the time to live");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->line, 338);
  EXPECT_THAT(s->text,
              HasSubstr("field is zero it must discard the datagram."));
  for (const Sentence& sentence : doc.sentences) {
    EXPECT_THAT(sentence.text, ::testing::Not(HasSubstr("[Page")));
    EXPECT_THAT(sentence.text, ::testing::Not(HasSubstr("September 1981")));
  }
}

TEST(RfcReaderTest, FieldDescriptionsCarryTheirContext) {
  RfcDocument doc = testing::LoadRfc("rfc792.txt");
  const Sentence* s =
      FindSentence(doc, "If code = 0, an identifier to aid in matching echos");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->section, "Echo or Echo Reply Message");
  EXPECT_EQ(s->context.protocol, "ICMP");
  EXPECT_EQ(s->context.message, "Echo or Echo Reply Message");
  EXPECT_EQ(s->context.field, "Identifier");
  EXPECT_EQ(s->context.role, "");  // "may be zero" says nothing of who acts

  // Under "IP Fields:" the address is an IP field.
  s = FindSentence(doc, "The source network and address from the original",
                   193);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->context.protocol, "IP");
  EXPECT_EQ(s->context.field, "Destination Address");

  // The echo message labels Type "IP Fields:" by mistake; Type is drawn in
  // the message's own diagram, so it stays ICMP.
  s = FindSentence(doc, "8 for echo message");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->context.protocol, "ICMP");
  EXPECT_EQ(s->context.field, "Type");

  s = FindSentence(doc, "Codes 0, 1, 4, and 5 may be received from a gateway.");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->context.field, "");  // under "Description"
  EXPECT_EQ(s->context.role, "receiver");

  s = FindSentence(doc, "Any field labeled \"unused\" is reserved");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->context.role, "both");
}

TEST(RfcReaderTest, ValueDefinitionIdiom) {
  RfcDocument doc = testing::LoadRfc("rfc792.txt");
  const Sentence* s = FindSentence(doc, "3 = port unreachable");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->kind, SentenceKind::kValueDefinition);
  EXPECT_EQ(s->context.field, "Code");
  EXPECT_EQ(s->context.message, "Destination Unreachable Message");

  std::vector<std::string> summary;
  for (const ValueDefinition& v : doc.values) {
    if (v.message == "Summary of Message Types") {
      summary.push_back(v.value + "=" + v.meaning);
    }
  }
  EXPECT_EQ(summary,
            (std::vector<std::string>{
                "0=Echo Reply", "3=Destination Unreachable", "4=Source Quench",
                "5=Redirect", "8=Echo", "11=Time Exceeded",
                "12=Parameter Problem", "13=Timestamp", "14=Timestamp Reply",
                "15=Information Request", "16=Information Reply"}));
  // A bare value under a field: Type 3 of Destination Unreachable.
  bool type3 = false;
  for (const ValueDefinition& v : doc.values) {
    type3 = type3 || (v.message == "Destination Unreachable Message" &&
                      v.field == "Type" && v.low == 3u && v.meaning.empty());
  }
  EXPECT_TRUE(type3);
}

TEST(RfcReaderTest, BfdSectionValuesAndContexts) {
  RfcDocument doc = testing::LoadRfc("rfc5880-section4.1.txt");
  EXPECT_EQ(doc.sentences.size(), 51u);
  const Sentence* s = FindSentence(doc, "9-31 = Reserved for future use");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->context.protocol, "BFD");
  EXPECT_EQ(s->context.field, "Diag");
  s = FindSentence(doc, "It MUST be zero on both transmit and receipt.");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->context.field, "M");
  EXPECT_EQ(s->context.role, "both");
  s = FindSentence(doc, "If set, the Authentication Section is present");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(
      s->text,
      "If set, the Authentication Section is present and the session is to be "
      "authenticated (see section 6.7 for details).");
}

TEST(RfcReaderTest, IgmpAppendixSentencesAndLists) {
  RfcDocument doc = testing::LoadRfc("rfc1112.txt");
  std::vector<size_t> in_appendix = SentencesInSection(doc, "Appendix I");
  ASSERT_FALSE(in_appendix.empty());
  for (size_t i : in_appendix)
    EXPECT_EQ(doc.sentences[i].context.protocol, "IGMP");
  // The state diagram is a drawing, not a sentence.
  for (size_t i : in_appendix) {
    EXPECT_THAT(doc.sentences[i].text, ::testing::Not(HasSubstr("|")));
  }
  const Sentence* s = FindSentence(
      doc, "Unused field, zeroed when sent, ignored when received.");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->context.field, "Unused");
  s = FindSentence(doc,
                   "When a host receives a Query, rather than sending Reports");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->kind, SentenceKind::kListItem);
  EXPECT_EQ(s->section, "Informal Protocol Description");
  EXPECT_EQ(SentencesInSection(doc, "Informal Protocol Description").size(),
            28u);
}

TEST(RfcReaderTest, Rfc768FieldParagraphsAndDescriptiveList) {
  RfcDocument doc = testing::LoadRfc("rfc768.txt");
  const Sentence* s = FindSentence(doc, "Destination Port has a meaning");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->context.field, "Destination Port");
  EXPECT_EQ(s->section, "Fields");
  // "A user interface should allow" and its three indented items are one
  // sentence.
  s = FindSentence(
      doc, "A user interface should allow the creation of new receive ports,");
  ASSERT_NE(s, nullptr);
  EXPECT_THAT(s->text,
              HasSubstr("and an operation that allows a datagram to be sent,"));
}

TEST(RfcReaderTest, NtpFieldContextsUseTheLabel) {
  RfcDocument doc = testing::LoadRfc("rfc1059.txt");
  const Sentence* s =
      FindSentence(doc, "Three-bit field consisting of all zeros");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->section, "Appendix B");
  EXPECT_EQ(s->context.protocol, "NTP");
  EXPECT_EQ(s->context.field, "Reserved");
  s = FindSentence(doc, "UDP source port number.");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->context.protocol, "UDP");
  EXPECT_EQ(s->context.field, "Source Port");
}

TEST(RfcReaderTest, ErrorsAndEdgeCases) {
  Result<RfcDocument> bad = ReadRfc(std::string("Intro\n\0x", 8), "bin.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(
      bad.status().message().rfind("bin.txt:2:1: control character 0x00", 0),
      0u)
      << bad.status().message();
  Result<RfcDocument> empty = ReadRfc("", "empty.txt");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->sentences.empty());
  EXPECT_EQ(empty->source, "empty.txt");
  EXPECT_TRUE(SentencesInSection(*empty, "1").empty());
}

}  // namespace
}  // namespace protolm::spec
