// Malformed and hostile inputs: each gives the status that names the fault
// and its byte offset, a partial tree where one can be read, and never a
// crash (the sanitizer build checks that every read stays in bounds).
#include <gtest/gtest.h>

#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"
#include "proto/s7comm/s7comm_codec.h"
#include "proto/s7comm/s7comm_test_util.h"

namespace protolm::s7comm {
namespace {

using testing::DissectChecked;
using testing::Hex;

constexpr char kSetupJob[] =
    "0300001902f08032010000020000080000f0000001000101e0";

Dissection Dissect(std::string_view hex) {
  Bytes b = Hex(hex);
  return DissectChecked(b, Direction::kClientToServer);
}

FrameResult Frame(std::string_view hex) {
  Bytes b = Hex(hex);
  return S7commCodec().Frame(b);
}

void ExpectFault(std::string_view hex, StatusCode code,
                 const std::string& message) {
  Dissection d = Dissect(hex);
  EXPECT_EQ(d.status.code(), code) << d.status.ToString();
  EXPECT_EQ(d.status.message(), message);
}

TEST(S7commMalformed, TruncatedTpkt) {
  EXPECT_EQ(Frame("0300").kind, FrameResult::Kind::kNeedMore);
  ExpectFault("0300", StatusCode::kTruncated,
              "TPKT: offset 0: header needs 4 bytes, 2 left");
  FrameResult half = Frame(std::string(kSetupJob).substr(0, 30));
  EXPECT_EQ(half.kind, FrameResult::Kind::kNeedMore);
  EXPECT_EQ(half.length, 25u);
}

TEST(S7commMalformed, TpktLengthBelowSevenOrWrongVersion) {
  EXPECT_EQ(Frame("0300000502f0").kind, FrameResult::Kind::kInvalid);
  ExpectFault("0300000502f0", StatusCode::kMalformed,
              "TPKT: offset 2: length 5 is below the minimum of 7");
  EXPECT_EQ(Frame("0400001902f080").kind, FrameResult::Kind::kInvalid);
  ExpectFault("0400000702f080", StatusCode::kMalformed,
              "TPKT: offset 0: version 4, expected 3");
  ExpectFault("0305000702f080", StatusCode::kMalformed,
              "TPKT: offset 1: reserved byte is 0x05, expected 0x00");
}

TEST(S7commMalformed, TpktLengthPastTheEnd) {
  FrameResult f = Frame("0300ffff02f08032");
  EXPECT_EQ(f.kind, FrameResult::Kind::kNeedMore);
  EXPECT_EQ(f.length, 65535u);
  ExpectFault("0300ffff02f08032", StatusCode::kTruncated,
              "TPKT: offset 2: length 65535 runs past the end of the input "
              "(8 bytes left)");
}

TEST(S7commMalformed, CotpLengthIndicatorPastTheEnd) {
  ExpectFault("0300000711f000", StatusCode::kMalformed,
              "COTP: offset 4: length indicator 17 runs past the end of the "
              "TPKT unit (2 bytes left)");
  ExpectFault("0300000702 3000", StatusCode::kMalformed,
              "COTP: offset 5: unknown TPDU type 0x30");
  ExpectFault("0300000c07e00000000f00c1", StatusCode::kMalformed,
              "COTP: offset 11: a parameter needs 2 bytes (code, length) but "
              "the header has 1 left");
}

TEST(S7commMalformed, ParameterLengthPastTheEnd) {
  Dissection d = Dissect("0300001902f08032010000020000200000f0000001000101e0");
  EXPECT_EQ(d.status.code(), StatusCode::kMalformed);
  EXPECT_EQ(d.status.message(),
            "s7comm: offset 13: parameter length 32 runs past the end of the "
            "PDU (8 bytes left)");
  // The partial tree still says what the header said.
  EXPECT_EQ(d.tree.name, "s7comm.job");
  EXPECT_EQ(d.tree.NumberAt("header.param_len"), 32);
  EXPECT_EQ(d.tree.Find("param"), nullptr);
  EXPECT_EQ(d.info.role, PduRole::kRequest);
  EXPECT_EQ(d.info.pair_key, 0x0200u);
}

TEST(S7commMalformed, DataLengthPastTheEndAndTrailingBytes) {
  ExpectFault("0300001902f08032010000020000080005f0000001000101e0",
              StatusCode::kMalformed,
              "s7comm: offset 15: data length 5 runs past the end of the PDU "
              "(0 bytes after the parameter)");
  ExpectFault("0300001b02f08032010000020000080000f0000001000101e0abcd",
              StatusCode::kMalformed,
              "s7comm: offset 25: 2 bytes follow the data part that the "
              "header's lengths announce");
}

TEST(S7commMalformed, ItemCountTooLarge) {
  Dissection d =
      Dissect("0300001f02f080320100000000000e00000402120a10020040000184000000");
  EXPECT_EQ(d.status.message(),
            "s7comm: offset 31: item 2 of 2: the parameter ends (item count 2 "
            "is more than the parameter holds)");
  // Item 1 was read and stays in the tree.
  EXPECT_EQ(d.tree.Find("param.items.item.area")->value, "db");
  EXPECT_EQ(d.info.function, "read_var");
}

TEST(S7commMalformed, DataLengthsInconsistent) {
  ExpectFault("0300001d02f0803203000000000002000800000401ff04008001020304",
              StatusCode::kMalformed,
              "s7comm: offset 23: data item 1 of 1: value of 16 bytes runs "
              "past the end of the data part (4 bytes left)");
  ExpectFault("0300001d02f0803203000000000002000800000401ff04000c01020304",
              StatusCode::kMalformed,
              "s7comm: offset 23: data item 1 of 1: length 12 bits is not a "
              "whole number of bytes");
  ExpectFault("0300001702f0803203000000020002000200000501ffff",
              StatusCode::kMalformed,
              "s7comm: offset 15: write var response has 2 return codes for 1 "
              "items");
  ExpectFault(
      "0300002102f080320700000300000800080001120411440100ff09000501320004",
      StatusCode::kMalformed,
      "s7comm: offset 27: userdata data length field 5 disagrees with the "
      "header's data length 8 (expects 4)");
}

TEST(S7commMalformed, FillByteMustBeZero) {
  Result<Bytes> b =
      FrameS7Pdu(ReadVarAckData(1, {ByteData({1}), ByteData({2})}));
  ASSERT_TRUE(b.ok());
  Bytes bad = *b;
  bad[26] = 0x5a;  // the fill byte after the first 1-byte value
  Dissection d = DissectChecked(bad, Direction::kServerToClient);
  EXPECT_EQ(d.status.message(),
            "s7comm: offset 26: data item 1 of 2: the fill byte after its "
            "odd-length value is 0x5a, expected 0x00");
}

TEST(S7commMalformed, EotBitsOfASplitPdu) {
  Result<Bytes> split =
      FrameS7Pdu(SetupCommunicationJob(0x0200, 1, 1, 480), 10);
  ASSERT_TRUE(split.ok());
  Bytes early = *split;
  early[6] |= 0x80;  // EOT on the first of two units
  Dissection d = DissectChecked(early, Direction::kClientToServer);
  EXPECT_EQ(d.status.message(),
            "COTP: offset 0: DT unit 1 of 2 has EOT set; only the last may");
  ExpectFault("0300001902f00032010000020000080000f0000001000101e0",
              StatusCode::kMalformed,
              "COTP: offset 0: the last DT unit has EOT clear; the PDU "
              "continues past this input");
  EXPECT_EQ(Frame("0300001902f00032010000020000080000f0000001000101e0").kind,
            FrameResult::Kind::kNeedMore);
}

TEST(S7commMalformed, ReassemblyIsBounded) {
  Bytes stream;
  for (int unit = 0; unit < 2; ++unit) {
    Result<Bytes> b = FrameTpdu(CotpData(Bytes(65000, 0x32), false));
    ASSERT_TRUE(b.ok());
    stream.insert(stream.end(), b->begin(), b->end());
  }
  EXPECT_EQ(S7commCodec().Frame(stream).kind, FrameResult::Kind::kInvalid);
  Dissection d = DissectChecked(stream, Direction::kClientToServer);
  EXPECT_EQ(d.status.message(),
            "COTP: offset 65007: joined DT data exceeds 65536 bytes");
}

TEST(S7commMalformed, PayloadThatIsNotS7) {
  ExpectFault("0300000802f08099", StatusCode::kMalformed,
              "s7comm: offset 7: protocol id 0x99, expected 0x32 (S7comm) or "
              "0x72 (S7comm-plus)");
  Dissection plus = Dissect("0300000b02f08072010000");
  EXPECT_TRUE(plus.status.ok()) << plus.status.ToString();
  EXPECT_EQ(plus.tree.name, "s7comm_plus");
  EXPECT_EQ(plus.info.function, "s7comm_plus");
  ExpectFault("0300001102f08032090000000000000000", StatusCode::kMalformed,
              "s7comm: offset 8: unknown ROSCTR 0x09 (known: 1 job, 2 ack, 3 "
              "ack_data, 7 userdata)");
}

TEST(S7commMalformed, ResyncAndDetect) {
  const Codec& codec = S7commCodec();
  Bytes stream = Hex(std::string("00112233030000") + kSetupJob);
  EXPECT_EQ(codec.Resync(stream), 7u);
  EXPECT_EQ(codec.Resync(Hex("0011223344")), std::nullopt);
  EXPECT_GE(codec.DetectScore(Hex(kSetupJob)), 90);
  EXPECT_EQ(codec.DetectScore(Hex("474554202f20485454502f312e310d0a")), 0);
  // TPKT + COTP CR without TSAPs (an RDP client): possible, not likely.
  EXPECT_LE(codec.DetectScore(Hex("0300001306e00000000000436f6f6b69653a")), 30);
}

TEST(S7commMalformed, MutatedAndTruncatedMessagesNeverCrash) {
  const char* seeds[] = {
      kSetupJob, "0300001611e00000000f00c1020100c2020102c0010a",
      "0300005102f080320700000300000c0034000112081284010100000000ff0900300132"
      "00040028000100040001000000010002000000005656bc04a3d58401d6b20200000000"
      "0000000000000000000000",
      "0300004f02f080320100001b00003e00000405120a10020010000083000000120a1002"
      "0010000081000000120a10020010000082000000120a101d000800001d000000120a10"
      "1c000800001c000000",
      "0300002702f080320100000002000e00080501120a1002000400008300000000040020"
      "a9100001"};
  const Codec& codec = S7commCodec();
  size_t decoded_ok = 0;
  for (const char* seed : seeds) {
    Bytes original = Hex(seed);
    for (size_t len = 0; len <= original.size(); ++len) {
      ByteView cut(original.data(), len);
      (void)codec.Frame(cut);
      (void)codec.Resync(cut);
      (void)DissectChecked(cut, Direction::kClientToServer);
    }
    for (size_t i = 0; i < original.size(); ++i) {
      for (uint8_t v :
           {uint8_t{0x00}, uint8_t{0xff}, uint8_t(original[i] ^ 0x80),
            uint8_t(original[i] + 1)}) {
        Bytes m = original;
        m[i] = v;
        (void)codec.Frame(m);
        (void)codec.DetectScore(m);
        Dissection d = DissectChecked(m, Direction::kServerToClient);
        if (d.status.ok()) {
          ++decoded_ok;
          testing::ExpectRoundTrip(m);
        } else {
          EXPECT_EQ(d.status.message().find('\n'), std::string::npos);
        }
      }
    }
  }
  EXPECT_GT(decoded_ok, 0u);
}

}  // namespace
}  // namespace protolm::s7comm
