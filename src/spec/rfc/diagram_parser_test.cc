// Tests of header diagrams: the exact field layouts (names, bit offsets,
// widths) of IPv4, UDP, every ICMP message of RFC 792, IGMP, NTP and BFD as
// ReadRfc finds them, and drawing styles on small synthetic diagrams.
#include "spec/rfc/diagram_parser.h"

#include <gtest/gtest.h>

#include <tuple>

#include "spec/rfc/page_cleaner.h"
#include "spec/rfc/rfc_test_files.h"

namespace protolm::spec {
namespace {

using Layout = std::vector<std::tuple<std::string, int, int>>;

Layout LayoutOf(const HeaderDiagram& d) {
  Layout out;
  for (const DiagramField& f : d.fields)
    out.emplace_back(f.name, f.bit_offset, f.bit_width);
  return out;
}

const HeaderDiagram* FindDiagram(const RfcDocument& doc,
                                 const std::string& title) {
  for (const HeaderDiagram& d : doc.diagrams) {
    if (d.title == title) return &d;
  }
  ADD_FAILURE() << "no diagram titled " << title << " in " << doc.source;
  return nullptr;
}

std::optional<HeaderDiagram> Parse(const std::string& text) {
  Result<std::vector<SourceLine>> lines = CleanPages(text, "t");
  EXPECT_TRUE(lines.ok());
  return ParseDiagram(*lines, 0, lines->size(), nullptr);
}

TEST(DiagramParserTest, Ipv4Header) {
  RfcDocument doc = testing::LoadRfc("rfc791.txt");
  const HeaderDiagram* d = FindDiagram(doc, "Example Internet Datagram Header");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->section, "3.1");
  EXPECT_EQ(d->line, 837);
  EXPECT_EQ(d->protocol, "IP");
  // Options and Padding are "variable" in their descriptions.
  EXPECT_EQ(LayoutOf(*d), (Layout{{"Version", 0, 4},
                                  {"IHL", 4, 4},
                                  {"Type of Service", 8, 8},
                                  {"Total Length", 16, 16},
                                  {"Identification", 32, 16},
                                  {"Flags", 48, 3},
                                  {"Fragment Offset", 51, 13},
                                  {"Time to Live", 64, 8},
                                  {"Protocol", 72, 8},
                                  {"Header Checksum", 80, 16},
                                  {"Source Address", 96, 32},
                                  {"Destination Address", 128, 32},
                                  {"Options", 160, -1},
                                  {"Padding", -1, -1}}));
  EXPECT_EQ(d->FixedBits(), 160);
}

TEST(DiagramParserTest, Ipv4BitDiagramsAndOptions) {
  RfcDocument doc = testing::LoadRfc("rfc791.txt");
  const HeaderDiagram* tos = FindDiagram(doc, "Type of Service");
  ASSERT_NE(tos, nullptr);
  EXPECT_EQ(LayoutOf(*tos), (Layout{{"PRECEDENCE", 0, 3},
                                    {"D", 3, 1},
                                    {"T", 4, 1},
                                    {"R", 5, 1},
                                    {"reserved", 6, 1},
                                    {"reserved", 7, 1}}));
  const HeaderDiagram* flags = FindDiagram(doc, "Flags");
  ASSERT_NE(flags, nullptr);
  EXPECT_EQ(LayoutOf(*flags),
            (Layout{{"reserved", 0, 1}, {"DF", 1, 1}, {"MF", 2, 1}}));
  EXPECT_EQ(flags->fields[0].fixed_value, 0u);
  const HeaderDiagram* lsrr = FindDiagram(doc, "Loose Source and Record Route");
  ASSERT_NE(lsrr, nullptr);
  EXPECT_EQ(LayoutOf(*lsrr), (Layout{{"constant", 0, 8},
                                     {"length", 8, 8},
                                     {"pointer", 16, 8},
                                     {"route data", 24, -1}}));
  EXPECT_EQ(lsrr->fields[0].fixed_value, 131u);  // 10000011
}

TEST(DiagramParserTest, UdpHeaderAndPseudoHeader) {
  RfcDocument doc = testing::LoadRfc("rfc768.txt");
  ASSERT_EQ(doc.diagrams.size(), 2u);
  EXPECT_EQ(doc.diagrams[0].title, "User Datagram Header Format");
  EXPECT_EQ(LayoutOf(doc.diagrams[0]), (Layout{{"Source Port", 0, 16},
                                               {"Destination Port", 16, 16},
                                               {"Length", 32, 16},
                                               {"Checksum", 48, 16},
                                               {"data octets", 64, -1}}));
  EXPECT_EQ(LayoutOf(doc.diagrams[1]), (Layout{{"source address", 0, 32},
                                               {"destination address", 32, 32},
                                               {"zero", 64, 8},
                                               {"protocol", 72, 8},
                                               {"UDP length", 80, 16}}));
}

TEST(DiagramParserTest, EveryIcmpMessage) {
  RfcDocument doc = testing::LoadRfc("rfc792.txt");
  const Layout head = {{"Type", 0, 8}, {"Code", 8, 8}, {"Checksum", 16, 16}};
  auto with = [&head](Layout rest) {
    Layout l = head;
    l.insert(l.end(), rest.begin(), rest.end());
    return l;
  };
  const std::string trailer =
      "Internet Header + 64 bits of Original Data Datagram";
  const Layout error_body = {{"unused", 32, 32}, {trailer, 64, -1}};
  const Layout id_seq = {{"Identifier", 32, 16}, {"Sequence Number", 48, 16}};
  std::vector<std::pair<std::string, Layout>> expected = {
      {"Destination Unreachable Message", with(error_body)},
      {"Time Exceeded Message", with(error_body)},
      {"Parameter Problem Message",
       with({{"Pointer", 32, 8}, {"unused", 40, 24}, {trailer, 64, -1}})},
      {"Source Quench Message", with(error_body)},
      {"Redirect Message",
       with({{"Gateway Internet Address", 32, 32}, {trailer, 64, -1}})},
      {"Echo or Echo Reply Message", with({{"Identifier", 32, 16},
                                           {"Sequence Number", 48, 16},
                                           {"Data", 64, -1}})},
      {"Timestamp or Timestamp Reply Message",
       with({{"Identifier", 32, 16},
             {"Sequence Number", 48, 16},
             {"Originate Timestamp", 64, 32},
             {"Receive Timestamp", 96, 32},
             {"Transmit Timestamp", 128, 32}})},
      {"Information Request or Information Reply Message", with(id_seq)},
  };
  ASSERT_EQ(doc.diagrams.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(doc.diagrams[i].title, expected[i].first);
    EXPECT_EQ(doc.diagrams[i].section, expected[i].first);
    EXPECT_EQ(doc.diagrams[i].protocol, "ICMP");
    EXPECT_EQ(LayoutOf(doc.diagrams[i]), expected[i].second)
        << expected[i].first;
  }
}

TEST(DiagramParserTest, IgmpMessage) {
  RfcDocument doc = testing::LoadRfc("rfc1112.txt");
  ASSERT_EQ(doc.diagrams.size(), 1u);
  EXPECT_EQ(doc.diagrams[0].section, "Appendix I");
  EXPECT_EQ(doc.diagrams[0].protocol, "IGMP");
  EXPECT_EQ(LayoutOf(doc.diagrams[0]), (Layout{{"Version", 0, 4},
                                               {"Type", 4, 4},
                                               {"Unused", 8, 8},
                                               {"Checksum", 16, 16},
                                               {"Group Address", 32, 32}}));
}

TEST(DiagramParserTest, NtpDataFormat) {
  RfcDocument doc = testing::LoadRfc("rfc1059.txt");
  const HeaderDiagram* d = FindDiagram(doc, "NTP Data Format - Version 1");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->section, "Appendix B");
  // "0 0 0" takes its name from the third description; "(64 bits)" notes
  // widen the timestamps drawn one row high.
  EXPECT_EQ(LayoutOf(*d), (Layout{{"LI", 0, 2},
                                  {"VN", 2, 3},
                                  {"Reserved", 5, 3},
                                  {"Stratum", 8, 8},
                                  {"Poll", 16, 8},
                                  {"Precision", 24, 8},
                                  {"Synchronizing Distance", 32, 32},
                                  {"Estimated Drift Rate", 64, 32},
                                  {"Reference Clock Identifier", 96, 32},
                                  {"Reference Timestamp", 128, 64},
                                  {"Originate Timestamp", 192, 64},
                                  {"Receive Timestamp", 256, 64},
                                  {"Transmit Timestamp", 320, 64}}));
  EXPECT_EQ(d->fields[2].fixed_value, 0u);
  const HeaderDiagram* udp = FindDiagram(doc, "UDP Header Format");
  ASSERT_NE(udp, nullptr);
  EXPECT_EQ(udp->protocol, "UDP");
  EXPECT_EQ(udp->FixedBits(), 64);
}

