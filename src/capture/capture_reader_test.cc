// End-to-end tests of ReadCapture on synthetic captures written with
// PcapWriter: flows and roles, VLAN, IPv6, fragments, UDP, several flows,
// flow limits, and bad input with the exact message text.
#include "capture/capture_reader.h"

#include <filesystem>
#include <fstream>

#include "capture/capture_test_support.h"
#include "gtest/gtest.h"

namespace protolm {
namespace {

using namespace protolm::testing;  // NOLINT: test builders

constexpr uint8_t kSyn = 0x02, kAck = 0x10, kPshAck = 0x18, kFinAck = 0x11,
                  kRst = 0x04;
constexpr Direction kC2S = Direction::kClientToServer;
constexpr Direction kS2C = Direction::kServerToClient;

Result<CaptureStats> Read(const std::string& path, RecordingSink& sink,
                          CaptureOptions options = {}) {
  return ReadCapture(path, options, sink);
}

TcpFields Seg(uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack,
              uint8_t flags) {
  return TcpFields{sport, dport, seq, ack, flags};
}

/// A client (10.0.0.1:40000) to server (10.0.0.2:502) connection.
std::vector<Bytes> Conversation(std::vector<uint16_t> vlan = {}) {
  auto frame = [&](const TcpFields& t, const std::string& data, bool c2s) {
    Ipv4Fields ip;
    ip.src = c2s ? Ip4(10, 0, 0, 1) : Ip4(10, 0, 0, 2);
    ip.dst = c2s ? Ip4(10, 0, 0, 2) : Ip4(10, 0, 0, 1);
    return Ethernet(0x0800, Ipv4(ip, Tcp(t, Text(data))), vlan);
  };
  return {
      frame(Seg(40000, 502, 100, 0, kSyn), "", true),
      frame(Seg(502, 40000, 900, 101, kSyn | kAck), "", false),
      frame(Seg(40000, 502, 101, 901, kAck), "", true),
      frame(Seg(40000, 502, 101, 901, kPshAck), "hello", true),
      frame(Seg(502, 40000, 901, 106, kPshAck), "world", false),
      frame(Seg(40000, 502, 106, 906, kFinAck), "", true),
      frame(Seg(502, 40000, 906, 107, kFinAck), "", false),
      frame(Seg(40000, 502, 107, 907, kAck), "", true),
  };
}

TEST(ReadCapture, HandshakeFlowOverVlanTags) {
  ScratchDir scratch;
  std::string path =
      WritePcap(scratch, "handshake.pcap", Conversation({0x88A8, 0x8100}));
  RecordingSink sink;
  Result<CaptureStats> stats = Read(path, sink);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  ASSERT_EQ(sink.flows.size(), 1u);
  const FlowInfo& f = sink.flows[0];
  EXPECT_EQ(f.id, 1u);
  EXPECT_EQ(f.client_ip, "10.0.0.1");
  EXPECT_EQ(f.server_ip, "10.0.0.2");
  EXPECT_EQ(f.client_port, 40000);
  EXPECT_EQ(f.server_port, 502);
  EXPECT_TRUE(f.saw_handshake);
  EXPECT_EQ(f.first_ts_us, 1700000000000000);
  EXPECT_EQ(f.first_packet, 1u);
  EXPECT_EQ(sink.Stream(1, kC2S), "hello");
  EXPECT_EQ(sink.Stream(1, kS2C), "world");
  EXPECT_EQ(sink.events, (std::vector<std::string>{"start 1", "end 1"}));
  EXPECT_EQ(stats->packets, 8u);
  EXPECT_EQ(stats->tcp_flows, 1u);
  EXPECT_EQ(stats->tcp_segments, 8u);
  EXPECT_EQ(stats->warnings, 0u);
}

TEST(ReadCapture, WithoutHandshakeThePortRuleNamesTheServer) {
  ScratchDir scratch;
  // The first packet goes from port 502 to 40000 (a response seen first).
  std::string path = WritePcap(
      scratch, "midstream.pcap",
      {TcpFrame(Seg(502, 40000, 5000, 7000, kPshAck), Text("resp"), 2, 1),
       TcpFrame(Seg(40000, 502, 7000, 5004, kPshAck), Text("req"), 1, 2)});
  RecordingSink sink;
  ASSERT_TRUE(Read(path, sink).ok());
  ASSERT_EQ(sink.flows.size(), 1u);
  EXPECT_FALSE(sink.flows[0].saw_handshake);
  EXPECT_EQ(sink.flows[0].server_port, 502);  // lower port
  EXPECT_EQ(sink.Stream(1, kS2C), "resp");
  EXPECT_EQ(sink.Stream(1, kC2S), "req");

  // is_server_port wins over the lower-port rule.
  CaptureOptions options;
  options.is_server_port = [](uint16_t p) { return p == 40000; };
  RecordingSink sink2;
  ASSERT_TRUE(Read(path, sink2, options).ok());
  EXPECT_EQ(sink2.flows[0].server_port, 40000);
  EXPECT_EQ(sink2.flows[0].server_ip, "10.0.0.1");
}

TEST(ReadCapture, OutOfOrderAndLostSegmentsEndToEnd) {
  ScratchDir scratch;
  std::string path = WritePcap(
      scratch, "reorder.pcap",
      {TcpFrame(Seg(40000, 502, 1000, 1, kPshAck), Text("ab")),
       TcpFrame(Seg(40000, 502, 1004, 1, kPshAck), Text("ef")),
       TcpFrame(Seg(40000, 502, 1002, 1, kPshAck), Text("cd")),
       TcpFrame(Seg(40000, 502, 1000, 1, kPshAck), Text("ab")),  // retrans.
       TcpFrame(Seg(40000, 502, 1010, 1, kPshAck), Text("kl")),
       TcpFrame(Seg(502, 40000, 1, 1012, kAck), {}, 2, 1)});  // acks hole
  RecordingSink sink;
  Result<CaptureStats> stats = Read(path, sink);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(sink.Stream(1, kC2S), "abcdef<gap 4>kl");
  EXPECT_EQ(stats->out_of_order_segments, 2u);
  EXPECT_EQ(stats->retransmitted_bytes, 2u);
  EXPECT_EQ(stats->lost_bytes, 4u);
}

TEST(ReadCapture, NewSynOnAClosedFourTupleStartsANewFlow) {
  ScratchDir scratch;
  std::vector<Bytes> frames = {
      TcpFrame(Seg(40000, 502, 100, 0, kSyn), {}),
      TcpFrame(Seg(40000, 502, 101, 0, kPshAck), Text("one")),
      TcpFrame(Seg(502, 40000, 0, 0, kRst), {}, 2, 1),
      TcpFrame(Seg(502, 40000, 0, 0, kRst), {}, 2, 1),  // straggler
      TcpFrame(Seg(40000, 502, 500, 0, kSyn), {}),
      TcpFrame(Seg(40000, 502, 501, 0, kPshAck), Text("two")),
      TcpFrame(Seg(40001, 502, 9, 0, kPshAck), Text("other")),
  };
  RecordingSink sink;
  Result<CaptureStats> stats =
      Read(WritePcap(scratch, "reuse.pcap", frames), sink);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(sink.events,
            (std::vector<std::string>{"start 1", "end 1", "start 2", "start 3",
                                      "end 2", "end 3"}));
  EXPECT_EQ(sink.Stream(1, kC2S), "one");
  EXPECT_EQ(sink.Stream(2, kC2S), "two");
  EXPECT_EQ(sink.Stream(3, kC2S), "other");
  EXPECT_EQ(stats->tcp_flows, 3u);
}

TEST(ReadCapture, FlowLimitEndsTheLeastRecentlyActiveFlow) {
  ScratchDir scratch;
  std::vector<Bytes> frames;
  for (uint16_t port = 40000; port < 40003; ++port) {
    frames.push_back(TcpFrame(Seg(port, 502, 1, 0, kPshAck), Text("x")));
  }
  CaptureOptions options;
  options.max_flows = 2;
  RecordingSink sink;
  std::string path = WritePcap(scratch, "limit.pcap", frames);
  Result<CaptureStats> stats = Read(path, sink, options);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->evicted_flows, 1u);
  EXPECT_EQ(sink.events[2], "end 1");
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0],
            path +
                ": offset 166: packet 3: more than 2 flows open; flow 1 "
                "(10.0.0.1 port 40000) is ended early; raise max_flows "
                "to keep it");
}

