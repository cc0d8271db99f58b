// Tests of LineReader: line ends, a last line without "\n", "\r\n", lines
// over the bound skipped (also across buffer refills), and the text field
// helpers.
#include "util/line_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "util/text_fields.h"

namespace protolm {
namespace {

/// Every outcome of reading `text`: a line as itself, a skipped one as "!".
std::vector<std::string> ReadAll(const std::string& text, size_t bound) {
  std::istringstream in(text);
  LineReader reader(in, bound);
  std::vector<std::string> out;
  std::string_view line;
  for (;;) {
    LineReader::Outcome outcome = reader.Next(line);
    if (outcome == LineReader::Outcome::kEnd) break;
    out.push_back(outcome == LineReader::Outcome::kLine ? std::string(line)
                                                        : "!");
  }
  return out;
}

TEST(LineReaderTest, SplitsLinesAndDropsCarriageReturns) {
  EXPECT_EQ(ReadAll("a\r\nbb\n\nccc", 100),
            (std::vector<std::string>{"a", "bb", "", "ccc"}));
  EXPECT_TRUE(ReadAll("", 100).empty());
}

TEST(LineReaderTest, SkipsLinesOverTheBoundAndCountsThem) {
  std::string huge(200'000, 'x');  // longer than a refill chunk
  std::istringstream in("ok\n" + huge + "\nafter\n" + huge);
  LineReader reader(in, 1000);
  std::string_view line;
  ASSERT_EQ(reader.Next(line), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "ok");
  EXPECT_EQ(reader.Next(line), LineReader::Outcome::kTooLong);
  ASSERT_EQ(reader.Next(line), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "after");
  EXPECT_EQ(reader.line_number(), 3u);
  EXPECT_EQ(reader.Next(line), LineReader::Outcome::kTooLong);
  EXPECT_EQ(reader.Next(line), LineReader::Outcome::kEnd);
}

TEST(LineReaderTest, KeepsLinesThatStraddleRefills) {
  std::string long_line(70'000, 'y');
  EXPECT_EQ(ReadAll(long_line + "\nz", 100'000),
            (std::vector<std::string>{long_line, "z"}));
}

TEST(TextFieldsTest, SplitsOnWhitespaceAndParsesDecimals) {
  EXPECT_EQ(SplitWhitespace(" 6201\t 5  \r"),
            (std::vector<std::string_view>{"6201", "5"}));
  EXPECT_EQ(ParseInt64("-42"), -42);
  EXPECT_EQ(ParseInt64("42x"), std::nullopt);
  EXPECT_EQ(ParseInt64(""), std::nullopt);
  EXPECT_EQ(ParseInt64("99999999999999999999"), std::nullopt);
  EXPECT_TRUE(HasControlBytes(std::string("a\0b", 3)));
  EXPECT_FALSE(HasControlBytes("a\tb c"));
}

}  // namespace
}  // namespace protolm
