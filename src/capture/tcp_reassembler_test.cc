// Tests of TcpStreamReassembler: ordering, retransmission, overlap, gaps
// (by acknowledgement, reorder window, buffer limit, flush), wraparound and
// mid-stream starts.
#include "capture/tcp_reassembler.h"

#include <string>

#include "gtest/gtest.h"

namespace protolm {
namespace {

class StringOutput : public TcpStreamReassembler::Output {
 public:
  void Data(int64_t, ByteView bytes) override {
    text += std::string(bytes.begin(), bytes.end());
  }
  void Gap(int64_t, uint64_t missing) override {
    text += "<gap " + std::to_string(missing) + ">";
  }
  std::string text;
};

class TcpReassemblerTest : public ::testing::Test {
 protected:
  void Add(uint32_t seq, const std::string& data, bool syn = false,
           bool fin = false) {
    reassembler_.AddSegment(
        0, seq, syn, fin,
        ByteView(reinterpret_cast<const uint8_t*>(data.data()), data.size()),
        out_);
  }

  TcpReassemblyLimits limits_;
  TcpReassemblyStats stats_;
  TcpStreamReassembler reassembler_{limits_, stats_};
  StringOutput out_;
};

TEST_F(TcpReassemblerTest, DeliversInOrderAfterSyn) {
  Add(100, "", /*syn=*/true);
  Add(101, "abc");
  Add(104, "def");
  EXPECT_EQ(out_.text, "abcdef");
  EXPECT_EQ(reassembler_.syn_seq(), 100u);
}

TEST_F(TcpReassemblerTest, BuffersOutOfOrderUntilTheHoleFills) {
  Add(1000, "ab");
  Add(1004, "ef");
  Add(1006, "gh");
  EXPECT_EQ(out_.text, "ab");
  Add(1002, "cd");
  EXPECT_EQ(out_.text, "abcdefgh");
  EXPECT_EQ(stats_.out_of_order_segments, 2u);
  EXPECT_EQ(stats_.buffered_bytes, 0u);
}

TEST_F(TcpReassemblerTest, DropsRetransmittedBytes) {
  Add(1000, "abcd");
  Add(1000, "abcd");
  Add(1002, "cdef");  // half old, half new
  EXPECT_EQ(out_.text, "abcdef");
  EXPECT_EQ(stats_.retransmitted_bytes, 6u);
}

TEST_F(TcpReassemblerTest, OverlappingBufferedDataKeepsTheFirstCopy) {
  Add(1000, "a");
  Add(1003, "XYZ");    // buffered first
  Add(1002, "cdefg");  // overlaps it: only 'c' and 'g' are new
  Add(1001, "b");
  EXPECT_EQ(out_.text, "abcXYZg");
  EXPECT_EQ(stats_.retransmitted_bytes, 3u);
}

TEST_F(TcpReassemblerTest, SequenceNumbersWrapAround) {
  Add(0xFFFFFFFE, "", /*syn=*/true);
  Add(0xFFFFFFFF, "ab");  // ends at 1 after wrapping
  Add(3, "ef");
  Add(1, "cd");
  EXPECT_EQ(out_.text, "abcdef");
}

TEST_F(TcpReassemblerTest, MidStreamStartsAtFirstDataSegment) {
  Add(5000, "", false, false);  // a pure ACK does not anchor the stream
  EXPECT_FALSE(reassembler_.started());
  Add(7000, "xy");
  Add(7002, "z");
  EXPECT_EQ(out_.text, "xyz");
}

TEST_F(TcpReassemblerTest, PeerAckPastAHoleGivesItUp) {
  Add(1000, "ab");
  Add(1005, "fg");
  reassembler_.OnPeerAck(0, 1003, out_);  // acknowledges only part of the hole
  EXPECT_EQ(out_.text, "ab");
  reassembler_.OnPeerAck(0, 1007, out_);
  EXPECT_EQ(out_.text, "ab<gap 3>fg");
  EXPECT_EQ(stats_.lost_bytes, 3u);
  Add(1002, "cde");  // too late: its place was given up
  EXPECT_EQ(out_.text, "ab<gap 3>fg");
}

TEST_F(TcpReassemblerTest, AbsurdAckIsIgnored) {
  Add(1000, "ab");
  Add(1005, "fg");
  reassembler_.OnPeerAck(0, 1000 + 0x40000000, out_);
  EXPECT_EQ(out_.text, "ab");
}

TEST_F(TcpReassemblerTest, SegmentFarPastTheHoleGivesItUp) {
  Add(1000, "ab");
  Add(1010, "kl");
  Add(1002 + limits_.reorder_window + 1, "zz");
  EXPECT_EQ(out_.text, "ab<gap 8>kl<gap " +
                           std::to_string(limits_.reorder_window - 9) + ">zz");
  Add(1012, "mn");  // behind the jump: dropped
  EXPECT_EQ(stats_.retransmitted_bytes, 2u);
}

TEST_F(TcpReassemblerTest, BufferLimitGivesUpTheHole) {
  limits_.max_buffered_bytes = 200;
  Add(1000, "a");
  Add(1002, std::string(100, 'x'));
  EXPECT_EQ(out_.text, "a");
  Add(1102, std::string(100, 'y'));  // over the limit
  EXPECT_EQ(out_.text,
            "a<gap 1>" + std::string(100, 'x') + std::string(100, 'y'));
}

TEST_F(TcpReassemblerTest, FlushReportsHolesAndFinishedNeedsTheFin) {
  Add(1000, "ab");
  Add(1004, "ef", false, /*fin=*/true);
  EXPECT_FALSE(reassembler_.finished());
  reassembler_.Flush(0, out_);
  EXPECT_EQ(out_.text, "ab<gap 2>ef");
  EXPECT_TRUE(reassembler_.finished());
}

}  // namespace
}  // namespace protolm
