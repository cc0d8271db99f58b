// IGMP v1 (RFC 1112 appendix I, revised in data/spec/): the generated query
// and report senders against hand-checked datagrams, read by tcpdump -vv
// without a warning.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "spec/codegen/codegen_test_support.h"
#include "testing/scratch_dir.h"
#include "testing/shell.h"

namespace protolm::spec::codegen {
namespace {

using ::testing::HasSubstr;

// Calls both generated senders as host 10.201.1.1 reporting group
// 239.1.2.3, and prints each datagram in hex.
constexpr char kHarness[] = R"(#include <stdio.h>
#include <string.h>
#include "igmp_generated.h"
static void emit(const char *name, struct plm_pcap *pcap, const struct plm_ip_out *ip,
                 const uint8_t *igmp, int len) {
  uint8_t datagram[64];
  int n = len < 0 ? -1 : plm_ip_write(ip, igmp, (size_t)len, datagram, sizeof datagram), i;
  if (n < 0) { printf("%s failed\n", name); return; }
  plm_pcap_write(pcap, datagram, (size_t)n);
  printf("%s ", name);
  for (i = 0; i < n; ++i) printf("%02x", datagram[i]);
  printf("\n");
}
int main(int argc, char **argv) {
  struct internet_group_management_protocol_igmp fields;
  struct plm_ip_out ip;
  uint8_t igmp[16];
  struct plm_pcap *pcap = plm_pcap_open(argv[argc - 1]);
  if (pcap == NULL) return 1;
  plm_set_local_address(0x0ac90101u);
  memset(&fields, 0, sizeof fields);
  fields.group_address = 0xef010203u;
  emit("query", pcap, &ip, igmp,
       igmp_host_membership_query_sender(NULL, &fields, 0, &ip, igmp, sizeof igmp));
  emit("report", pcap, &ip, igmp,
       igmp_host_membership_report_sender(NULL, &fields, 0, &ip, igmp, sizeof igmp));
  plm_pcap_close(pcap);
  return 0;
}
)";

TEST(IgmpCodegen, QueryAndReportMatchHandCheckedDatagramsAndTcpdump) {
  ASSERT_TRUE(protolm::testing::ToolInstalled("tcpdump"));
  Result<CodegenResult> result =
      testing::GenerateFromDataFile("rfc1112-igmp-revised.txt", "IGMP");
  ASSERT_TRUE(result.ok()) << result.status().message();
  std::vector<std::string> names;
  for (const FunctionModel& f : result->functions) names.push_back(f.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"igmp_host_membership_query_sender",
                                      "igmp_host_membership_query_receiver",
                                      "igmp_host_membership_report_sender",
                                      "igmp_host_membership_report_receiver"}));

  protolm::testing::ScratchDir dir;
  std::string out = dir.Path("igmp");
  // Query: IP TTL 1, protocol 2, to 224.0.0.1 (header checksum 0xce14);
  // IGMP version 1, type 1, unused 0, checksum ~0x1100 = 0xeeff, group 0.
  // Report: to 239.1.2.3 (0xbd10); type 2, group 239.1.2.3, checksum
  // ~(0x1200 + 0xef01 + 0x0203 folded = 0x0305) = 0xfcfa.
  EXPECT_EQ(testing::RunHarness(*result, out, "libigmp.a", kHarness),
            "query 4500001c000100000102ce140ac90101e0000001"
            "1100eeff00000000\n"
            "report 4500001c000200000102bd100ac90101ef010203"
            "1200fcfaef010203\n");
  std::string dump = protolm::testing::ShellOutput("tcpdump -vv -n -r " + out +
                                                   "/out.pcap 2>/dev/null");
  EXPECT_THAT(dump, HasSubstr("10.201.1.1 > 224.0.0.1: igmp query v1"));
  EXPECT_THAT(dump,
              HasSubstr("10.201.1.1 > 239.1.2.3: igmp v1 report 239.1.2.3"));
  for (const char* warning : {"bad", "wrong", "truncated", "malformed", "[|"}) {
    EXPECT_THAT(dump, ::testing::Not(HasSubstr(warning))) << dump;
  }
}

}  // namespace
}  // namespace protolm::spec::codegen
