// Agreement with tshark: on every capture in the shared data set, simple
// length-prefix framers run over ReadCapture's streams find as many Modbus
// ADUs and S7comm PDUs as tshark 4.0 dissects (the expected numbers are
// tshark's, counted with `-T fields -e mbtcp.trans_id` / `-e
// s7comm.header.rosctr`). The files include fuzzed captures with
// retransmissions, out-of-order segments, mid-stream starts and corrupt
// sequence numbers, so this pins down the reassembler's gap policy.
//
// The framers mimic how Wireshark frames a stream: PDUs are cut by their
// length prefix; a header that does not check out discards the rest of the
// bytes at hand (Wireshark drops the rest of the segment); after a gap the
// framer skips ahead to the next offset where a header is plausible.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "capture/capture_reader.h"
#include "gtest/gtest.h"

namespace protolm {
namespace {

/// Counts length-prefixed PDUs in one direction of a stream.
class LengthPrefixFramer {
 public:
  virtual ~LengthPrefixFramer() = default;

  void Data(ByteView chunk) {
    buffer_.insert(buffer_.end(), chunk.begin(), chunk.end());
    if (after_gap_) {
      size_t at = 0;
      while (at + header_size() <= buffer_.size() &&
             !Plausible(ByteView(buffer_).subspan(at))) {
        ++at;
      }
      buffer_.erase(buffer_.begin(), buffer_.begin() + at);
      if (buffer_.size() < header_size()) return;
      after_gap_ = false;
    }
    while (buffer_.size() >= header_size()) {
      ByteView view(buffer_);
      if (!Valid(view)) {
        buffer_.clear();
        return;
      }
      size_t length = Length(view);
      if (buffer_.size() < length) return;
      OnPdu(view.first(length));
      buffer_.erase(buffer_.begin(), buffer_.begin() + length);
    }
  }

  void Gap() {
    buffer_.clear();
    after_gap_ = true;
    OnGap();
  }

  int count() const { return count_; }

 protected:
  virtual size_t header_size() const = 0;
  /// The header at the start of `bytes` can be framed.
  virtual bool Valid(ByteView bytes) const = 0;
  /// A stricter check used to find a PDU start after a gap.
  virtual bool Plausible(ByteView bytes) const = 0;
  virtual size_t Length(ByteView bytes) const = 0;
  virtual void OnPdu(ByteView pdu) = 0;
  virtual void OnGap() {}

  int count_ = 0;

 private:
  Bytes buffer_;
  bool after_gap_ = false;
};

/// Modbus/TCP: MBAP header, protocol id 0, length at bytes 4-5.
class MbapFramer : public LengthPrefixFramer {
 protected:
  size_t header_size() const override { return 6; }
  static uint16_t U16(ByteView b, size_t at) {
    return static_cast<uint16_t>(b[at] << 8 | b[at + 1]);
  }
  bool Valid(ByteView b) const override {
    return U16(b, 2) == 0 && U16(b, 4) >= 2;
  }
  bool Plausible(ByteView b) const override {
    return Valid(b) && U16(b, 4) <= 254;
  }
  size_t Length(ByteView b) const override { return 6u + U16(b, 4); }
  void OnPdu(ByteView) override { ++count_; }
};

/// S7comm over TPKT (RFC 1006) and COTP data units: an S7 PDU is the
/// payload of one or more DT units, the last with the EOT bit.
class TpktFramer : public LengthPrefixFramer {
 protected:
  size_t header_size() const override { return 4; }
  bool Valid(ByteView b) const override {
    return b[0] == 3 && b[1] == 0 && Length(b) >= 7;
  }
  bool Plausible(ByteView b) const override { return Valid(b); }
  size_t Length(ByteView b) const override {
    return static_cast<size_t>(b[2] << 8 | b[3]);
  }
  void OnPdu(ByteView tpkt) override {
    uint8_t li = tpkt[4];
    bool data_unit = tpkt.size() >= 7 && (tpkt[5] & 0xF0) == 0xF0;
    if (!data_unit || 5u + li > tpkt.size()) return;
    bool end_of_pdu = (tpkt[6] & 0x80) != 0;
    ByteView payload = tpkt.subspan(5u + li);
    pending_ += payload.size();
    if (end_of_pdu) {
      if (pending_ > 0) ++count_;
      pending_ = 0;
    }
  }
  void OnGap() override { pending_ = 0; }

 private:
  size_t pending_ = 0;
};

class CountingSink : public CaptureSink {
 public:
  explicit CountingSink(
      std::function<std::unique_ptr<LengthPrefixFramer>()> make_framer)
      : make_framer_(std::move(make_framer)) {}

  void OnStreamData(const FlowInfo& flow, Direction dir, int64_t,
                    ByteView data) override {
    Framer(flow, dir).Data(data);
  }
  void OnStreamGap(const FlowInfo& flow, Direction dir, int64_t,
                   uint64_t) override {
    Framer(flow, dir).Gap();
  }
  int Total() const {
    int total = 0;
    for (const auto& [key, framer] : framers_) total += framer->count();
    return total;
  }

 private:
  LengthPrefixFramer& Framer(const FlowInfo& flow, Direction dir) {
    auto& slot = framers_[{flow.id, dir}];
    if (!slot) slot = make_framer_();
    return *slot;
  }

  std::function<std::unique_ptr<LengthPrefixFramer>()> make_framer_;
  std::map<std::pair<uint64_t, Direction>, std::unique_ptr<LengthPrefixFramer>>
      framers_;
};

struct Expected {
  const char* file;
  int count;
};

int CountPdus(const std::string& file, bool modbus) {
  CountingSink sink([modbus]() -> std::unique_ptr<LengthPrefixFramer> {
    if (modbus) return std::make_unique<MbapFramer>();
    return std::make_unique<TpktFramer>();
  });
  CaptureOptions options;
  uint16_t port = modbus ? 502 : 102;
  options.is_server_port = [port](uint16_t p) { return p == port; };
  std::string path = std::string(PROTOLM_SHARED_DATA_DIR) + "/pcaps/" + file;
  Result<CaptureStats> stats = ReadCapture(path, options, sink);
  EXPECT_TRUE(stats.ok()) << stats.status().ToString();
  return sink.Total();
}

TEST(CaptureTsharkCounts, ModbusAdusMatchTshark) {
  const Expected expected[] = {
      {"modbus/fuzz-1011.pcap", 4},
      {"modbus/fuzz-72.pcap", 17},
      {"modbus/modbusSmall.pcap", 32},
      {"modbus/modbus_test_data_part1.pcap", 45},
      {"modbus/modbus_test_data_part2.pcap", 281},
  };
  for (const Expected& e : expected) {
    EXPECT_EQ(CountPdus(e.file, /*modbus=*/true), e.count) << e.file;
  }
}

TEST(CaptureTsharkCounts, S7commPdusMatchTshark) {
  const Expected expected[] = {
      {"s7comm/s7comm_reading_plc_status.pcap", 144},
      {"s7comm/s7comm_varservice_libnodavedemo.pcap", 16},
      {"s7comm/snap7_s300_everything.pcapng", 64},
      {"s7comm/snap7_s300_readVar.pcapng", 2},
      {"s7comm/snap7_s300_setupCommunication.pcapng", 2},
      {"s7comm/step7_s300_rwVarTab.pcapng", 16},
  };
  for (const Expected& e : expected) {
    EXPECT_EQ(CountPdus(e.file, /*modbus=*/false), e.count) << e.file;
  }
}

}  // namespace
}  // namespace protolm