TEST(DiagramParserTest, BfdControlPacket) {
  RfcDocument doc = testing::LoadRfc("rfc5880-section4.1.txt");
  ASSERT_EQ(doc.diagrams.size(), 1u);
  EXPECT_EQ(doc.diagrams[0].protocol, "BFD");
  EXPECT_EQ(LayoutOf(doc.diagrams[0]),
            (Layout{{"Vers", 0, 3},
                    {"Diag", 3, 5},
                    {"Sta", 8, 2},
                    {"P", 10, 1},
                    {"F", 11, 1},
                    {"C", 12, 1},
                    {"A", 13, 1},
                    {"D", 14, 1},
                    {"M", 15, 1},
                    {"Detect Mult", 16, 8},
                    {"Length", 24, 8},
                    {"My Discriminator", 32, 32},
                    {"Your Discriminator", 64, 32},
                    {"Desired Min TX Interval", 96, 32},
                    {"Required Min RX Interval", 128, 32},
                    {"Required Min Echo RX Interval", 160, 32}}));
}

TEST(DiagramParserTest, FieldDrawnOverSeveralRows) {
  std::optional<HeaderDiagram> d = Parse(
      "    0                   1                   2                   3\n"
      "    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1\n"
      "   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+\n"
      "   |   Next Header |   Hdr Ext Len |            Flags              |\n"
      "   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+\n"
      "   |                                                               |\n"
      "   +                                                               +\n"
      "   |                         Source Address                        |\n"
      "   +                                                               +\n"
      "   |                                                               |\n"
      "   +                                                               +\n"
      "   |                                                               |\n"
      "   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+\n"
      "   |                            Options ...                        |\n"
      "   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+\n");
  ASSERT_TRUE(d);
  EXPECT_EQ(LayoutOf(*d), (Layout{{"Next Header", 0, 8},
                                  {"Hdr Ext Len", 8, 8},
                                  {"Flags", 16, 16},
                                  {"Source Address", 32, 128},
                                  {"Options", 160, -1}}));
}

