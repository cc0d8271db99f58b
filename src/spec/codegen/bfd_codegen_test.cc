// BFD (RFC 5880 section 6.8.6 rewritten in data/spec/bfd-6.8.6-revised.txt):
// the generated control packet receiver's checks and session state updates,
// packet by packet, and a control packet tcpdump -vv reads without warning.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "spec/codegen/codegen_test_support.h"
#include "testing/scratch_dir.h"
#include "testing/shell.h"

namespace protolm::spec::codegen {
namespace {

using ::testing::HasSubstr;

// Feeds control packets (vers, sta, detect mult, my discriminator) to the
// generated receiver as the driver would after taking off the UDP header,
// printing the receiver's result and the session state after each; then
// sends one control packet with the generated sender to UDP port 3784.
constexpr char kHarness[] = R"(#include <stdio.h>
#include <string.h>
#include "bfd_generated.h"
static void receive(unsigned vers, unsigned sta, unsigned mult, unsigned disc) {
  struct generic_bfd_control_packet_format p;
  uint8_t buf[24], out[64];
  struct plm_ip in;
  struct plm_ip_out ip;
  int r;
  memset(&p, 0, sizeof p);
  p.vers = vers; p.sta = sta; p.detect_mult = mult; p.length = 24; p.my_discriminator = disc;
  p.required_min_rx_interval = 1000000;
  generic_bfd_control_packet_format_serialize(&p, buf, sizeof buf);
  memset(&in, 0, sizeof in);
  in.payload = buf;
  in.payload_len = sizeof buf;
  r = bfd_control_packet_receiver(&in, &ip, out, sizeof out);
  printf("%d state=%u remote=%u discr=%u\n", r, plm_bfd_session()->session_state,
         plm_bfd_session()->remote_session_state, plm_bfd_session()->remote_discr);
}
int main(int argc, char **argv) {
  struct generic_bfd_control_packet_format p;
  struct plm_ip_out ip;
  uint8_t bfd[24], datagram[64];
  int n;
  struct plm_pcap *pcap = plm_pcap_open(argv[argc - 1]);
  if (pcap == NULL) return 1;
  receive(1, 1, 3, 7);  /* Down session, peer Down: Init */
  receive(1, 3, 3, 7);  /* Init, peer Up: Up */
  receive(2, 1, 3, 7);  /* version 2: discarded */
  receive(1, 1, 0, 7);  /* detect mult 0: discarded */
  receive(1, 1, 3, 0);  /* my discriminator 0: discarded */
  receive(1, 1, 3, 9);  /* Up, peer Down: Down */
  receive(1, 2, 3, 9);  /* Down, peer Init: Up */
  receive(1, 0, 3, 9);  /* Up, peer AdminDown: Down */
  memset(&p, 0, sizeof p);
  p.vers = 1; p.sta = 1; p.detect_mult = 3; p.length = 24; p.my_discriminator = 7;
  p.desired_min_tx_interval = 1000000; p.required_min_rx_interval = 1000000;
  plm_set_local_address(0x0ac90101u);
  n = bfd_control_packet_sender(NULL, &p, 0x0ac90102u, &ip, bfd, sizeof bfd);
  ip.dst = 0x0ac90102u; ip.protocol = 17; ip.ttl = 255; ip.src_port = 49200; ip.dst_port = 3784;
  n = n < 0 ? -1 : plm_ip_write(&ip, bfd, (size_t)n, datagram, sizeof datagram);
  if (n < 0) return 1;
  plm_pcap_write(pcap, datagram, (size_t)n);
  plm_pcap_close(pcap);
  return 0;
}
)";

TEST(BfdCodegen, ReceiverChecksPacketsAndUpdatesTheSessionState) {
  ASSERT_TRUE(protolm::testing::ToolInstalled("tcpdump"));
  Result<CodegenResult> result =
      testing::GenerateFromDataFile("bfd-6.8.6-revised.txt", "BFD");
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->functions.size(), 2u);
  EXPECT_EQ(result->functions[1].name, "bfd_control_packet_receiver");

  protolm::testing::ScratchDir dir;
  std::string out = dir.Path("bfd");
  // States: 0 AdminDown, 1 Down, 2 Init, 3 Up.
  EXPECT_EQ(testing::RunHarness(*result, out, "libbfd.a", kHarness),
            "0 state=2 remote=1 discr=7\n"
            "0 state=3 remote=3 discr=7\n"
            "-1 state=3 remote=3 discr=7\n"
            "-1 state=3 remote=3 discr=7\n"
            "-1 state=3 remote=3 discr=7\n"
            "0 state=1 remote=1 discr=9\n"
            "0 state=3 remote=2 discr=9\n"
            "0 state=1 remote=0 discr=9\n");
  std::string dump = protolm::testing::ShellOutput("tcpdump -vv -n -r " + out +
                                                   "/out.pcap 2>/dev/null");
  EXPECT_THAT(dump, HasSubstr("3784: [udp sum ok] BFDv1, length: 24"));
  EXPECT_THAT(dump, HasSubstr("Control, State Down"));
  for (const char* warning : {"bad", "wrong", "truncated", "malformed", "[|"}) {
    EXPECT_THAT(dump, ::testing::Not(HasSubstr(warning))) << dump;
  }
}

}  // namespace
}  // namespace protolm::spec::codegen
