// Test support for src/capture: builders of synthetic frames (Ethernet,
// VLAN, IPv4, IPv6, TCP, UDP), a helper that writes them to a pcap file in a
// test's ScratchDir, and a sink that records every event. Used only by
// *_test.cc files.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "capture/capture_reader.h"
#include "capture/capture_sink.h"
#include "capture/pcap_writer.h"
#include "gtest/gtest.h"
#include "testing/scratch_dir.h"
#include "util/bytes.h"

namespace protolm::testing {

inline Bytes Text(const std::string& s) { return Bytes(s.begin(), s.end()); }

inline Bytes Ip4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  return {a, b, c, d};
}

inline Bytes Ethernet(uint16_t ether_type, ByteView payload,
                      std::vector<uint16_t> vlan_tpids = {}) {
  ByteWriter w;
  for (int i = 0; i < 6; ++i) w.U8(0x02);
  for (int i = 0; i < 6; ++i) w.U8(0x04);
  for (uint16_t tpid : vlan_tpids) {
    w.U16Be(tpid);
    w.U16Be(100);  // VLAN id
  }
  w.U16Be(ether_type);
  w.Append(payload);
  return w.Take();
}

struct Ipv4Fields {
  Bytes src = Ip4(10, 0, 0, 1);
  Bytes dst = Ip4(10, 0, 0, 2);
  uint8_t protocol = 6;
  uint16_t id = 1;
  uint32_t fragment_offset = 0;  // bytes, multiple of 8
  bool more_fragments = false;
  int total_length = -1;  // -1: computed
};

inline Bytes Ipv4(const Ipv4Fields& f, ByteView payload) {
  ByteWriter w;
  w.U8(0x45);
  w.U8(0);
  w.U16Be(f.total_length >= 0 ? static_cast<uint16_t>(f.total_length)
                              : static_cast<uint16_t>(20 + payload.size()));
  w.U16Be(f.id);
  w.U16Be(static_cast<uint16_t>((f.more_fragments ? 0x2000 : 0) |
                                (f.fragment_offset / 8)));
  w.U8(64);
  w.U8(f.protocol);
  w.U16Be(0);
  w.Append(f.src);
  w.Append(f.dst);
  w.Append(payload);
  return w.Take();
}

/// An IPv6 packet; `extensions` is inserted between the fixed header and
/// the payload and must start with the header `first_next_header` names.
inline Bytes Ipv6(uint8_t first_next_header, ByteView extensions,
                  ByteView payload, uint8_t src_last = 1,
                  uint8_t dst_last = 2) {
  ByteWriter w;
  w.U32Be(0x60000000);
  w.U16Be(static_cast<uint16_t>(extensions.size() + payload.size()));
  w.U8(first_next_header);
  w.U8(64);
  for (int i = 0; i < 15; ++i) w.U8(i == 0 ? 0xfe : (i == 1 ? 0x80 : 0));
  w.U8(src_last);
  for (int i = 0; i < 15; ++i) w.U8(i == 0 ? 0xfe : (i == 1 ? 0x80 : 0));
  w.U8(dst_last);
  w.Append(extensions);
  w.Append(payload);
  return w.Take();
}

struct TcpFields {
  uint16_t src_port = 40000;
  uint16_t dst_port = 502;
  uint32_t seq = 1000;
  uint32_t ack = 0;
  uint8_t flags = 0x18;  // PSH+ACK
};

inline Bytes Tcp(const TcpFields& f, ByteView payload) {
  ByteWriter w;
  w.U16Be(f.src_port);
  w.U16Be(f.dst_port);
  w.U32Be(f.seq);
  w.U32Be(f.ack);
  w.U8(0x50);
  w.U8(f.flags);
  w.U16Be(65535);
  w.U16Be(0);
  w.U16Be(0);
  w.Append(payload);
  return w.Take();
}

inline Bytes Udp(uint16_t src_port, uint16_t dst_port, ByteView payload) {
  ByteWriter w;
  w.U16Be(src_port);
  w.U16Be(dst_port);
  w.U16Be(static_cast<uint16_t>(8 + payload.size()));
  w.U16Be(0);
  w.Append(payload);
  return w.Take();
}

/// Ethernet/IPv4/TCP from 10.0.0.`src_host` to 10.0.0.`dst_host`.
inline Bytes TcpFrame(const TcpFields& t, ByteView payload,
                      uint8_t src_host = 1, uint8_t dst_host = 2) {
  Ipv4Fields ip;
  ip.src = Ip4(10, 0, 0, src_host);
  ip.dst = Ip4(10, 0, 0, dst_host);
  return Ethernet(0x0800, Ipv4(ip, Tcp(t, payload)));
}

/// Writes `frames` (1 ms apart) to a new pcap file `name` in `scratch` and
/// returns its path.
inline std::string WritePcap(const ScratchDir& scratch, const std::string& name,
                             const std::vector<Bytes>& frames,
                             int link_type = 1) {
  std::string path = scratch.Path(name);
  Result<PcapWriter> writer = PcapWriter::Create(path, link_type);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  if (!writer.ok()) return path;
  int64_t ts = 1700000000000000;
  for (const Bytes& f : frames) {
    EXPECT_TRUE(writer->Write(ts, f).ok());
    ts += 1000;
  }
  EXPECT_TRUE(writer->Close().ok());
  return path;
}

/// Records every event; per (flow, direction) it keeps the stream with gaps
/// written as "<gap N>".
class RecordingSink : public CaptureSink {
 public:
  void OnFlowStart(const FlowInfo& flow) override {
    flows.push_back(flow);
    events.push_back("start " + std::to_string(flow.id));
  }
  void OnStreamData(const FlowInfo& flow, Direction dir, int64_t,
                    ByteView data) override {
    streams[{flow.id, dir}] += std::string(data.begin(), data.end());
  }
  void OnStreamGap(const FlowInfo& flow, Direction dir, int64_t,
                   uint64_t missing) override {
    streams[{flow.id, dir}] += "<gap " + std::to_string(missing) + ">";
  }
  void OnFlowEnd(const FlowInfo& flow) override {
    events.push_back("end " + std::to_string(flow.id));
  }
  void OnDatagram(const FlowInfo& flow, Direction dir, int64_t,
                  ByteView payload) override {
    datagrams.push_back(
        std::to_string(flow.id) +
        (dir == Direction::kClientToServer ? " c2s " : " s2c ") +
        std::string(payload.begin(), payload.end()));
  }
  void OnWarning(const CaptureWarning& w) override {
    warnings.push_back(w.text);
  }

  std::string Stream(uint64_t flow, Direction dir) {
    return streams[{flow, dir}];
  }
  std::string AllWarnings() const {
    std::string all;
    for (const auto& w : warnings) all += w + "\n";
    return all;
  }

  std::vector<FlowInfo> flows;
  std::vector<std::string> events;
  std::map<std::pair<uint64_t, Direction>, std::string> streams;
  std::vector<std::string> datagrams;
  std::vector<std::string> warnings;
};

}  // namespace protolm::testing
