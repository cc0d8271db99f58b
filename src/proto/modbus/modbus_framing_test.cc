// Framing, resynchronisation and protocol detection of the Modbus codec.
#include <gtest/gtest.h>

#include <optional>

#include "proto/modbus/modbus_codec.h"

namespace protolm {
namespace {

Bytes Hex(const char* text) {
  Result<Bytes> bytes = FromHex(text);
  EXPECT_TRUE(bytes.ok()) << text;
  return bytes.ok() ? *bytes : Bytes{};
}

TEST(ModbusCodecTest, NameAndPort) {
  EXPECT_EQ(modbus::ModbusCodec().name(), "modbus");
  ASSERT_EQ(modbus::ModbusCodec().well_known_ports().size(), 1u);
  EXPECT_EQ(modbus::ModbusCodec().well_known_ports()[0], 502);
}

TEST(FrameTest, NeedsTheLengthFieldThenTheWholeAdu) {
  const Codec& codec = modbus::ModbusCodec();
  EXPECT_EQ(codec.Frame({}).kind, FrameResult::Kind::kNeedMore);
  EXPECT_EQ(codec.Frame(Hex("000100")).kind, FrameResult::Kind::kNeedMore);
  const FrameResult no_length = codec.Frame(Hex("0001000000"));
  EXPECT_EQ(no_length.kind, FrameResult::Kind::kNeedMore);
  EXPECT_EQ(no_length.length, 0u);
  const FrameResult partial = codec.Frame(Hex("000100000006 01 03"));
  EXPECT_EQ(partial.kind, FrameResult::Kind::kNeedMore);
  EXPECT_EQ(partial.length, 12u);
}

TEST(FrameTest, FramesTheFirstOfSeveralAdus) {
  // Two requests and the start of a third in one segment.
  const Bytes stream =
      Hex("000100000006010300000001 000100000006010300000002 0001");
  const FrameResult first = modbus::ModbusCodec().Frame(stream);
  EXPECT_EQ(first.kind, FrameResult::Kind::kFrame);
  EXPECT_EQ(first.length, 12u);
  // fuzz-72.pcap: an MBAP length of 4 in front of 6 bytes of PDU.
  const FrameResult short_length =
      modbus::ModbusCodec().Frame(Hex("000000000004012100000000"));
  EXPECT_EQ(short_length.kind, FrameResult::Kind::kFrame);
  EXPECT_EQ(short_length.length, 10u);
}

TEST(FrameTest, RejectsWhatTsharkRejects) {
  EXPECT_EQ(modbus::ModbusCodec().Frame(Hex("000100010006010300000001")).kind,
            FrameResult::Kind::kInvalid);  // protocol id 1
  EXPECT_EQ(modbus::ModbusCodec().Frame(Hex("0001000000010103")).kind,
            FrameResult::Kind::kInvalid);  // length 1
}

TEST(ResyncTest, FindsTheFirstTrustworthyHeader) {
  const Codec& codec = modbus::ModbusCodec();
  EXPECT_EQ(codec.Resync(Hex("ffff 000100000006010300000001")),
            std::optional<size_t>(2));
  EXPECT_EQ(codec.Resync(Hex("000100000006010300000001")),
            std::optional<size_t>(0));
  EXPECT_EQ(codec.Resync(Bytes(64, 0x00)), std::nullopt);
  EXPECT_EQ(codec.Resync(Hex("0001000000")), std::nullopt);
}

TEST(ResyncTest, SkipsAHeaderWhoseSuccessorIsImplausible) {
  // At 0 a header announces 8 bytes, but the "header" after them has
  // protocol id 0xeeee; the real ADU starts at 16.
  const Bytes stream = Hex(
      "aaaa 0000 0002 01 03  eeee eeee eeee eeee  000100000006010300000001");
  EXPECT_EQ(modbus::ModbusCodec().Resync(stream), std::optional<size_t>(16));
}

TEST(DetectScoreTest, RanksByHowMuchTheBytesAgree) {
  const Codec& codec = modbus::ModbusCodec();
  EXPECT_EQ(codec.DetectScore(Hex("000100000006010300000001")), 90);
  EXPECT_EQ(codec.DetectScore(Hex("0001000000060103")), 60);  // incomplete
  EXPECT_EQ(codec.DetectScore(Hex("000100000006016300000001")), 30);
  EXPECT_EQ(codec.DetectScore(Hex("000100000104010300000001")), 10);
  EXPECT_EQ(codec.DetectScore(Hex("00010000")), 5);
  EXPECT_EQ(codec.DetectScore(Hex("000100050006010300000001")), 0);
  EXPECT_EQ(codec.DetectScore(Hex("160301020001")), 0);  // TLS record
}

}  // namespace
}  // namespace protolm