TEST(ReadCapture, UdpOverIpv6WithExtensionHeaders) {
  ScratchDir scratch;
  // Hop-by-hop (8 bytes) then destination options (8 bytes) then UDP.
  Bytes extensions = {60, 0, 1, 4, 0, 0, 0, 0, 17, 0, 1, 4, 0, 0, 0, 0};
  Bytes request = Ipv6(0, extensions, Udp(5353, 53, Text("query")), 1, 2);
  Bytes reply = Ipv6(17, {}, Udp(53, 5353, Text("answer")), 2, 1);
  std::string path = WritePcap(
      scratch, "v6.pcap", {Ethernet(0x86DD, request), Ethernet(0x86DD, reply)});
  RecordingSink sink;
  Result<CaptureStats> stats = Read(path, sink);
  ASSERT_TRUE(stats.ok());
  ASSERT_EQ(sink.flows.size(), 1u);
  EXPECT_EQ(sink.flows[0].transport, FlowInfo::Transport::kUdp);
  EXPECT_EQ(sink.flows[0].client_ip, "fe80::1");
  EXPECT_EQ(sink.flows[0].server_port, 53);
  EXPECT_EQ(sink.datagrams,
            (std::vector<std::string>{"1 c2s query", "1 s2c answer"}));
  EXPECT_EQ(stats->udp_flows, 1u);
  EXPECT_EQ(stats->udp_datagrams, 2u);
}

