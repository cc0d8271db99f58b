// Tests of one S7 connection to the simulated CPU 315-2 PN/DP: COTP
// connection handling, setup communication, SZL answers (byte for byte
// against the real CPU in snap7_s300_everything.pcapng), read/write var
// with their return codes, and the CPU functions.
#include <gtest/gtest.h>

#include "device/s7/s7_test_support.h"
#include "device/s7/szl_directory.h"
#include "proto/s7comm/s7_builders.h"

namespace protolm::device::s7 {
namespace {

using namespace protolm::s7comm;
using testing::DecodeReply;
using testing::Hex;
using testing::S7Device;

AnyPointer Item(Area area, ItemType type, uint16_t length, uint32_t byte,
                uint8_t bit = 0, uint16_t db = 0) {
  return AnyPointer{type, length, db, area, byte, bit};
}

/// The return code and value of the single item a read var answers.
DataItem ReadOne(S7Device& d, const AnyPointer& item) {
  S7Pdu answer = DecodeReply(d.Exchange(ReadVarJob(7, {item})));
  const auto* r = std::get_if<ReadVarResponse>(&answer.body);
  EXPECT_NE(r, nullptr);
  if (r == nullptr || r->items.size() != 1) return {};
  return r->items[0];
}

uint8_t WriteOne(S7Device& d, const AnyPointer& item, DataItem data) {
  S7Pdu answer =
      DecodeReply(d.Exchange(WriteVarJob(8, {item}, {std::move(data)})));
  const auto* w = std::get_if<WriteVarResponse>(&answer.body);
  EXPECT_NE(w, nullptr);
  return (w == nullptr || w->return_codes.size() != 1) ? 0 : w->return_codes[0];
}

/// The SZL answer or error of a read SZL.
Userdata ReadSzl(S7Device& d, uint16_t id, uint16_t index) {
  S7Pdu answer = DecodeReply(d.Exchange(SzlReadRequest(9, id, index)));
  const auto* u = std::get_if<Userdata>(&answer.body);
  EXPECT_NE(u, nullptr);
  return u ? *u : Userdata{};
}

uint16_t SzlError(const Userdata& u) {
  return u.param.continuation ? u.param.continuation->error_code : 0xffff;
}

TEST(S7SessionTest, ConnectConfirmEchoesTsapsAndTpduSizeAsTheCpuDoes) {
  S7Device d(S7Device::Builtin());
  net::Reply r = d.Send(testing::kNmapConnect);
  EXPECT_FALSE(r.close_after);
  // CC: dst-ref = the CR's src-ref, params tpdu-size, src-tsap, dst-tsap.
  EXPECT_EQ(ToHex(r.bytes), "0300001611d00014000300c0010ac1020100c2020102");
}

TEST(S7SessionTest, UnknownTsapGetsDisconnectRequestAndClose) {
  S7Device d(S7Device::Builtin());
  net::Reply r = d.Send("0300001611e00000001400c1020100c2020107c0010a");
  EXPECT_TRUE(r.close_after);
  ASSERT_GE(r.bytes.size(), 6u);
  EXPECT_EQ(r.bytes[5], 0x80) << "a DR, got " << ToHex(r.bytes);
}

TEST(S7SessionTest, DataBeforeConnectCloses) {
  S7Device d(S7Device::Builtin());
  net::Reply r = d.Send(testing::kNmapSetup);
  EXPECT_TRUE(r.close_after);
  EXPECT_TRUE(r.bytes.empty());
}

TEST(S7SessionTest, JobBeforeSetupCommunicationCloses) {
  S7Device d(S7Device::Builtin());
  ASSERT_FALSE(d.Send(testing::kNmapConnect).close_after);
  Result<Bytes> read =
      FrameS7Pdu(ReadVarJob(1, {Item(Area::kFlags, ItemType::kByte, 1, 0)}));
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(d.Send(*read).close_after);
}

TEST(S7SessionTest, SecondConnectRequestCloses) {
  S7Device d(S7Device::Builtin());
  ASSERT_FALSE(d.Send(testing::kNmapConnect).close_after);
  EXPECT_TRUE(d.Send(testing::kNmapConnect).close_after);
}

TEST(S7SessionTest, DisconnectRequestIsConfirmed) {
  S7Device d(S7Device::Builtin());
  d.Connect();
  Result<Bytes> dr = FrameTpdu(CotpDisconnectRequest(0x0003, 0x0014, 0x80));
  ASSERT_TRUE(dr.ok());
  net::Reply r = d.Send(*dr);
  EXPECT_TRUE(r.close_after);
  ASSERT_GE(r.bytes.size(), 6u);
  EXPECT_EQ(r.bytes[5], 0xc0) << ToHex(r.bytes);
}

TEST(S7SessionTest, EmptyDataUnitIsIgnored) {
  S7Device d(S7Device::Builtin());
  d.Connect();
  net::Reply r = d.Send("0300000702f000");
  EXPECT_FALSE(r.close_after);
  EXPECT_TRUE(r.bytes.empty());
}

TEST(S7SessionTest, SetupCommunicationAnswersTheSmallerPduSize) {
  S7Device d(S7Device::Builtin());
  ASSERT_FALSE(d.Send(testing::kNmapConnect).close_after);
  // Asked 480, the CPU 315-2 PN/DP answers 240 (capture frames 1-2).
  EXPECT_EQ(ToHex(d.Send(testing::kNmapSetup).bytes),
            "0300001b02f080320300000000000800000000f0000001000100f0");
  S7Pdu smaller = DecodeReply(d.Exchange(SetupCommunicationJob(5, 1, 1, 200)));
  const auto* s = std::get_if<SetupCommunication>(&smaller.body);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->pdu_length, 200);
}

/// Replays capture frames (client request, CPU answer) of
/// snap7_s300_everything.pcapng; byte 25 of fragmented answers is the data
/// unit reference, which the CPU numbers its own way.
TEST(S7SessionTest, SzlAnswersEqualTheCapturedCpu315) {
  DeviceProfile profile = S7Device::Builtin();
  profile.s7.identity.plant_id.clear();  // the captured CPU has none
  S7Device d(profile);
  ASSERT_FALSE(
      d.Send("0300001611e00000000f00c1020100c2020102c0010a").close_after);
  ASSERT_FALSE(
      d.Send("0300001902f08032010000000000080000f0000001000101e0").close_after);
  struct Frame {
    const char* request;
    const char* answer;
  };
  const Frame frames[] = {
      {"0300002102f080320700000100000800080001120411440100ff09000400"
       "110000",
       "0300009902f080320700000100000c007c000112081284010200000000ff"
       "09007800110000001c0004000136455337203331352d32454831342d3041"
       "42302000c000030001000636455337203331352d32454831342d30414230"
       "2000c0000300010007202020202020202020202020202020202020202000"
       "c0560302070081426f6f74204c6f61646572202020202020202020000041"
       "200909"},
      {"0300002102f080320700000200000800080001120411440100ff09000400"
       "1c0000",
       "030000f702f080320700000200000c00da0001120812840102d5010000ff"
       "0900d6001c00000022000a000153373330302f45543230304d2073746174"
       "696f6e5f31000000000000000000000002504c435f310000000000000000"
       "000000000000000000000000000000000000000003000000000000000000"
       "000000000000000000000000000000000000000000000000044f72696769"
       "6e616c205369656d656e732045717569706d656e74000000000000000553"
       "20432d423155333933313432303131000000000000000000000000000000"
       "000007435055203331352d3220504e2f4450000000000000000000000000"
       "00000000000008"},
      {"0300002102f080320700000300000c00040001120812440102000000000a"
       "000000",
       "030000a702f080320700000300000c008a0001120812840102d5000000ff"
       "0900864d4d43203441314143303139000000000000000000000000000000"
       "00000000000009002af60000010000000000000000000000000000000000"
       "000000000000000000000a00000000000000000000000000000000000000"
       "00000000000000000000000000000b000000000000000000000000000000"
       "0000000000000000000000000000000000"},
      {"0300002102f080320700000400000800080001120411440100ff09000401"
       "310001",
       "0300005102f080320700000400000c0034000112081284010200000000ff"
       "0900300131000100280001000100f0001000b71b000002dc6c05f5e10000"
       "000000000000000000000000000000000000000000"},
      {"0300002102f080320700000500000800080001120411440100ff09000404"
       "240000",
       "0300003d02f080320700000500000c0020000112081284010200000000ff"
       "09001c04240000001400015144ff08000000000000000016020814513756"
       "92"},
  };
  for (const Frame& f : frames) {
    net::Reply r = d.Send(f.request);
    EXPECT_FALSE(r.close_after);
    Bytes expected = Hex(f.answer);
    if (expected.size() > 25 && r.bytes.size() > 25 && expected[25] != 0)
      r.bytes[25] = expected[25];
    EXPECT_EQ(ToHex(r.bytes), ToHex(expected)) << "request " << f.request;
  }
}

TEST(S7SessionTest, NmapS7InfoFindsTheIdentityWhereItLooks) {
  S7Device d(S7Device::Builtin());
  d.Connect();
  Bytes first = d.Send(testing::kNmapSzl0011).bytes;
  ASSERT_GE(first.size(), 125u);
  // nmap's offsets are 1-based Lua string positions.
  auto text = [](const Bytes& b, size_t lua_pos) {
    std::string s;
    for (size_t i = lua_pos - 1; i < b.size() && b[i] != 0; ++i)
      s.push_back(static_cast<char>(b[i]));
    return s;
  };
  EXPECT_EQ(text(first, 44).substr(0, 19), "6ES7 315-2EH14-0AB0");
  EXPECT_EQ(text(first, 72).substr(0, 19), "6ES7 315-2EH14-0AB0");
  EXPECT_EQ(first[122], 3);  // version 3.2.7 at 123..125
  EXPECT_EQ(first[123], 2);
  EXPECT_EQ(first[124], 7);
  Bytes second = d.Send(testing::kNmapSzl001c).bytes;
  ASSERT_GE(second.size(), 180u);
  EXPECT_EQ(text(second, 44), "S7300/ET200M station_1");
  EXPECT_EQ(text(second, 78), "PLC_1");
  EXPECT_EQ(text(second, 112), "Plant 1 / pump station");
  EXPECT_EQ(text(second, 146), "Original Siemens Equipment");
  EXPECT_EQ(text(second, 180), "S C-B1U393142011");
}

TEST(S7SessionTest, SzlExtractsAndErrors) {
  S7Device d(S7Device::Builtin());
  d.Connect();
  auto response = [](const Userdata& u) {
    const auto* s =
        u.data ? std::get_if<SzlResponse>(&u.data->payload) : nullptr;
    return s ? *s : SzlResponse{};
  };
  SzlResponse one = response(ReadSzl(d, 0x0111, 0x0001));
  ASSERT_EQ(one.records.size(), 1u);
  EXPECT_EQ(one.record_count, 1);
  EXPECT_EQ(one.records[0][1], 0x01);
  SzlResponse header = response(ReadSzl(d, 0x0f11, 0x0000));
  EXPECT_EQ(header.record_length, 28);
  EXPECT_EQ(header.record_count, 4);
  EXPECT_TRUE(header.records.empty());
  SzlResponse serial = response(ReadSzl(d, 0x011c, 0x0005));
  ASSERT_EQ(serial.records.size(), 1u);
  EXPECT_EQ(std::string(serial.records[0].begin() + 2,
                        serial.records[0].begin() + 18),
            "S C-B1U393142011");
  EXPECT_EQ(SzlError(ReadSzl(d, 0x0c91, 0x7fff)), kSzlErrorInvalidIndex);
  EXPECT_EQ(SzlError(ReadSzl(d, 0x0131, 0x0003)), kSzlErrorInvalidIndex);
  EXPECT_EQ(SzlError(ReadSzl(d, 0x0999, 0x0000)), kSzlErrorInvalidId);
  EXPECT_EQ(SzlError(ReadSzl(d, 0x011c, 0x0042)), kSzlErrorInvalidIndex);
}

TEST(S7SessionTest, LongSzlAnswerComesInPartsAtEverySize) {
  S7Device d(S7Device::Builtin());
  ASSERT_FALSE(d.Send(testing::kNmapConnect).close_after);
  d.Exchange(SetupCommunicationJob(1, 1, 1, 128));
  // The diagnostic buffer: 10 records of 20 bytes = 208 bytes with header.
  Userdata first = ReadSzl(d, 0x00a0, 0x0000);
  ASSERT_TRUE(first.param.continuation.has_value());
  EXPECT_EQ(first.param.continuation->last_data_unit, 1);
  const auto* head = std::get_if<SzlResponse>(&first.data->payload);
  ASSERT_NE(head, nullptr);
  EXPECT_EQ(head->record_count, 10);
  size_t received = 8 + head->records.size() * 20 + head->tail.size();
  UserdataParam next;
  next.method = kUserdataMethodResponse;
  next.sequence = first.param.sequence;
  next.continuation = UserdataParam::Continuation{0, 0, 0};
  UserdataData empty;
  empty.return_code = 0x0a;
  empty.type = DataType::kNull;
  empty.payload = Bytes{};
  for (int round = 0; round < 5; ++round) {
    S7Pdu more;
    more.rosctr = Rosctr::kUserdata;
    more.pdu_ref = 20;
    more.body = Userdata{next, empty};
    Bytes reply = d.Exchange(more);
    S7Pdu answer = DecodeReply(reply);
    const auto* u = std::get_if<Userdata>(&answer.body);
    ASSERT_NE(u, nullptr) << ToHex(reply);
    ASSERT_TRUE(u->data.has_value()) << ToHex(reply);
    // Parts are raw bytes (the decoder may read them as an SZL header), so
    // count them from the S7 header's data length less the data header.
    ASSERT_GT(reply.size(), 17u);
    received += size_t{reply[15]} << 8 | reply[16];
    received -= 4;
    if (u->param.continuation->last_data_unit == 0) break;
  }
  EXPECT_EQ(received, 8u + 10 * 20);
}

TEST(S7SessionTest, StopAndRestartShowInTheModeList) {
  S7Device d(S7Device::Builtin());
  d.Connect();
  // PLC stop and PI service P_PROGRAM as snap7 sends them (frames 57, 63).
  net::Reply stop = d.Send(
      "0300002102f080320100001c000010000029000000000009505f50524f47"
      "52414d");
  EXPECT_EQ(ToHex(stop.bytes), "0300001402f080320300001c0000010000000029");
  auto mode = [&] {
    Userdata u = ReadSzl(d, 0x0424, 0x0000);
    return std::get<SzlResponse>(u.data->payload).records.at(0).at(3);
  };
  EXPECT_EQ(mode(), 0x84);
  net::Reply run = d.Send(
      "0300002702f080320100001f000016000028000000000000fd0002432009"
      "505f50524f4752414d");
  EXPECT_EQ(ToHex(run.bytes), "0300001402f080320300001f0000010000000028");
  EXPECT_EQ(mode(), 0x48);
}

TEST(S7SessionTest, CapturedWriteVarAnswersAreReproduced) {
  S7Device d(S7Device::Builtin());
  d.Connect();
  // Frame 49/50: REAL to MD16; frame 53/54: M, I, Q succeed, T and C are
  // refused with 0x03 as the CPU did.
  EXPECT_EQ(ToHex(d.Send("0300002702f080320100001800000e00080501120a10080001"
                         "0000830000800007000479e9f642")
                      .bytes),
            "0300001602f0803203000018000002000100000501ff");
  EXPECT_EQ(
      ToHex(d.Send("030000c302f080320100001a00003e00740505120a1004001000008300"
                   "0000120a10020010000081000000120a10020010000082000000120a10"
                   "1d000800001d000000120a101c000800001c00000000040100addeadde"
                   "addeaddeaddeaddeaddeaddeefbeefbeefbeefbeefbeefbeefbeefbe00"
                   "040080aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb00040080bbbbbbbbbbbb"
                   "bbbbaddeaddeaddeadde00090010efbeefbeefbeefbeefbeefbeefbeef"
                   "be00090010fecafecafecafecafecafecafecafeca")
                .bytes),
      "0300001a02f080320300001a000002000500000505ffffff0303");
  DataItem real = ReadOne(d, Item(Area::kFlags, ItemType::kReal, 1, 16));
  EXPECT_EQ(real.return_code, 0xff);
  EXPECT_EQ(real.type, DataType::kReal);
  EXPECT_EQ(ToHex(real.value), "efbeefbe");  // the later WORD write won
}

TEST(S7SessionTest, BitAndByteAddressing) {
  S7Device d(S7Device::Builtin());
  d.Connect();
  AnyPointer bit = Item(Area::kDataBlock, ItemType::kBit, 1, 3, 5, 1);
  EXPECT_EQ(WriteOne(d, bit, BitData(true)), 0xff);
  DataItem byte =
      ReadOne(d, Item(Area::kDataBlock, ItemType::kByte, 1, 3, 0, 1));
  EXPECT_EQ(ToHex(byte.value), "20");
  DataItem read_bit = ReadOne(d, bit);
  EXPECT_EQ(read_bit.type, DataType::kBit);
  EXPECT_EQ(ToHex(read_bit.value), "01");
  EXPECT_EQ(WriteOne(d, bit, BitData(false)), 0xff);
  EXPECT_EQ(
      ToHex(ReadOne(d, Item(Area::kDataBlock, ItemType::kByte, 1, 3, 0, 1))
                .value),
      "00");
  AnyPointer words = Item(Area::kOutputs, ItemType::kWord, 2, 10);
  EXPECT_EQ(WriteOne(d, words, ByteData(Hex("12345678"))), 0xff);
  DataItem ints = ReadOne(d, Item(Area::kOutputs, ItemType::kInt, 2, 10));
  EXPECT_EQ(ints.type, DataType::kInteger);
  EXPECT_EQ(ToHex(ints.value), "12345678");
  // Peripheral outputs write Q; peripheral inputs read I.
  EXPECT_EQ(WriteOne(d, Item(Area::kPeripheral, ItemType::kByte, 1, 20),
                     ByteData(Hex("5a"))),
            0xff);
  EXPECT_EQ(
      ToHex(ReadOne(d, Item(Area::kOutputs, ItemType::kByte, 1, 20)).value),
      "5a");
}

TEST(S7SessionTest, ItemReturnCodes) {
  S7Device d(S7Device::Builtin());
  d.Connect();
  auto code = [&](const AnyPointer& p) { return ReadOne(d, p).return_code; };
  EXPECT_EQ(code(Item(Area::kDataBlock, ItemType::kByte, 1, 0, 0, 99)), 0x0a);
  EXPECT_EQ(code(Item(Area::kDataBlock, ItemType::kByte, 2, 255, 0, 1)), 0x05);
  EXPECT_EQ(code(Item(Area::kDataBlock, ItemType::kByte, 1, 256, 0, 1)), 0x05);
  EXPECT_EQ(code(Item(Area::kDataBlock, ItemType::kByte, 1, 0, 3, 1)), 0x05);
  EXPECT_EQ(code(Item(Area::kFlags, ItemType::kBit, 2, 0)), 0x06);
  EXPECT_EQ(code(Item(Area::kTimer, ItemType::kByte, 1, 0)), 0x06);
  EXPECT_EQ(code(Item(Area::kFlags, ItemType::kTimer, 1, 0)), 0x06);
  EXPECT_EQ(code(Item(Area::kSystemInfo, ItemType::kByte, 1, 0)), 0x0a);
  EXPECT_EQ(code(Item(Area::kTimer, ItemType::kTimer, 257, 0)), 0x05);
  DataItem timers = ReadOne(d, Item(Area::kTimer, ItemType::kTimer, 4, 2));
  EXPECT_EQ(timers.return_code, 0xff);
  EXPECT_EQ(timers.type, DataType::kOctetString);
  EXPECT_EQ(timers.value.size(), 8u);
  AnyPointer two = Item(Area::kFlags, ItemType::kByte, 2, 0);
  EXPECT_EQ(WriteOne(d, two, ByteData(Hex("01"))), 0x07);
  EXPECT_EQ(WriteOne(d, two, BitData(true)), 0x07);
  EXPECT_EQ(WriteOne(d, Item(Area::kFlags, ItemType::kBit, 1, 0),
                     ByteData(Hex("01"))),
            0x07);
  EXPECT_EQ(WriteOne(d, Item(Area::kDataBlock, ItemType::kByte, 1, 0, 0, 7),
                     ByteData(Hex("01"))),
            0x0a);
}

TEST(S7SessionTest, AnswersLargerThanThePduAreRefused) {
  S7Device d(S7Device::Builtin());
  d.Connect();
  S7Pdu big = DecodeReply(d.Exchange(
      ReadVarJob(3, {Item(Area::kDataBlock, ItemType::kByte, 300, 0, 0, 2)})));
  EXPECT_EQ(big.rosctr, Rosctr::kAckData);
  EXPECT_EQ(big.error_class, 0x85);
  // Mixed items in one answer: the odd-length one is padded, the bad one
  // has its own return code.
  S7Pdu mixed = DecodeReply(d.Exchange(
      ReadVarJob(4, {Item(Area::kFlags, ItemType::kByte, 3, 0),
                     Item(Area::kDataBlock, ItemType::kByte, 1, 0, 0, 42),
                     Item(Area::kInputs, ItemType::kWord, 1, 0)})));
  const auto& items = std::get<ReadVarResponse>(mixed.body).items;
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].value.size(), 3u);
  EXPECT_EQ(items[1].return_code, 0x0a);
  EXPECT_EQ(items[2].value.size(), 2u);
}

