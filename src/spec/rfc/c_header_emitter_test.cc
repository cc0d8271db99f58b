// Tests of the C emitter: identifiers, layouts it refuses, and the emitted
// code itself, compiled with `cc -Wall -Wextra -Werror` and run on real
// packets (ICMP echo, NTP, BFD, IPv4 with options, IGMP, UDP) that must
// survive parse + serialize unchanged.
#include "spec/rfc/c_header_emitter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "spec/rfc/rfc_test_files.h"
#include "testing/file_contents.h"
#include "testing/run_program.h"
#include "testing/scratch_dir.h"

namespace protolm::spec {
namespace {

using ::protolm::testing::CommandResult;
using ::protolm::testing::RunCommand;
using ::protolm::testing::ScratchDir;
using ::protolm::testing::WriteFile;
using ::testing::HasSubstr;

TEST(CHeaderEmitterTest, Identifiers) {
  EXPECT_EQ(CIdentifier("Sequence Number"), "sequence_number");
  EXPECT_EQ(CIdentifier("Internet Header + 64 bits of Original Data Datagram"),
            "internet_header_64_bits_of_original_data_datagram");
  EXPECT_EQ(CIdentifier("Opt. Len."), "opt_len");
  EXPECT_EQ(CIdentifier("2"), "f_2");
  EXPECT_EQ(CIdentifier("int"), "int_");
  EXPECT_EQ(CIdentifier("len"), "len_");  // a parameter name of the functions
  EXPECT_EQ(CIdentifier("..."), "field");
  HeaderDiagram d;
  d.title = "Echo or Echo Reply Message";
  d.protocol = "ICMP";
  EXPECT_EQ(CStructName(d), "icmp_echo_or_echo_reply_message");
  d.title = "Generic BFD Control Packet Format";
  d.protocol = "BFD";
  EXPECT_EQ(CStructName(d), "generic_bfd_control_packet_format");
}

TEST(CHeaderEmitterTest, RefusesLayoutsThatAreNotWholeOctets) {
  HeaderDiagram flags;
  flags.title = "Flags";
  flags.fields = {{"reserved", 0, 1, 0u}, {"DF", 1, 1, {}}, {"MF", 2, 1, {}}};
  Result<std::string> code = EmitCStruct(flags, "flags");
  ASSERT_FALSE(code.ok());
  EXPECT_EQ(code.status().code(), StatusCode::kUnsupported);
  EXPECT_THAT(code.status().message(),
              HasSubstr("3 bits, not a whole number of octets"));

  HeaderDiagram odd;
  odd.title = "Odd";
  odd.fields = {{"A", 0, 4, {}}, {"Data", 4, -1, {}}, {"B", -1, 4, {}}};
  code = EmitCStruct(odd, "odd");
  ASSERT_FALSE(code.ok());
  EXPECT_THAT(code.status().message(), HasSubstr("starts at bit 4"));

  CEmission all = EmitC({flags, odd}, "t.txt");
  EXPECT_EQ(all.skipped.size(), 2u);
  EXPECT_THAT(all.code, HasSubstr("protolm_get_bits"));
}

const HeaderDiagram& Titled(const RfcDocument& doc, const std::string& title) {
  for (const HeaderDiagram& d : doc.diagrams) {
    if (d.title == title) return d;
  }
  ADD_FAILURE() << "no diagram " << title;
  return doc.diagrams.front();
}

constexpr char kDriver[] = R"(#include <stdio.h>
#include "headers.h"

#define CHECK(cond) do { if (!(cond)) { \
  fprintf(stderr, "line %d: %s\n", __LINE__, #cond); return 1; } } while (0)

int main(void) {
  uint8_t out[128];

  /* ICMP echo request: type 8, code 0, id 0x1234, seq 1, data "hi". */
  const uint8_t echo[] = {8, 0, 0xf7, 0xfd, 0x12, 0x34, 0x00, 0x01, 'h', 'i'};
  struct icmp_echo_or_echo_reply_message e;
  CHECK(icmp_echo_or_echo_reply_message_parse(echo, sizeof echo, &e) == 0);
  CHECK(e.type == 8 && e.code == 0 && e.checksum == 0xf7fd);
  CHECK(e.identifier == 0x1234 && e.sequence_number == 1);
  CHECK(e.data_len == 2 && e.data[0] == 'h' && e.data[1] == 'i');
  CHECK(icmp_echo_or_echo_reply_message_serialize(&e, out, sizeof out) == (int)sizeof echo);
  CHECK(memcmp(out, echo, sizeof echo) == 0);
  CHECK(icmp_echo_or_echo_reply_message_parse(echo, 7, &e) == -1);
  CHECK(icmp_echo_or_echo_reply_message_serialize(&e, out, 9) == -1);
  CHECK(ICMP_ECHO_OR_ECHO_REPLY_MESSAGE_MIN_LEN == 8);

  /* ICMP destination unreachable with the original header in its trailer. */
  uint8_t unreach[36];
  unsigned i;
  for (i = 0; i < sizeof unreach; ++i) unreach[i] = (uint8_t)(i * 7u);
  unreach[0] = 3; unreach[1] = 1;
  struct icmp_destination_unreachable_message u;
  CHECK(icmp_destination_unreachable_message_parse(unreach, sizeof unreach, &u) == 0);
  CHECK(u.type == 3 && u.code == 1);
  CHECK(u.internet_header_64_bits_of_original_data_datagram_len == 28);
  CHECK(icmp_destination_unreachable_message_serialize(&u, out, sizeof out) == 36);
  CHECK(memcmp(out, unreach, sizeof unreach) == 0);

  /* NTP: LI 3, VN 1, reserved 0 packed in the first octet (11 001 000). */
  uint8_t ntp[48];
  for (i = 0; i < sizeof ntp; ++i) ntp[i] = (uint8_t)(0xa0u + i);
  ntp[0] = 0xc8;
  struct ntp_data_format_version_1 n;
  CHECK(ntp_data_format_version_1_parse(ntp, sizeof ntp, &n) == 0);
  CHECK(n.li == 3 && n.vn == 1 && n.reserved == 0 && n.stratum == 0xa1);
  CHECK(n.transmit_timestamp == 0xc8c9cacbcccdcecfull);
  CHECK(ntp_data_format_version_1_serialize(&n, out, sizeof out) == 48);
  CHECK(memcmp(out, ntp, sizeof ntp) == 0);
  n.vn = 8; /* does not fit in 3 bits */
  CHECK(ntp_data_format_version_1_serialize(&n, out, sizeof out) == -1);

  /* BFD: version 1, diag 0, state Up, Poll set, detect mult 3, length 24. */
  const uint8_t bfd[24] = {0x20, 0xe0, 3, 24, 0, 0, 0, 1, 0, 0, 0, 2,
                           0, 0x0f, 0x42, 0x40, 0, 0x0f, 0x42, 0x40, 0, 0, 0, 0};
  struct generic_bfd_control_packet_format b;
  CHECK(generic_bfd_control_packet_format_parse(bfd, sizeof bfd, &b) == 0);
  CHECK(b.vers == 1 && b.diag == 0 && b.sta == 3 && b.p == 1 && b.f == 0);
  CHECK(b.detect_mult == 3 && b.length == 24 && b.my_discriminator == 1);
  CHECK(b.desired_min_tx_interval == 1000000);
  CHECK(generic_bfd_control_packet_format_serialize(&b, out, sizeof out) == 24);
  CHECK(memcmp(out, bfd, sizeof bfd) == 0);

  /* IPv4 with four octets of options (IHL 6). */
  const uint8_t ip[24] = {0x46, 0, 0, 24, 0, 111, 0x40, 0, 64, 1, 0, 0,
                          10, 0, 0, 1, 10, 0, 0, 2, 1, 1, 1, 0};
  struct ip_example_internet_datagram_header h;
  CHECK(ip_example_internet_datagram_header_parse(ip, sizeof ip, &h) == 0);
  CHECK(h.version == 4 && h.ihl == 6 && h.total_length == 24);
  CHECK(h.flags == 2 && h.fragment_offset == 0 && h.time_to_live == 64);
  CHECK(h.source_address == 0x0a000001u && h.options_len == 4 && h.padding_len == 0);
  CHECK(ip_example_internet_datagram_header_serialize(&h, out, sizeof out) == 24);
  CHECK(memcmp(out, ip, sizeof ip) == 0);
  CHECK(ip_example_internet_datagram_header_parse(ip, 19, &h) == -1);

  /* IGMP host membership report for 224.1.2.3. */
  const uint8_t igmp[8] = {0x12, 0, 0x0c, 0xfa, 224, 1, 2, 3};
  struct internet_group_management_protocol_igmp g;
  CHECK(internet_group_management_protocol_igmp_parse(igmp, sizeof igmp, &g) == 0);
  CHECK(g.version == 1 && g.type == 2 && g.group_address == 0xe0010203u);
  CHECK(internet_group_management_protocol_igmp_serialize(&g, out, sizeof out) == 8);
  CHECK(memcmp(out, igmp, sizeof igmp) == 0);

  /* UDP to port 53 with four octets of data. */
  const uint8_t udp[12] = {0x30, 0x39, 0, 53, 0, 12, 0, 0, 'a', 'b', 'c', 'd'};
  struct udp_user_datagram_header_format d;
  CHECK(udp_user_datagram_header_format_parse(udp, sizeof udp, &d) == 0);
  CHECK(d.source_port == 12345 && d.destination_port == 53 && d.length == 12);
  CHECK(d.data_octets_len == 4);
  CHECK(udp_user_datagram_header_format_serialize(&d, out, sizeof out) == 12);
  CHECK(memcmp(out, udp, sizeof udp) == 0);
  return 0;
}
)";

TEST(CHeaderEmitterTest, EmittedCodeCompilesAndRoundTripsPackets) {
  RfcDocument icmp = testing::LoadRfc("rfc792.txt");
  RfcDocument ntp = testing::LoadRfc("rfc1059.txt");
  RfcDocument bfd = testing::LoadRfc("rfc5880-section4.1.txt");
  RfcDocument ip = testing::LoadRfc("rfc791.txt");
  RfcDocument igmp = testing::LoadRfc("rfc1112.txt");
  RfcDocument udp = testing::LoadRfc("rfc768.txt");
  ASSERT_FALSE(icmp.diagrams.empty());
  ASSERT_FALSE(bfd.diagrams.empty());
  ASSERT_FALSE(igmp.diagrams.empty());
  ASSERT_FALSE(udp.diagrams.empty());
  std::vector<HeaderDiagram> diagrams = icmp.diagrams;
  diagrams.push_back(Titled(ntp, "NTP Data Format - Version 1"));
  diagrams.push_back(bfd.diagrams[0]);
  diagrams.push_back(Titled(ip, "Example Internet Datagram Header"));
  diagrams.push_back(igmp.diagrams[0]);
  diagrams.push_back(udp.diagrams[0]);
  CEmission c = EmitC(diagrams, "rfcs");
  EXPECT_TRUE(c.skipped.empty()) << c.skipped.front();

  ScratchDir scratch;
  WriteFile(scratch.Path("headers.h"), c.code);
  WriteFile(scratch.Path("driver.c"), kDriver);
  CommandResult build =
      RunCommand({"cc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic",
                  "-o", scratch.Path("driver"), scratch.Path("driver.c")});
  ASSERT_EQ(build.exit_code, 0) << "emitted C does not compile:\n" << build.err;
  CommandResult run = RunCommand({scratch.Path("driver")});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

}  // namespace
}  // namespace protolm::spec
