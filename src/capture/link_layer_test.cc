// Tests of DecodeLinkLayer for every supported link type, VLAN tags, non-IP
// frames and frames cut short.
#include "capture/link_layer.h"

#include "capture/capture_test_support.h"
#include "gtest/gtest.h"

namespace protolm {
namespace {

using testing::Ethernet;

const Bytes kIpv4Start = {0x45, 0x00, 0x00, 0x14};
const Bytes kIpv6Start = {0x60, 0x00, 0x00, 0x00};

void ExpectPayload(int link_type, const Bytes& frame, NetworkProtocol protocol,
                   const Bytes& payload) {
  Result<LinkPayload> r = DecodeLinkLayer(link_type, frame);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->protocol, protocol);
  EXPECT_EQ(Bytes(r->bytes.begin(), r->bytes.end()), payload);
}

TEST(LinkLayer, EthernetWithAndWithoutVlanTags) {
  ExpectPayload(1, Ethernet(0x0800, kIpv4Start), NetworkProtocol::kIpv4,
                kIpv4Start);
  ExpectPayload(1, Ethernet(0x86DD, kIpv6Start, {0x8100}),
                NetworkProtocol::kIpv6, kIpv6Start);
  ExpectPayload(1, Ethernet(0x0800, kIpv4Start, {0x88A8, 0x8100}),
                NetworkProtocol::kIpv4, kIpv4Start);
}

TEST(LinkLayer, NonIpFramesAreOther) {
  ExpectPayload(1, Ethernet(0x0806, kIpv4Start), NetworkProtocol::kOther,
                kIpv4Start);  // ARP
  ExpectPayload(1, Ethernet(0x0040, kIpv4Start), NetworkProtocol::kOther,
                {});  // 802.3 length field
}

TEST(LinkLayer, TruncatedEthernetAndVlan) {
  Result<LinkPayload> r = DecodeLinkLayer(1, Bytes(10, 0));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "Ethernet header needs 14 bytes, only 10 captured");
  Bytes cut = Ethernet(0x8100, {});
  cut.push_back(0);
  Result<LinkPayload> v = DecodeLinkLayer(1, cut);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(), "VLAN tag at frame offset 14 is cut short");
}

TEST(LinkLayer, LinuxCookedV1AndV2) {
  ByteWriter sll;
  sll.U16Be(0);       // packet type
  sll.U16Be(1);       // ARPHRD_ETHER
  sll.U16Be(6);       // address length
  sll.U64Be(0);       // address
  sll.U16Be(0x0800);  // protocol
  sll.Append(kIpv4Start);
  ExpectPayload(113, sll.Take(), NetworkProtocol::kIpv4, kIpv4Start);

  ByteWriter sll2;
  sll2.U16Be(0x86DD);  // protocol
  sll2.U16Be(0);       // reserved
  sll2.U32Be(2);       // interface index
  sll2.U16Be(1);       // ARPHRD_ETHER
  sll2.U8(0);          // packet type
  sll2.U8(6);          // address length
  sll2.U64Be(0);
  sll2.Append(kIpv6Start);
  ExpectPayload(276, sll2.Take(), NetworkProtocol::kIpv6, kIpv6Start);

  Result<LinkPayload> r = DecodeLinkLayer(276, Bytes(5, 0));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "Linux cooked v2 (SLL2) header needs 20 bytes, only 5 captured");
}

TEST(LinkLayer, RawIpVariants) {
  for (int dlt : {12, 14, 101}) {
    ExpectPayload(dlt, kIpv4Start, NetworkProtocol::kIpv4, kIpv4Start);
    ExpectPayload(dlt, kIpv6Start, NetworkProtocol::kIpv6, kIpv6Start);
  }
  ExpectPayload(228, kIpv4Start, NetworkProtocol::kIpv4, kIpv4Start);
  ExpectPayload(229, kIpv6Start, NetworkProtocol::kIpv6, kIpv6Start);
  Result<LinkPayload> r = DecodeLinkLayer(12, Bytes{0x25, 0});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "raw IP frame has IP version 2 at frame offset 0 (expected 4 or "
            "6)");
}

TEST(LinkLayer, BsdLoopbackBothByteOrders) {
  Bytes little = {2, 0, 0, 0};
  little.insert(little.end(), kIpv4Start.begin(), kIpv4Start.end());
  ExpectPayload(0, little, NetworkProtocol::kIpv4, kIpv4Start);
  for (uint8_t af : {24, 28, 30}) {
    Bytes big = {0, 0, 0, af};
    big.insert(big.end(), kIpv6Start.begin(), kIpv6Start.end());
    ExpectPayload(0, big, NetworkProtocol::kIpv6, kIpv6Start);
    ExpectPayload(108, big, NetworkProtocol::kIpv6, kIpv6Start);
  }
  // DLT_LOOP is always network byte order.
  ExpectPayload(108, little, NetworkProtocol::kOther, {});
}

TEST(LinkLayer, UnsupportedTypeIsNamed) {
  EXPECT_FALSE(IsSupportedLinkType(105));
  Result<LinkPayload> r = DecodeLinkLayer(105, Bytes(30, 0));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("link type 105 IEEE802_11"),
            std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace protolm