TEST(S7SessionTest, ClockBlocksAndUnknownFunctions) {
  S7Device d(S7Device::Builtin());
  d.Connect();
  // Set clock to 2016-02-08 23:08:10 (frame 47), answered as in frame 48.
  EXPECT_EQ(
      ToHex(
          d.Send("0300002702f0803207000017000008000e0001120411470200ff09000a00"
                 "191602082308100002")
              .bytes),
      "0300002102f080320700001700000c00040001120812870202000000000a"
      "000000");
  // Read clock (frame 45).
  S7Pdu c = DecodeReply(
      d.Send("0300001d02f0803207000016000008000400011204114701000a000000")
          .bytes);
  const auto& value = std::get<Bytes>(std::get<Userdata>(c.body).data->payload);
  ASSERT_EQ(value.size(), 10u);
  EXPECT_EQ(value[1], 0x19);
  EXPECT_EQ(value[2], 0x16);  // 2016
  EXPECT_EQ(value[3], 0x02);
  // List blocks (frame 15): the answer of frame 16 but with the profile's
  // blocks (one OB, no FB, two DBs).
  EXPECT_EQ(
      ToHex(d.Send("0300001d02f0803207000007000008000400011204114301000a000000")
                .bytes),
      "0300003d02f080320700000700000c0020000112081283010000000000ff"
      "09001c30380001304500003043000030410002304200083044004d304600"
      "0f");
  // Start upload (frame 17): not implemented, ack with error 0x8104.
  S7Pdu upload = DecodeReply(
      d.Send("0300002302f080320100000800001200001d00000000000000095f304230"
             "3030303041")
          .bytes);
  EXPECT_EQ(upload.rosctr, Rosctr::kAck);
  EXPECT_EQ(upload.error_class, 0x81);
  EXPECT_EQ(upload.error_code, 0x04);
}

}  // namespace
}  // namespace protolm::device::s7