TEST(DiagramParserTest, ValuesInCellsAndElidedRows) {
  std::optional<HeaderDiagram> d = Parse(
      "    0                   1                   2                   3\n"
      "    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1\n"
      "   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+\n"
      "   |Ver= 4 |IHL= 5 |Type of Service|        Total Length = 21      |\n"
      "   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+\n"
      "   |                             data                              |\n"
      "   \\                                                               \\\n"
      "   |                             data                              |\n"
      "   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+\n");
  ASSERT_TRUE(d);
  EXPECT_EQ(LayoutOf(*d), (Layout{{"Ver", 0, 4},
                                  {"IHL", 4, 4},
                                  {"Type of Service", 8, 8},
                                  {"Total Length", 16, 16},
                                  {"data", 32, -1}}));
  EXPECT_EQ(d->fields[0].fixed_value, 4u);
  EXPECT_EQ(d->fields[3].fixed_value, 21u);
  EXPECT_FALSE(d->fields[2].fixed_value);
}

TEST(DiagramParserTest, RejectsBoxesWithoutABitScale) {
  EXPECT_FALSE(
      Parse("                 +------+ +-----+\n"
            "                 |Telnet| | FTP |\n"
            "                 +------+ +-----+\n"));
  EXPECT_FALSE(
      Parse("           0               16               32\n"
            "           +---------------+---------------+\n"
            "           |               |               |\n"
            "           +---------------+---------------+\n"));
  EXPECT_FALSE(Parse("just text\n"));
}

TEST(DiagramParserTest, ReportsIrregularRows) {
  Result<std::vector<SourceLine>> lines = CleanPages(
      "   +-+-+-+-+-+-+-+-+\n"
      "   |   |   A   |   |\n"
      "   +-+-+-+-+-+-+-+-+\n"
      "       |   B   |\n"
      "   +-+-+-+-+-+-+-+-+\n",
      "t");
  ASSERT_TRUE(lines.ok());
  std::vector<std::string> warnings;
  std::optional<HeaderDiagram> d =
      ParseDiagram(*lines, 0, lines->size(), &warnings);
  ASSERT_TRUE(d);
  // Unnamed cells keep an empty name for ReadRfc to resolve.
  EXPECT_EQ(LayoutOf(*d),
            (Layout{{"", 0, 2}, {"A", 2, 4}, {"", 6, 2}, {"B", 8, 4}}));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "line 4: diagram cell starts at bit 2, expected 0");
}

}  // namespace
}  // namespace protolm::spec
