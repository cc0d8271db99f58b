// Tests of the value-definition idiom ("0 = Echo Reply" and its variants).
#include "spec/rfc/value_list.h"

#include <gtest/gtest.h>

namespace protolm::spec {
namespace {

TEST(ValueListTest, ReadsEqualsForm) {
  std::optional<ValueItem> item = ParseValueItem("      0 = net unreachable;");
  ASSERT_TRUE(item);
  EXPECT_EQ(item->value, "0");
  EXPECT_EQ(item->low, 0u);
  EXPECT_EQ(item->high, 0u);
  EXPECT_EQ(item->meaning, "net unreachable");
}

TEST(ValueListTest, ReadsRanges) {
  std::optional<ValueItem> item =
      ParseValueItem("      9-31 = Reserved for future use");
  ASSERT_TRUE(item);
  EXPECT_EQ(item->value, "9-31");
  EXPECT_EQ(item->low, 9u);
  EXPECT_EQ(item->high, 31u);
  EXPECT_EQ(item->meaning, "Reserved for future use");

  item = ParseValueItem("2...n   secondary reference (via NTP)");
  ASSERT_TRUE(item);
  EXPECT_EQ(item->value, "2...n");
  EXPECT_EQ(item->low, 2u);
  EXPECT_FALSE(item->high);
  EXPECT_EQ(item->meaning, "secondary reference (via NTP)");
}

TEST(ValueListTest, ReadsForDashAndColumnForms) {
  std::optional<ValueItem> item = ParseValueItem("8 for echo message;");
  ASSERT_TRUE(item);
  EXPECT_EQ(item->value, "8");
  EXPECT_EQ(item->meaning, "echo message");

  item = ParseValueItem("111 - Network Control");
  ASSERT_TRUE(item);
  EXPECT_EQ(item->value, "111");
  EXPECT_EQ(item->meaning, "Network Control");

  item = ParseValueItem("00      no warning");
  ASSERT_TRUE(item);
  EXPECT_EQ(item->value, "00");
  EXPECT_EQ(item->meaning, "no warning");

  item = ParseValueItem("   11  Time Exceeded");
  ASSERT_TRUE(item);
  EXPECT_EQ(item->low, 11u);
  EXPECT_EQ(item->meaning, "Time Exceeded");
}

TEST(ValueListTest, ReadsNameEqualsNumberAndBareValues) {
  std::optional<ValueItem> item = ParseValueItem("ICMP = 1");
  ASSERT_TRUE(item);
  EXPECT_EQ(item->value, "1");
  EXPECT_EQ(item->meaning, "ICMP");

  item = ParseValueItem("      3");
  ASSERT_TRUE(item);
  EXPECT_EQ(item->value, "3");
  EXPECT_EQ(item->meaning, "");
}

TEST(ValueListTest, RejectsProse) {
  EXPECT_FALSE(ParseValueItem("20 indicates something is wrong"));
  EXPECT_FALSE(ParseValueItem("64-bit timestamps are used."));
  EXPECT_FALSE(ParseValueItem("If code = 0, identifies the octet."));
  EXPECT_FALSE(ParseValueItem("The checksum is the 16-bit one's complement"));
  EXPECT_FALSE(ParseValueItem("1.  Introduction"));
  EXPECT_FALSE(ParseValueItem(""));
  EXPECT_FALSE(ParseValueItem("0 ="));
}

}  // namespace
}  // namespace protolm::spec
