// PduFramer: PDUs come out whole however the stream is chunked, and framing
// recovers after lost or rejected bytes.
#include "ingest/pdu_framer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "proto/registry/codec_registry.h"

namespace protolm {
namespace {

// Read holding registers request and its response (Modbus spec example).
const char kRequest[] = "000100000006110300 6b0003";
const char kResponse[] = "000100000009110306022b00000064";

Bytes Hex(std::string text) {
  std::erase(text, ' ');
  return FromHex(text).value();
}

struct Collected {
  std::vector<std::string> pdus;
  PduFramer::OnPdu sink() {
    return [this](ByteView pdu) { pdus.push_back(ToHex(pdu)); };
  }
};

class PduFramerTest : public ::testing::Test {
 protected:
  PduFramer framer_{*FindCodec("modbus")};
  Collected got_;
};

TEST_F(PduFramerTest, SeveralPdusInOneChunk) {
  Bytes stream = Hex(kRequest);
  Bytes second = Hex(kResponse);
  stream.insert(stream.end(), second.begin(), second.end());
  framer_.Feed(stream, got_.sink());
  ASSERT_EQ(got_.pdus.size(), 2u);
  EXPECT_EQ(got_.pdus[1], ToHex(second));
  EXPECT_EQ(framer_.skipped_bytes(), 0u);
}

TEST_F(PduFramerTest, OnePduOverManyChunks) {
  Bytes pdu = Hex(kResponse);
  for (size_t i = 0; i < pdu.size(); ++i) {
    framer_.Feed(ByteView(&pdu[i], 1), got_.sink());
    EXPECT_EQ(got_.pdus.size(), i + 1 == pdu.size() ? 1u : 0u);
  }
  EXPECT_EQ(got_.pdus[0], ToHex(pdu));
}

TEST_F(PduFramerTest, ResynchronisesAfterAGap) {
  Bytes pdu = Hex(kResponse);
  framer_.Feed(ByteView(pdu).first(5), got_.sink());  // half a PDU, then loss
  framer_.Gap();
  Bytes tail(pdu.begin() + 13, pdu.end());  // the rest of the lost PDU
  Bytes next = Hex(kRequest);
  tail.insert(tail.end(), next.begin(), next.end());
  framer_.Feed(tail, got_.sink());
  ASSERT_EQ(got_.pdus.size(), 1u);
  EXPECT_EQ(got_.pdus[0], ToHex(next));
  EXPECT_EQ(framer_.skipped_bytes(), 5u + (pdu.size() - 13));
  EXPECT_EQ(framer_.resyncs(), 1u);
}

TEST_F(PduFramerTest, DropsTheRestOfAChunkWithARejectedHeader) {
  Bytes garbage = {0xde, 0xad, 0xbe, 0xef, 0xff, 0xff, 0xff};
  Bytes pdu = Hex(kRequest);
  Bytes chunk = garbage;
  chunk.insert(chunk.end(), pdu.begin(), pdu.end());
  framer_.Feed(chunk, got_.sink());  // Wireshark drops this whole segment
  EXPECT_TRUE(got_.pdus.empty());
  EXPECT_EQ(framer_.skipped_bytes(), chunk.size());
  framer_.Feed(pdu, got_.sink());  // the next segment frames again
  ASSERT_EQ(got_.pdus.size(), 1u);
  EXPECT_EQ(got_.pdus[0], ToHex(pdu));
}

TEST_F(PduFramerTest, MemoryStaysBoundedOnEndlessGarbage) {
  Bytes garbage(4096, 0xff);
  for (int i = 0; i < 256; ++i) framer_.Feed(garbage, got_.sink());
  EXPECT_TRUE(got_.pdus.empty());
  EXPECT_GE(framer_.skipped_bytes(), 256u * 4096 - 64);
}

}  // namespace
}  // namespace protolm
