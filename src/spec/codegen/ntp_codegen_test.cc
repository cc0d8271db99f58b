// NTP version 1 over UDP (RFC 1059 appendices A and B, revised in
// data/spec/): the generated symmetric-mode sender against a hand-checked
// datagram, read by tcpdump -vv as NTPv1 with a correct UDP checksum.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "spec/codegen/codegen_test_support.h"
#include "testing/scratch_dir.h"
#include "testing/shell.h"

namespace protolm::spec::codegen {
namespace {

using ::testing::HasSubstr;

// Calls the generated sender as 10.201.1.1 towards 10.201.1.2 with the
// clock fixed at 2024-01-01 12:00:00 UT, and prints the datagram in hex.
constexpr char kHarness[] = R"(#include <stdio.h>
#include <string.h>
#include "ntp_generated.h"
int main(int argc, char **argv) {
  struct ntp_data_format_version_1 fields;
  struct plm_ip_out ip;
  uint8_t ntp[64], datagram[128];
  int n, i;
  struct plm_pcap *pcap = plm_pcap_open(argv[argc - 1]);
  if (pcap == NULL) return 1;
  plm_set_local_address(0x0ac90101u);
  plm_set_fixed_time(43200000u);
  memset(&fields, 0, sizeof fields);
  n = ntp_data_sender(NULL, &fields, 0x0ac90102u, &ip, ntp, sizeof ntp);
  n = n < 0 ? -1 : plm_ip_write(&ip, ntp, (size_t)n, datagram, sizeof datagram);
  if (n < 0) return 1;
  plm_pcap_write(pcap, datagram, (size_t)n);
  printf("ntp ");
  for (i = 0; i < n; ++i) printf("%02x", datagram[i]);
  printf("\n");
  plm_pcap_close(pcap);
  return 0;
}
)";

TEST(NtpCodegen, SymmetricSenderMatchesHandCheckedDatagramAndTcpdump) {
  ASSERT_TRUE(protolm::testing::ToolInstalled("tcpdump"));
  Result<CodegenResult> result =
      testing::GenerateFromDataFile("rfc1059-ntp-revised.txt", "NTP");
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->functions.size(), 2u);
  EXPECT_EQ(result->functions[0].name, "ntp_data_sender");
  EXPECT_EQ(result->functions[1].name, "ntp_data_receiver");

  protolm::testing::ScratchDir dir;
  std::string out = dir.Path("ntp");
  // IP: length 76, protocol 17. UDP: ports 123 -> 123, length 56, checksum
  // 0xc7f5 over the pseudo-header. NTP (48 octets): LI 0, VN 1, mode bits 0
  // (0x08), stratum 0, poll 6, precision 0, then zeros up to the transmit
  // timestamp 0xe93d27c0.00000000 = 3913099200 s = 2024-01-01 12:00:00 UT.
  EXPECT_EQ(testing::RunHarness(*result, out, "libntp.a", kHarness),
            "ntp 4500004c000100004011630c0ac901010ac90102"
            "007b007b0038c7f5"
            "08000600"
            "000000000000000000000000"
            "0000000000000000"
            "0000000000000000"
            "0000000000000000"
            "e93d27c000000000\n");
  std::string dump = protolm::testing::ShellOutput("tcpdump -vv -n -r " + out +
                                                   "/out.pcap 2>/dev/null");
  EXPECT_THAT(dump,
              HasSubstr("10.201.1.1.123 > 10.201.1.2.123: [udp sum ok] NTPv1"));
  EXPECT_THAT(
      dump,
      HasSubstr(
          "Transmit Timestamp:   3913099200.000000000 (2024-01-01T12:00:00Z)"));
  for (const char* warning : {"bad", "wrong", "truncated", "malformed", "[|"}) {
    EXPECT_THAT(dump, ::testing::Not(HasSubstr(warning))) << dump;
  }
}

}  // namespace
}  // namespace protolm::spec::codegen
