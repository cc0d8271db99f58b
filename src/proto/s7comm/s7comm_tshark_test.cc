// Interop: a conversation made only of builder output, written to a pcap
// with Ethernet/IPv4/TCP headers, dissects in tshark as COTP and S7COMM with
// no malformed packet and no expert warning or error. Skipped where tshark is
// missing.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"

namespace protolm::s7comm {
namespace {

struct Packet {
  bool from_client;
  Bytes payload;
};

/// Writes `packets` as one TCP connection 10.0.0.1:49152 -> 10.0.0.2:102.
void WritePcap(const std::string& path, const std::vector<Packet>& packets) {
  ByteWriter w;
  w.U32Le(0xa1b2c3d4);
  w.U16Le(2);
  w.U16Le(4);
  w.U32Le(0);
  w.U32Le(0);
  w.U32Le(65535);
  w.U32Le(1);  // Ethernet
  uint32_t seq[2] = {1000, 5000};
  uint32_t t = 0;
  for (const Packet& p : packets) {
    int side = p.from_client ? 0 : 1;
    ByteWriter ip;
    ip.U8(0x45);
    ip.U8(0);
    ip.U16Be(static_cast<uint16_t>(20 + 20 + p.payload.size()));
    ip.U16Be(0);
    ip.U16Be(0x4000);
    ip.U8(64);
    ip.U8(6);
    ip.U16Be(0);  // checksum, patched below
    ip.U32Be(p.from_client ? 0x0a000001 : 0x0a000002);
    ip.U32Be(p.from_client ? 0x0a000002 : 0x0a000001);
    uint32_t sum = 0;
    for (size_t i = 0; i < 20; i += 2)
      sum += static_cast<uint32_t>(ip.bytes()[i] << 8 | ip.bytes()[i + 1]);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
    ip.PatchU16Be(10, static_cast<uint16_t>(~sum));
    ip.U16Be(p.from_client ? 49152 : 102);
    ip.U16Be(p.from_client ? 102 : 49152);
    ip.U32Be(seq[side]);
    ip.U32Be(seq[1 - side]);
    ip.U8(0x50);
    ip.U8(0x18);  // PSH, ACK
    ip.U16Be(0xffff);
    ip.U32Be(0);  // checksum (not checked by tshark by default), urgent
    ip.Append(p.payload);
    seq[side] += static_cast<uint32_t>(p.payload.size());
    size_t frame_len = 14 + ip.size();
    w.U32Le(++t);
    w.U32Le(0);
    w.U32Le(static_cast<uint32_t>(frame_len));
    w.U32Le(static_cast<uint32_t>(frame_len));
    w.Append(Bytes{0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x08, 0x00});
    w.Append(ip.bytes());
  }
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(w.bytes().data()),
            static_cast<std::streamsize>(w.size()));
}

std::string RunCommand(const std::string& cmd) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  if (!pipe) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe.get())) > 0) out.append(buf, n);
  return out;
}

Bytes Wire(const Result<Bytes>& b) {
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  return b.ok() ? *b : Bytes{};
}

TEST(S7commTshark, BuilderOutputDissectsCleanly) {
  ASSERT_EQ(std::system("tshark --version >/dev/null 2>&1"), 0)
      << "tshark is not installed (scripts/setup.sh installs it)";
  AnyPointer db_word{ItemType::kWord, 2, 1, Area::kDataBlock, 4, 0};
  AnyPointer m_bit{ItemType::kBit, 1, 0, Area::kFlags, 10, 3};
  AnyPointer input{ItemType::kByte, 1, 0, Area::kInputs, 0, 0};
  Bytes ident(28, 0x20);
  std::vector<Packet> packets = {
      {true, Wire(FrameTpdu(CotpConnectRequest(0x0001, 0x0100, 0x0102, 0x0a)))},
      {false, Wire(FrameTpdu(
                  CotpConnectConfirm(0x0001, 0x0044, 0x0100, 0x0102, 0x0a)))},
      {true, Wire(FrameS7Pdu(SetupCommunicationJob(0x0100, 1, 1, 480)))},
      {false, Wire(FrameS7Pdu(SetupCommunicationAckData(0x0100, 1, 1, 240)))},
      {true, Wire(FrameS7Pdu(ReadVarJob(0x0200, {db_word, m_bit, input})))},
      {false, Wire(FrameS7Pdu(ReadVarAckData(
                  0x0200, {ByteData({0x12, 0x34, 0x56, 0x78}), BitData(true),
                           ErrorData(ReturnCode::kAddressOutOfRange)})))},
      {true,
       Wire(FrameS7Pdu(WriteVarJob(0x0300, {db_word, m_bit},
                                   {ByteData({1, 2, 3, 4}), BitData(false)})))},
      {false, Wire(FrameS7Pdu(WriteVarAckData(0x0300, {0xff, 0x05})))},
      {true, Wire(FrameTpdu(CotpData({}, false)))},
      {true, Wire(FrameS7Pdu(SzlReadRequest(0x0400, 0x0011, 0x0000)))},
      {false, Wire(FrameS7Pdu(SzlReadResponse(0x0400, 1, 0x0011, 0x0000, 28,
                                              {ident, ident})))},
      {true, Wire(FrameS7Pdu(SzlReadRequest(0x0500, 0x0c91, 0x7fff)))},
      {false, Wire(FrameS7Pdu(SzlReadError(0x0500, 2, 0xd402)))},
      {true, Wire(FrameS7Pdu(ReadVarJob(0x0600, {db_word, input}), 12))},
      {false, Wire(FrameS7Pdu(ErrorAckData(0x0600, 0x85, 0x00)))},
  };
  std::string path = ::testing::TempDir() + "/s7comm_builders.pcap";
  WritePcap(path, packets);

  std::string verbose = RunCommand("tshark -r '" + path + "' -V 2>&1");
  EXPECT_EQ(verbose.find("Malformed"), std::string::npos) << verbose;
  EXPECT_EQ(verbose.find("Expert Info (Error"), std::string::npos) << verbose;
  EXPECT_EQ(verbose.find("Expert Info (Warning"), std::string::npos) << verbose;

  std::string columns = RunCommand(
      "tshark -r '" + path + "' -T fields -e _ws.col.Protocol 2>/dev/null");
  EXPECT_EQ(columns,
            "COTP\nCOTP\nS7COMM\nS7COMM\nS7COMM\nS7COMM\nS7COMM\nS7COMM\n"
            "COTP\nS7COMM\nS7COMM\nS7COMM\nS7COMM\nS7COMM\nS7COMM\n")
      << verbose;
  std::string szl = RunCommand("tshark -r '" + path +
                               "' -Y s7comm.data.userdata.szl_id -T fields "
                               "-e s7comm.data.userdata.szl_id 2>/dev/null");
  EXPECT_EQ(szl, "0x0011\n0x0011\n0x0c91\n");
}

}  // namespace
}  // namespace protolm::s7comm