TEST(ReadCapture, Ipv4FragmentsOutOfOrderAreReassembled) {
  ScratchDir scratch;
  Bytes udp = Udp(40000, 53, Text("0123456789abcdefXYZ"));  // 27 bytes
  Ipv4Fields first;
  first.protocol = 17;
  first.more_fragments = true;
  Ipv4Fields second = first;
  second.more_fragments = false;
  second.fragment_offset = 16;
  Bytes head(udp.begin(), udp.begin() + 16);
  Bytes tail(udp.begin() + 16, udp.end());
  std::string path = WritePcap(scratch, "frag4.pcap",
                               {Ethernet(0x0800, Ipv4(second, tail)),
                                Ethernet(0x0800, Ipv4(first, head))});
  RecordingSink sink;
  Result<CaptureStats> stats = Read(path, sink);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(sink.datagrams,
            (std::vector<std::string>{"1 c2s 0123456789abcdefXYZ"}));
  EXPECT_EQ(stats->ip_fragments, 2u);
  EXPECT_EQ(stats->reassembled_datagrams, 1u);
}

TEST(ReadCapture, Ipv6FragmentHeaderIsReassembledAndMissingOnesReported) {
  ScratchDir scratch;
  Bytes udp = Udp(40000, 53, Text("ABCDEFGHIJKLMNOPQRST"));  // 28 bytes
  auto fragment = [&](uint32_t id, uint16_t offset, bool more, size_t from,
                      size_t to) {
    Bytes ext = {17,
                 0,
                 static_cast<uint8_t>(offset >> 8),
                 static_cast<uint8_t>((offset & 0xF8) | (more ? 1 : 0)),
                 0,
                 0,
                 0,
                 static_cast<uint8_t>(id)};
    return Ethernet(0x86DD,
                    Ipv6(44, ext, Bytes(udp.begin() + from, udp.begin() + to)));
  };
  std::string path =
      WritePcap(scratch, "frag6.pcap",
                {fragment(1, 0, true, 0, 16), fragment(1, 16, false, 16, 28),
                 fragment(2, 0, true, 0, 16)});
  RecordingSink sink;
  Result<CaptureStats> stats = Read(path, sink);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(sink.datagrams,
            (std::vector<std::string>{"1 c2s ABCDEFGHIJKLMNOPQRST"}));
  EXPECT_EQ(stats->unreassembled_fragments, 1u);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0],
            path +
                ": 1 IP datagram(s) still missing fragments at the end of "
                "the capture; their fragments are dropped");
}

TEST(ReadCapture, EthernetPaddingIsIgnoredAndLongTotalLengthTolerated) {
  ScratchDir scratch;
  Bytes padded = TcpFrame(Seg(40000, 502, 1, 0, kPshAck), Text("hi"));
  padded.insert(padded.end(), 6, 0xEE);  // padding to 60 bytes
  Ipv4Fields liar;
  liar.total_length = 400;  // claims more than the frame holds
  Bytes long_claim = Ethernet(
      0x0800, Ipv4(liar, Tcp(Seg(40000, 502, 3, 0, kPshAck), Text("yo"))));
  std::string path = WritePcap(scratch, "padding.pcap", {padded, long_claim});
  RecordingSink sink;
  Result<CaptureStats> stats = Read(path, sink);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(sink.Stream(1, kC2S), "hiyo");
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0],
            path +
                ": offset 102: packet 2: IPv4 total length 400 exceeds "
                "the 42 bytes of the packet; using the bytes present");
}

TEST(ReadCapture, RawIpAndLoopbackLinkTypes) {
  ScratchDir scratch;
  Bytes ip = Ipv4(Ipv4Fields{}, Tcp(Seg(40000, 502, 1, 0, kPshAck), Text("r")));
  RecordingSink raw;
  ASSERT_TRUE(Read(WritePcap(scratch, "raw.pcap", {ip}, 12), raw).ok());
  EXPECT_EQ(raw.Stream(1, kC2S), "r");
  Bytes null_frame = {2, 0, 0, 0};
  null_frame.insert(null_frame.end(), ip.begin(), ip.end());
  RecordingSink null;
  ASSERT_TRUE(
      Read(WritePcap(scratch, "null.pcap", {null_frame}, 0), null).ok());
  EXPECT_EQ(null.Stream(1, kC2S), "r");
}

