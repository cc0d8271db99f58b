// The generated ICMP functions' output bytes against hand-checked golden
// datagrams, and tcpdump -vv reading every generated message type without
// a warning.
//
// icmp_samples (runtime/icmp_samples.c) calls each generated function with
// fixed inputs: node 10.201.1.1, peer 10.201.1.2, the clock at 12:00:00.000
// UT (43200000 ms = 0x02932e00). Each golden datagram below was checked
// field by field against RFC 791/792: the IP header (version 4, IHL 5, TTL
// 64, protocol 1, header checksum), then type, code, ICMP checksum (one's
// complement sum over the whole message) and the other fields.
#include <gtest/gtest.h>

#include "spec/codegen/codegen_test_support.h"
#include "testing/run_program.h"
#include "testing/scratch_dir.h"
#include "testing/shell.h"

namespace protolm::spec::codegen {
namespace {

// The datagram the error messages quote: UDP 10.201.1.2:40000 ->
// 10.201.1.1:33434, TTL 1, IP id 12, and its first 8 data octets.
#define QUOTED "45000020000c00000111a22d0ac901020ac901019c40829a000c0000"

const std::map<std::string, std::string>& Golden() {
  static const auto* golden = new std::map<std::string, std::string>{
      // Echo (8/0): identifier and sequence number zeroed as line 789 permits
      // ("If code = 0, the sender may set the identifier to zero"), data kept.
      {"echo",
       "4500003000010000400163380ac901010ac90102"
       "0800081b00000000"
       "70726f746f6c6d207370656320636f646567656e"},
      // Its reply: addresses swapped, type 0, checksum 0x081b + 0x0800.
      {"echo_reply",
       "4500003000020000400163370ac901020ac90101"
       "0000101b00000000"
       "70726f746f6c6d207370656320636f646567656e"},
      // Ping's request (id 0x1234, seq 1, "abcdefgh", checksum 0x5435): the
      // reply keeps id, seq and data; checksum 0x5435 + 0x0800 = 0x5c35.
      {"echo_reply_to_ping",
       "4500002400030000400163420ac901010ac90102"
       "00005c3512340001"
       "6162636465666768"},
      // Timestamp (13/0), originate = 12:00 UT, identifier and sequence zeroed.
      {"timestamp",
       "45000028000400004001633d0ac901010ac90102"
       "0d00c26c00000000"
       "02932e00"
       "00000000"
       "00000000"},
      // Its reply (14/0): originate kept, receive and transmit 12:00 UT.
      {"timestamp_reply",
       "45000028000500004001633c0ac901020ac90101"
       "0e00604600000000"
       "02932e00"
       "02932e00"
       "02932e00"},
      // Information request (15/0) and reply (16/0).
      {"information_request",
       "4500001c00060000400163470ac901010ac90102"
       "0f00f0ff00000000"},
      {"information_reply",
       "4500001c00070000400163460ac901020ac90101"
       "1000efff00000000"},
      // Replies to requests made by hand (id 0x1234, seq 7; the timestamp
      // request's originate 11:00 UT = 0x025c3f80): id, seq and originate kept.
      {"timestamp_reply_to_request",
       "4500002800090000400163380ac901010ac90102"
       "0e003cc212340007"
       "025c3f80"
       "02932e00"
       "02932e00"},
      {"information_reply_to_request",
       "4500001c000b0000400163420ac901010ac90102"
       "1000ddc412340007"},
      // Destination unreachable (3), code 3 port unreachable, unused 0,
      // internet header + 64 bits of the UDP datagram.
      {"destination_unreachable",
       "45000038000d0000400163240ac901010ac90102"
       "0303de1500000000" QUOTED},
      // Time exceeded (11), code 0 TTL exceeded in transit.
      {"time_exceeded",
       "45000038000e0000400163230ac901010ac90102"
       "0b00d61800000000" QUOTED},
      // Parameter problem (12), code 0, pointer 8 (the TTL octet).
      {"parameter_problem",
       "45000038000f0000400163220ac901010ac90102"
       "0c00cd1808000000" QUOTED},
      // Source quench (4), code 0.
      {"source_quench",
       "4500003800100000400163210ac901010ac90102"
       "0400dd1800000000" QUOTED},
      // Redirect (5), code 1 host, gateway 10.201.1.3.
      {"redirect",
       "4500003800110000400163200ac901010ac90102"
       "0501d04b0ac90103" QUOTED},
  };
  return *golden;
}

std::string WithoutSpaces(std::string text) {
  std::erase(text, ' ');
  return text;
}

TEST(GeneratedCodeGolden, EveryMessageMatchesItsHandCheckedDatagram) {
  ASSERT_TRUE(protolm::testing::ToolInstalled("make"));
  ASSERT_TRUE(protolm::testing::ToolInstalled("cc"));
  testing::Generated generated = testing::GenerateIcmp(
      testing::RevisedRfc792(), "rfc792-revised-codegen.txt");
  ASSERT_TRUE(generated.result.ok()) << generated.result.status().message();
  protolm::testing::ScratchDir dir;
  std::map<std::string, std::string> samples =
      testing::RunSamples(*generated.result, dir.Path("icmp"));
  ASSERT_EQ(samples.size(), Golden().size());
  for (const auto& [name, hex] : Golden()) {
    EXPECT_EQ(samples[name], WithoutSpaces(hex)) << name;
  }
}

TEST(GeneratedCodeGolden, TcpdumpReadsEveryMessageTypeWithoutWarnings) {
  ASSERT_TRUE(protolm::testing::ToolInstalled("tcpdump"));
  testing::Generated generated = testing::GenerateIcmp(
      testing::RevisedRfc792(), "rfc792-revised-codegen.txt");
  ASSERT_TRUE(generated.result.ok()) << generated.result.status().message();
  protolm::testing::ScratchDir dir;
  std::string out_dir = dir.Path("icmp");
  ASSERT_FALSE(testing::RunSamples(*generated.result, out_dir).empty());
  std::string text = protolm::testing::ShellOutput(
      "tcpdump -vv -n -r " + out_dir + "/samples.pcap 2>/dev/null");
  for (const char* kind :
       {"echo request", "echo reply", "time stamp query", "time stamp reply",
        "information request", "information reply",
        "udp port 33434 unreachable", "time exceeded in-transit",
        "parameter problem - octet 8", "source quench",
        "redirect 10.201.1.1 to host 10.201.1.3"}) {
    EXPECT_NE(text.find(kind), std::string::npos) << kind << " missing in:\n"
                                                  << text;
  }
  for (const char* warning :
       {"bad", "wrong", "truncated", "malformed", "invalid", "[|"}) {
    EXPECT_EQ(text.find(warning), std::string::npos) << warning << " in:\n"
                                                     << text;
  }
}

}  // namespace
}  // namespace protolm::spec::codegen
