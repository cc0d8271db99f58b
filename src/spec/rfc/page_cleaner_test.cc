// Tests of page cleaning: footers, running headers, form feeds, rejoined
// paragraphs, line numbers and the errors on binary input.
#include "spec/rfc/page_cleaner.h"

#include <gtest/gtest.h>

#include "spec/rfc/rfc_test_files.h"

namespace protolm::spec {
namespace {

std::vector<SourceLine> Clean(std::string_view text) {
  Result<std::vector<SourceLine>> lines = CleanPages(text, "t.txt");
  EXPECT_TRUE(lines.ok()) << lines.status().message();
  return lines.ok() ? *lines : std::vector<SourceLine>{};
}

TEST(PageCleanerTest, RecognisesFooters) {
  EXPECT_TRUE(
      IsPageFooter("                                                [Page 3]"));
  EXPECT_TRUE(
      IsPageFooter("Postel                                          [page 1]"));
  EXPECT_TRUE(
      IsPageFooter("[page 2]                                          Postel"));
  EXPECT_TRUE(IsPageFooter("[Page ii]"));
  EXPECT_FALSE(IsPageFooter("see the note on [Page 3] of the text"));
  EXPECT_FALSE(IsPageFooter("[Page three]"));
  EXPECT_FALSE(IsPageFooter("x[Page 3]"));  // found by rfc_reader_fuzz
  EXPECT_FALSE(IsPageFooter("[Page 3]x"));
}

TEST(PageCleanerTest, JoinsAParagraphCutByAPage) {
  std::vector<SourceLine> lines = Clean(
      "   The internet header plus the first 64 bits of the original\n"
      "\n"
      "\n"
      "[Page 4]\n"
      "\f\n"
      "September 1981\n"
      "RFC 792\n"
      "\n"
      "\n"
      "   datagram's data.  This data is used by the host.\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].number, 1);
  EXPECT_EQ(lines[1].number, 10);
  EXPECT_EQ(lines[1].text,
            "   datagram's data.  This data is used by the host.");
}

TEST(PageCleanerTest, KeepsABlankLineBetweenParagraphsAcrossAPage) {
  std::vector<SourceLine> lines = Clean(
      "   This checksum may be replaced in the future.\n"
      "\n"
      "Mills                                                          [Page "
      "12]\n"
      "\f\n"
      "RFC 1059                 Network Time Protocol                 July "
      "1988\n"
      "\n"
      "   Source Address\n");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].text, "");
  EXPECT_EQ(lines[2].text, "   Source Address");
  EXPECT_EQ(lines[2].number, 7);
}

TEST(PageCleanerTest, ExpandsTabsAndDropsCarriageReturns) {
  std::vector<SourceLine> lines = Clean("a\tb  \r\nc\r\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "a       b");
  EXPECT_EQ(lines[1].text, "c");
}

TEST(PageCleanerTest, RejectsControlCharactersWithLineAndColumn) {
  Result<std::vector<SourceLine>> lines = CleanPages("ok\nab\x01", "bin.txt");
  ASSERT_FALSE(lines.ok());
  EXPECT_EQ(lines.status().code(), StatusCode::kMalformed);
  EXPECT_NE(
      lines.status().message().find("bin.txt:2:3: control character 0x01"),
      std::string::npos)
      << lines.status().message();
}

// Every page of the real RFCs loses its footer and running header.
TEST(PageCleanerTest, StripsAllPageFurnitureOfRealRfcs) {
  for (const char* name :
       {"rfc792.txt", "rfc791.txt", "rfc768.txt", "rfc1059.txt"}) {
    std::vector<SourceLine> lines = Clean(testing::LoadRfcText(name));
    ASSERT_FALSE(lines.empty()) << name;
    for (const SourceLine& l : lines) {
      EXPECT_FALSE(IsPageFooter(l.text))
          << name << ":" << l.number << ": " << l.text;
      EXPECT_EQ(l.text.find("RFC 1059                 Network Time Protocol"),
                std::string::npos)
          << name << ":" << l.number;
      EXPECT_NE(l.text, "RFC 792") << name << ":" << l.number;
      EXPECT_NE(l.text, "28 Aug 1980") << name << ":" << l.number;
    }
  }
}

TEST(PageCleanerTest, KeepsSourceLineNumbers) {
  std::string text = testing::LoadRfcText("rfc792.txt");
  std::vector<SourceLine> lines = Clean(text);
  // Line 234 of rfc792.txt continues the sentence cut by the page 4 footer.
  bool found = false;
  for (const SourceLine& l : lines) {
    if (l.number == 234) {
      found = true;
      EXPECT_EQ(
          l.text,
          "      datagram's data.  This data is used by the host to match the");
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace protolm::spec