TEST(ReadCapture, MalformedHeadersAreCountedWithAWarning) {
  ScratchDir scratch;
  Ipv4Fields short_total;
  short_total.total_length = 10;
  Bytes bad_tcp = Tcp(Seg(40000, 502, 1, 0, kPshAck), {});
  bad_tcp[12] = 0xF0;  // data offset 60 bytes, only 20 present
  std::string path =
      WritePcap(scratch, "malformed.pcap",
                {Ethernet(0x0800, Ipv4(short_total, Bytes(20, 0))),
                 Ethernet(0x0800, Ipv4(Ipv4Fields{}, bad_tcp)),
                 Ethernet(0x0800, Bytes{0x45, 0, 0})});
  RecordingSink sink;
  Result<CaptureStats> stats = Read(path, sink);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->malformed_packets, 3u);
  ASSERT_EQ(sink.warnings.size(), 3u);
  EXPECT_EQ(sink.warnings[0],
            path +
                ": offset 24: packet 1: IPv4 total length 10 at offset 2 "
                "is shorter than its header (20 bytes); packet skipped");
  EXPECT_EQ(sink.warnings[1],
            path +
                ": offset 94: packet 2: TCP header with options needs 60 "
                "bytes, only 20 present; packet skipped");
  EXPECT_EQ(sink.warnings[2],
            path +
                ": offset 164: packet 3: IPv4 header needs 20 bytes, only "
                "3 captured; packet skipped");
}

TEST(ReadCapture, MissingFileIsNotFound) {
  RecordingSink sink;
  Result<CaptureStats> stats = Read("/nonexistent/x.pcap", sink);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(stats.status().message(),
            "/nonexistent/x.pcap: cannot open: No such file or directory; "
            "check the path");
}

TEST(ReadCapture, TextFileIsNotACapture) {
  ScratchDir scratch;
  std::string path = scratch.Path("notes.txt");
  std::ofstream(path) << "these are not packets\n";
  RecordingSink sink;
  Result<CaptureStats> stats = Read(path, sink);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), StatusCode::kMalformed);
  EXPECT_EQ(stats.status().message().rfind(
                path + ": offset 0: not a pcap or pcapng capture (", 0),
            0u)
      << stats.status().message();
}

TEST(ReadCapture, UnsupportedLinkTypeIsFatal) {
  ScratchDir scratch;
  RecordingSink sink;
  std::string path = WritePcap(scratch, "wifi.pcap", {Bytes(30, 0)}, 105);
  Result<CaptureStats> stats = Read(path, sink);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(stats.status().message().rfind(
                path + ": link type 105 IEEE802_11 (802.11) is not "
                       "supported; supported: Ethernet (1)",
                0),
            0u)
      << stats.status().message();
}

TEST(ReadCapture, TruncatedFileKeepsThePacketsBeforeTheCut) {
  ScratchDir scratch;
  std::string path =
      WritePcap(scratch, "cut.pcap",
                {TcpFrame(Seg(40000, 502, 1, 0, kPshAck), Text("kept")),
                 TcpFrame(Seg(40000, 502, 5, 0, kPshAck), Text("lost"))});
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 10);
  RecordingSink sink;
  Result<CaptureStats> stats = Read(path, sink);
  ASSERT_TRUE(stats.ok());
  EXPECT_TRUE(stats->truncated_file);
  EXPECT_EQ(stats->packets, 1u);
  EXPECT_EQ(sink.Stream(1, kC2S), "kept");
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0],
            path +
                ": offset 98: file ends inside packet 2 (truncated dump "
                "file; tried to read 58 captured bytes, only got 48); the "
                "packets before it are kept");
}

TEST(ReadCapture, GarbageAfterAValidHeaderIsReported) {
  ScratchDir scratch;
  std::string path = WritePcap(scratch, "garbage.pcap", {});
  {
    std::ofstream out(path, std::ios::app | std::ios::binary);
    out << std::string(40, '\xff');
  }
  RecordingSink sink;
  Result<CaptureStats> stats = Read(path, sink);
  ASSERT_TRUE(stats.ok());
  EXPECT_TRUE(stats->damaged_file);
  EXPECT_EQ(stats->packets, 0u);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].rfind(
                path + ": offset 24: damaged record for packet 1 (", 0),
            0u)
      << sink.warnings[0];
}

}  // namespace
}  // namespace protolm
