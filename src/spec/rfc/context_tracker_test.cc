// Tests of the context rules: protocol from titles and headings, messages,
// labels, roles and the label stack.
#include "spec/rfc/context_tracker.h"

#include <gtest/gtest.h>

namespace protolm::spec {
namespace {

TEST(ContextTrackerTest, ProtocolFromTitle) {
  EXPECT_EQ(
      ProtocolFromTitle(
          "INTERNET CONTROL MESSAGE PROTOCOL",
          "this protocol, the Internet Control Message Protocol (ICMP), is"),
      "ICMP");
  EXPECT_EQ(ProtocolFromTitle("Network Time Protocol (Version 1)",
                              "the Network Time Protocol (NTP), specifies"),
            "NTP");
  EXPECT_EQ(ProtocolFromTitle("INTERNET PROTOCOL", "no abbreviation here"),
            "IP");
  EXPECT_EQ(ProtocolFromTitle("Host Extensions for IP Multicasting", "text"),
            "");
}

TEST(ContextTrackerTest, ProtocolFromHeading) {
  EXPECT_EQ(
      ProtocolFromHeading("INTERNET GROUP MANAGEMENT PROTOCOL (IGMP)", false),
      "IGMP");
  EXPECT_EQ(ProtocolFromHeading("Generic BFD Control Packet Format", true),
            "BFD");
  EXPECT_EQ(ProtocolFromHeading("UDP Header Format", true), "UDP");
  EXPECT_EQ(ProtocolFromHeading("IP Interface", false), "");
  EXPECT_EQ(ProtocolFromHeading("APPENDIX II. HOST GROUP ADDRESS ISSUES", true),
            "");
}

TEST(ContextTrackerTest, HeadingsThatNameMessages) {
  EXPECT_TRUE(HeadingNamesMessage("Echo or Echo Reply Message"));
  EXPECT_TRUE(HeadingNamesMessage("Generic BFD Control Packet Format"));
  EXPECT_TRUE(HeadingNamesMessage("UDP Header Format"));
  EXPECT_FALSE(HeadingNamesMessage("Introduction"));
  EXPECT_FALSE(HeadingNamesMessage("Informal Protocol Description"));
}

TEST(ContextTrackerTest, Labels) {
  EXPECT_EQ(LabelName("  Version:  4 bits"), "Version");
  EXPECT_EQ(LabelName("Leap Indicator (LI)"), "Leap Indicator (LI)");
  EXPECT_TRUE(LabelIsField("Checksum"));
  EXPECT_FALSE(LabelIsField("Description"));
}

TEST(ContextTrackerTest, RolesFromVerbs) {
  EXPECT_EQ(InferRole("This message is only sent if the error caused it."),
            "sender");
  EXPECT_EQ(InferRole("Codes 2 and 3 may be received from a host."),
            "receiver");
  EXPECT_EQ(
      InferRole("It must be zero when sent, but receivers should not use it."),
      "both");
  EXPECT_EQ(InferRole("If code = 0, an identifier to aid in matching echos and "
                      "replies, may be zero."),
            "");
  EXPECT_EQ(InferRole("The resend timer"), "");  // whole words only
}

TEST(ContextTrackerTest, LabelStackFollowsIndentation) {
  ContextTracker t;
  t.EnterSection("ICMP", "Echo or Echo Reply Message");
  t.PushLabel(3, "Checksum");
  EXPECT_EQ(t.ContextFor("x").field, "Checksum");
  t.CloseLabels(6);  // its description, indented below it
  EXPECT_EQ(t.CurrentField(), "Checksum");
  t.CloseLabels(3);  // the next label at the same indent ends it
  EXPECT_EQ(t.CurrentField(), "");
  t.SetGroupProtocol("IP");
  SentenceContext c = t.ContextFor("The data received must be returned.");
  EXPECT_EQ(c.protocol, "IP");
  EXPECT_EQ(c.message, "Echo or Echo Reply Message");
  EXPECT_EQ(c.role, "receiver");
  t.EnterSection("ICMP", "");
  EXPECT_EQ(t.protocol(), "ICMP");
}

}  // namespace
}  // namespace protolm::spec
