// Tests of heading recognition and section nesting on the real RFCs.
#include "spec/rfc/section_parser.h"

#include <gtest/gtest.h>

#include "spec/rfc/rfc_test_files.h"

namespace protolm::spec {
namespace {

TEST(SectionParserTest, ParsesNumberedHeadings) {
  std::optional<HeadingText> h =
      ParseNumberedHeading("3.1.  Internet Header Format");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->number, "3.1");
  EXPECT_EQ(h->title, "Internet Header Format");
  EXPECT_EQ(h->level, 2);
  h = ParseNumberedHeading(
      "APPENDIX I. INTERNET GROUP MANAGEMENT PROTOCOL (IGMP)");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->number, "Appendix I");
  EXPECT_EQ(h->level, 1);
  h = ParseNumberedHeading("Appendix B.  NTP Data Format - Version 1");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->number, "Appendix B");
  EXPECT_EQ(h->title, "NTP Data Format - Version 1");
}

TEST(SectionParserTest, RejectsTableOfContentsAndProse) {
  EXPECT_FALSE(
      ParseNumberedHeading("1.  INTRODUCTION ............................. 1"));
  EXPECT_FALSE(
      ParseNumberedHeading("Appendix A. UDP Header Format                 43"));
  EXPECT_FALSE(ParseNumberedHeading("17 (21 octal) is the protocol"));
  EXPECT_FALSE(ParseNumberedHeading("1822 leader"));
}

TEST(SectionParserTest, FindsTheUnnumberedSectionsOfRfc792) {
  RfcDocument doc = testing::LoadRfc("rfc792.txt");
  std::vector<std::string> titles;
  for (const Section& s : doc.sections) titles.push_back(s.title);
  EXPECT_EQ(
      titles,
      (std::vector<std::string>{
          "Introduction", "Message Formats", "Destination Unreachable Message",
          "Time Exceeded Message", "Parameter Problem Message",
          "Source Quench Message", "Redirect Message",
          "Echo or Echo Reply Message", "Timestamp or Timestamp Reply Message",
          "Information Request or Information Reply Message",
          "Summary of Message Types", "References"}));
  EXPECT_EQ(doc.sections[2].id, "Destination Unreachable Message");
  EXPECT_EQ(doc.sections[2].line, 177);
  EXPECT_EQ(doc.title, "INTERNET CONTROL MESSAGE PROTOCOL");
  EXPECT_EQ(doc.protocol, "ICMP");
}

TEST(SectionParserTest, NestsUnnumberedHeadingsUnderAnAppendix) {
  RfcDocument doc = testing::LoadRfc("rfc1112.txt");
  int appendix = -1;
  for (size_t i = 0; i < doc.sections.size(); ++i) {
    if (doc.sections[i].id == "Appendix I") appendix = static_cast<int>(i);
  }
  ASSERT_GE(appendix, 0);
  EXPECT_EQ(doc.sections[appendix].title,
            "INTERNET GROUP MANAGEMENT PROTOCOL (IGMP)");
  EXPECT_EQ(doc.sections[appendix].line, 434);
  EXPECT_EQ(doc.sections[appendix].end_line, 672);
  const Section& informal = doc.sections[appendix + 1];
  EXPECT_EQ(informal.title, "Informal Protocol Description");
  EXPECT_EQ(informal.parent, appendix);
  EXPECT_EQ(informal.level, 2);
  for (const Section& s : doc.sections) {
    if (s.id == "7.2") {
      EXPECT_EQ(s.title, "Extensions to the IP Module");
      EXPECT_EQ(doc.sections[s.parent].id, "7");
    }
  }
}

TEST(SectionParserTest, ReadsUnderlinedHeadingsOnly) {
  RfcDocument doc = testing::LoadRfc("rfc768.txt");
  std::vector<std::string> ids;
  for (const Section& s : doc.sections) ids.push_back(s.id);
  // "A user interface should allow" at column 0 is prose, not a heading; the
  // running header "Fields" of page 2 is not a second heading.
  EXPECT_EQ(ids, (std::vector<std::string>{"Introduction", "Format", "Fields",
                                           "User Interface", "IP Interface",
                                           "Protocol Application",
                                           "Protocol Number", "References"}));
  EXPECT_EQ(doc.title, "User Datagram Protocol");
  EXPECT_EQ(doc.protocol, "UDP");
}

TEST(SectionParserTest, ReadsCenteredNumberedHeadingsOfRfc791) {
  RfcDocument doc = testing::LoadRfc("rfc791.txt");
  ASSERT_GE(doc.sections.size(), 3u);
  EXPECT_EQ(doc.sections[0].id, "1");
  EXPECT_EQ(doc.sections[0].title, "INTRODUCTION");
  EXPECT_EQ(doc.sections[1].id, "1.1");
  EXPECT_EQ(doc.sections[1].parent, 0);
  EXPECT_EQ(doc.protocol, "IP");
}

}  // namespace
}  // namespace protolm::spec
