// Golden tests: PDUs from the captures in /work/shared/data/pcaps/s7comm
// (bytes copied here so the tests stand alone) dissect to the expected trees
// and PduInfo, re-encode to the same bytes, and the builders reproduce them.
#include <gtest/gtest.h>

#include "proto/s7comm/cotp.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"
#include "proto/s7comm/s7_decode.h"
#include "proto/s7comm/s7_encode.h"
#include "proto/s7comm/s7comm_codec.h"
#include "proto/s7comm/s7comm_test_util.h"

namespace protolm::s7comm {
namespace {

using testing::DissectChecked;
using testing::ExpectRoundTrip;
using testing::Hex;

// s7comm_reading_plc_status.pcap, frames 8-14, 17, 20, 42.
constexpr char kCr[] = "0300001611e00000000f00c1020100c2020102c0010a";
constexpr char kCc[] = "0300001611d0000f000300c0010ac1020100c2020102";
constexpr char kSetupJob[] =
    "0300001902f08032010000020000080000f0000001000101e0";
constexpr char kSetupAckData[] =
    "0300001b02f080320300000200000800000000f0000001000100f0";
constexpr char kEmptyDt[] = "0300000702f000";
constexpr char kSzlRequest[] =
    "0300002102f080320700000300000800080001120411440100ff09000401320004";
constexpr char kSzlResponse[] =
    "0300005102f080320700000300000c0034000112081284010100000000ff0900300132"
    "00040028000100040001000000010002000000005656bc04a3d58401d6b20200000000"
    "0000000000000000000000";
constexpr char kSzlError[] =
    "0300002102f080320700000c00000c000400011208128401010000d4020a000000";
constexpr char kSzlFirstFragment[] =
    "030000f702f080320700000400000c00da000112081284010105010000ff0900d60000"
    "00000002007000000f000002001101110f11001201120f120013011300140f14001501"
    "15001701170f17001801180f1800190f19001a0f1a001b0f1b001c011c0f1c00210a21"
    "0f21022200230f2300240124042405240025012502250f25013101320232003601360f"
    "36003701370f370038013802380f380139003a0f3a007401740f7405910a910c910d91"
    "0092029206920f92009401940294069407940f94009501950f9506960c960c970d9701"
    "9a029a0f9a0c9b009c019c029c039c0f9c00a001a00fa000b100b200b300b401b502b5"
    "03b5";
constexpr char kSzlContinuation[] =
    "0300003302f080320700000500000c0016000112081284010105000000ff09001204b5"
    "05b506b507b508b501b602b603b604b6";
// s7comm_varservice_libnodavedemo.pcap, frames 11, 15, 16.
constexpr char kReadDbJob[] =
    "0300001f02f080320100000000000e00000401120a10020040000184000000";
constexpr char kWriteJob[] =
    "0300002702f080320100000002000e00080501120a1002000400008300000000040020"
    "a9100001";
constexpr char kWriteAckData[] = "0300001602f0803203000000020002000100000501ff";
// snap7_s300_everything.pcapng, frames 44, 53-57.
constexpr char kErrorAck[] = "0300001302f08032020000150000000000d20c";
constexpr char kWrite5Job[] =
    "030000c302f080320100001a00003e00740505120a10040010000083000000120a1002"
    "0010000081000000120a10020010000082000000120a101d000800001d000000120a10"
    "1c000800001c00000000040100addeaddeaddeaddeaddeaddeaddeaddeefbeefbeefbe"
    "efbeefbeefbeefbeefbe00040080aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb00040080bb"
    "bbbbbbbbbbbbbbaddeaddeaddeadde00090010efbeefbeefbeefbeefbeefbeefbeefbe"
    "00090010fecafecafecafecafecafecafecafeca";
constexpr char kWrite5AckData[] =
    "0300001a02f080320300001a000002000500000505ffffff0303";
constexpr char kRead5Job[] =
    "0300004f02f080320100001b00003e00000405120a10020010000083000000120a1002"
    "0010000081000000120a10020010000082000000120a101d000800001d000000120a10"
    "1c000800001c000000";
constexpr char kRead5AckData[] =
    "0300007902f080320300001b000002006400000405ff040080acde000daddeaddeadde"
    "addeaddeaddeff040080aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbff040080bbbbbbbbbb"
    "bbbbbbaddeaddeaddeaddeff09001000000000000000000000000000000000ff090010"
    "00110000000000000000000000000000";
constexpr char kPlcStop[] =
    "0300002102f080320100001c000010000029000000000009505f50524f4752414d";
// snap7_s300_readVar.pcapng, frame 2: an item that does not exist.
constexpr char kReadMissingAckData[] =
    "0300001902f08032030000000000020004000004010a000000";
// step7_s300_rwVarTab.pcapng, frame 7: a userdata push.
constexpr char kPush[] =
    "0300002f02f080320700000000000c0012000112081201080200000000ff09000e0004"
    "0006010000020003ffffff00";
// snap7_s300_everything.pcapng, frames 15 and 45: list blocks, read clock.
constexpr char kListBlocks[] =
    "0300001d02f0803207000007000008000400011204114301000a000000";
constexpr char kReadClock[] =
    "0300001d02f0803207000016000008000400011204114701000a000000";

Dissection Dissect(const char* hex,
                   Direction dir = Direction::kClientToServer) {
  Bytes b = Hex(hex);
  return DissectChecked(b, dir);
}

void ExpectField(const Field& tree, std::string_view path, std::string value,
                 size_t offset, size_t length) {
  const Field* f = tree.Find(path);
  ASSERT_NE(f, nullptr) << path << " missing in\n" << RenderTree(tree);
  EXPECT_EQ(f->value, value) << path;
  EXPECT_EQ(f->offset, offset) << path;
  EXPECT_EQ(f->length, length) << path;
}

Bytes Framed(const S7Pdu& pdu) {
  Result<Bytes> b = FrameS7Pdu(pdu);
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  return b.ok() ? *b : Bytes{};
}

Bytes Framed(const CotpTpdu& tpdu) {
  Result<Bytes> b = FrameTpdu(tpdu);
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  return b.ok() ? *b : Bytes{};
}

TEST(S7commGolden, ConnectRequestAndConfirmPair) {
  Dissection cr = Dissect(kCr);
  ASSERT_TRUE(cr.status.ok()) << cr.status.ToString();
  EXPECT_EQ(cr.tree.name, "cotp.cr");
  ExpectField(cr.tree, "tpkt.length", "22", 2, 2);
  ExpectField(cr.tree, "cotp.pdu_type", "cr", 5, 1);
  ExpectField(cr.tree, "cotp.src_ref", "0x000f", 8, 2);
  ExpectField(cr.tree, "cotp.src_tsap", "0x0100", 11, 4);
  ExpectField(cr.tree, "cotp.dst_tsap", "0x0102", 15, 4);
  ExpectField(cr.tree, "cotp.tpdu_size", "1024", 19, 3);
  EXPECT_EQ(cr.info.role, PduRole::kControl);
  EXPECT_FALSE(cr.info.application_pdu);
  EXPECT_EQ(cr.info.function, "cotp_cr");
  EXPECT_EQ(Abstract(cr.tree, 3),
            "cotp.cr src_tsap=0x0100 dst_tsap=0x0102 tpdu_size=1024");

  Dissection cc = Dissect(kCc, Direction::kServerToClient);
  ASSERT_TRUE(cc.status.ok()) << cc.status.ToString();
  EXPECT_EQ(cc.tree.name, "cotp.cc");
  EXPECT_EQ(cc.info.function, "cotp_cc");
  ASSERT_TRUE(cr.info.pair_key.has_value());
  EXPECT_EQ(cr.info.pair_key, cc.info.pair_key);
  EXPECT_EQ(*cr.info.pair_key, kCotpConnectPairTag | 0x000f);

  ExpectRoundTrip(Hex(kCr));
  ExpectRoundTrip(Hex(kCc));
  EXPECT_EQ(ToHex(Framed(CotpConnectRequest(0x000f, 0x0100, 0x0102, 0x0a))),
            kCr);
  EXPECT_EQ(
      ToHex(Framed(CotpConnectConfirm(0x000f, 0x0003, 0x0100, 0x0102, 0x0a))),
      kCc);
  Bytes cr_bytes = Hex(kCr);
  Result<CotpTpdu> typed = ParseCotp(ByteView(cr_bytes).subspan(4));
  ASSERT_TRUE(typed.ok());
  EXPECT_EQ(typed->Tsap(kParamDstTsap), 0x0102);
  EXPECT_EQ(typed->TpduSizeBytes(), 1024u);
}

TEST(S7commGolden, SetupCommunication) {
  Dissection job = Dissect(kSetupJob);
  ASSERT_TRUE(job.status.ok()) << job.status.ToString();
  EXPECT_EQ(job.tree.name, "s7comm.job");
  EXPECT_EQ(Abstract(job.tree, 2),
            "s7comm.job rosctr=1 function=setup_communication");
  ExpectField(job.tree, "cotp.eot", "1", 6, 1);
  ExpectField(job.tree, "header.pdu_ref", "512", 11, 2);  // 0x0200
  ExpectField(job.tree, "header.param_len", "8", 13, 2);
  ExpectField(job.tree, "param.function", "setup_communication", 17, 1);
  ExpectField(job.tree, "param.pdu_length", "480", 23, 2);
  const Field* header = job.tree.Find("header");
  ASSERT_NE(header, nullptr);
  EXPECT_EQ(header->offset, 7u);
  EXPECT_EQ(header->length, 10u);
  EXPECT_EQ(job.info.role, PduRole::kRequest);
  EXPECT_EQ(job.info.function, "setup_communication");
  EXPECT_EQ(job.info.pair_key, 0x0200u);
  EXPECT_TRUE(job.info.application_pdu);

  Dissection ack = Dissect(kSetupAckData, Direction::kServerToClient);
  ASSERT_TRUE(ack.status.ok()) << ack.status.ToString();
  EXPECT_EQ(Abstract(ack.tree, 2),
            "s7comm.ack_data rosctr=3 error_class=0x00 error_code=0x00 "
            "function=setup_communication");
  ExpectField(ack.tree, "param.pdu_length", "240", 25, 2);
  EXPECT_EQ(ack.info.role, PduRole::kResponse);
  EXPECT_EQ(ack.info.pair_key, job.info.pair_key);
  EXPECT_FALSE(ack.info.exception);

  ExpectRoundTrip(Hex(kSetupJob));
  ExpectRoundTrip(Hex(kSetupAckData));
  EXPECT_EQ(ToHex(Framed(SetupCommunicationJob(0x0200, 1, 1, 480))), kSetupJob);
  EXPECT_EQ(ToHex(Framed(SetupCommunicationAckData(0x0200, 1, 1, 240))),
            kSetupAckData);
}

TEST(S7commGolden, ReadVarOfADataBlock) {
  Dissection d = Dissect(kReadDbJob);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Abstract(d.tree, 3),
            "s7comm.job rosctr=1 function=read_var transport_size=byte "
            "length=64 db=1 area=db byte_offset=0 bit_offset=0");
  ExpectField(d.tree, "param.items.item.area", "db", 27, 1);
  ExpectField(d.tree, "param.items.item.db", "1", 25, 2);
  ExpectField(d.tree, "param.items.item.byte_offset", "0", 28, 3);
  ExpectRoundTrip(Hex(kReadDbJob));
  AnyPointer db1{ItemType::kByte, 64, 1, Area::kDataBlock, 0, 0};
  EXPECT_EQ(ToHex(Framed(ReadVarJob(0, {db1}))), kReadDbJob);
}

TEST(S7commGolden, ReadVarWithSeveralItems) {
  Dissection job = Dissect(kRead5Job);
  ASSERT_TRUE(job.status.ok()) << job.status.ToString();
  EXPECT_EQ(job.tree.NumberAt("param.item_count"), 5);
  const Field* items = job.tree.Find("param.items");
  ASSERT_NE(items, nullptr);
  ASSERT_EQ(items->children.size(), 5u);
  EXPECT_EQ(items->children[3].Find("area")->value, "t");
  EXPECT_EQ(items->children[3].Find("transport_size")->value, "timer");
  EXPECT_EQ(items->children[4].Find("area")->value, "c");
  EXPECT_EQ(items->children[1].Find("area")->value, "i");
  EXPECT_EQ(items->children[1].offset, 31u);
  EXPECT_EQ(items->children[1].length, 12u);

  Dissection ack = Dissect(kRead5AckData, Direction::kServerToClient);
  ASSERT_TRUE(ack.status.ok()) << ack.status.ToString();
  EXPECT_EQ(ack.info.pair_key, job.info.pair_key);
  const Field* data = ack.tree.Find("data.items");
  ASSERT_NE(data, nullptr);
  ASSERT_EQ(data->children.size(), 5u);
  const Field& first = data->children[0];
  EXPECT_EQ(first.Find("return_code")->value, "success");
  EXPECT_EQ(first.Find("length")->value, "128");
  EXPECT_EQ(first.Find("value")->value, "0xacde000daddeaddeaddeaddeaddeadde");
  EXPECT_EQ(first.Find("value")->offset, 25u);
  EXPECT_EQ(first.Find("value")->length, 16u);
  EXPECT_EQ(data->children[4].Find("transport_size")->value, "octet_string");

  ExpectRoundTrip(Hex(kRead5Job));
  ExpectRoundTrip(Hex(kRead5AckData));
  std::vector<VarItem> requested = {
      AnyPointer{ItemType::kByte, 16, 0, Area::kFlags, 0, 0},
      AnyPointer{ItemType::kByte, 16, 0, Area::kInputs, 0, 0},
      AnyPointer{ItemType::kByte, 16, 0, Area::kOutputs, 0, 0},
      AnyPointer{ItemType::kTimer, 8, 0, Area::kTimer, 0, 0},
      AnyPointer{ItemType::kCounter, 8, 0, Area::kCounter, 0, 0}};
  EXPECT_EQ(ToHex(Framed(ReadVarJob(0x1b00, requested))), kRead5Job);
  Bytes ack_bytes = Hex(kRead5AckData);
  Result<S7Pdu> typed = ParseS7Pdu(ByteView(ack_bytes).subspan(7));
  ASSERT_TRUE(typed.ok()) << typed.status().ToString();
  const auto& values = std::get<ReadVarResponse>(typed->body).items;
  EXPECT_EQ(ToHex(Framed(ReadVarAckData(0x1b00, values))), kRead5AckData);
}

TEST(S7commGolden, ReadVarItemThatDoesNotExist) {
  Dissection d = Dissect(kReadMissingAckData, Direction::kServerToClient);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  ExpectField(d.tree, "data.items.item.return_code", "object_does_not_exist",
              21, 1);
  EXPECT_FALSE(d.info.exception);  // the header reports no error
  EXPECT_EQ(ToHex(Framed(ReadVarAckData(
                0, {ErrorData(ReturnCode::kObjectDoesNotExist)}))),
            kReadMissingAckData);
}

TEST(S7commGolden, WriteVar) {
  Dissection job = Dissect(kWriteJob);
  ASSERT_TRUE(job.status.ok()) << job.status.ToString();
  EXPECT_EQ(job.info.function, "write_var");
  ExpectField(job.tree, "data.items.item.value", "0xa9100001", 35, 4);
  Dissection ack = Dissect(kWriteAckData, Direction::kServerToClient);
  ASSERT_TRUE(ack.status.ok()) << ack.status.ToString();
  ExpectField(ack.tree, "data.items.item.return_code", "success", 21, 1);
  EXPECT_EQ(ack.info.pair_key, job.info.pair_key);

  AnyPointer m0{ItemType::kByte, 4, 0, Area::kFlags, 0, 0};
  EXPECT_EQ(
      ToHex(Framed(WriteVarJob(0x0002, {m0}, {ByteData(Hex("a9100001"))}))),
      kWriteJob);
  EXPECT_EQ(ToHex(Framed(WriteVarAckData(0x0002, {0xff}))), kWriteAckData);

  Dissection five = Dissect(kWrite5Job);
  ASSERT_TRUE(five.status.ok()) << five.status.ToString();
  const Field* data = five.tree.Find("data.items");
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data->children.size(), 5u);
  Dissection five_ack = Dissect(kWrite5AckData, Direction::kServerToClient);
  ASSERT_TRUE(five_ack.status.ok()) << five_ack.status.ToString();
  EXPECT_EQ(Abstract(five_ack.tree, 3),
            "s7comm.ack_data rosctr=3 error_class=0x00 error_code=0x00 "
            "function=write_var return_code=success return_code=success "
            "return_code=success return_code=access_denied "
            "return_code=access_denied");
  for (const char* hex : {kWriteJob, kWriteAckData, kWrite5Job, kWrite5AckData})
    ExpectRoundTrip(Hex(hex));
}

TEST(S7commGolden, SzlRead) {
  Dissection req = Dissect(kSzlRequest);
  ASSERT_TRUE(req.status.ok()) << req.status.ToString();
  EXPECT_EQ(req.tree.name, "s7comm.userdata");
  EXPECT_EQ(Abstract(req.tree, 3),
            "s7comm.userdata rosctr=7 type=request function=szl_read "
            "return_code=success szl_id=0x0132 szl_index=0x0004");
  ExpectField(req.tree, "data.szl.szl_id", "0x0132", 29, 2);
  ExpectField(req.tree, "data.szl.szl_index", "0x0004", 31, 2);
  EXPECT_EQ(req.info.role, PduRole::kRequest);
  EXPECT_EQ(req.info.function, "szl_read");
  EXPECT_EQ(req.info.pair_key, 0x0300u);

  Dissection resp = Dissect(kSzlResponse, Direction::kServerToClient);
  ASSERT_TRUE(resp.status.ok()) << resp.status.ToString();
  EXPECT_EQ(resp.info.role, PduRole::kResponse);
  EXPECT_EQ(resp.info.pair_key, 0x0300u);
  EXPECT_FALSE(resp.info.exception);
  ExpectField(resp.tree, "data.szl.szl_id", "0x0132", 33, 2);
  ExpectField(resp.tree, "data.szl.record_length", "40", 37, 2);
  ExpectField(resp.tree, "data.szl.record_count", "1", 39, 2);
  const Field* record = resp.tree.Find("data.szl.records.record");
  ASSERT_NE(record, nullptr);
  EXPECT_EQ(record->offset, 41u);
  EXPECT_EQ(record->length, 40u);

  Dissection error = Dissect(kSzlError, Direction::kServerToClient);
  ASSERT_TRUE(error.status.ok()) << error.status.ToString();
  EXPECT_TRUE(error.info.exception);
  ExpectField(error.tree, "param.error_code", "0xd402", 27, 2);

  for (const char* hex : {kSzlRequest, kSzlResponse, kSzlError})
    ExpectRoundTrip(Hex(hex));
  EXPECT_EQ(ToHex(Framed(SzlReadRequest(0x0300, 0x0132, 0x0004))), kSzlRequest);
  Bytes response_bytes = Hex(kSzlResponse);
  Bytes record_bytes(response_bytes.begin() + 41, response_bytes.end());
  EXPECT_EQ(ToHex(Framed(SzlReadResponse(0x0300, 1, 0x0132, 0x0004, 40,
                                         {record_bytes}))),
            kSzlResponse);
  EXPECT_EQ(ToHex(Framed(SzlReadError(0x0c00, 1, 0xd402))), kSzlError);
}

TEST(S7commGolden, FragmentedSzlResponse) {
  Dissection first = Dissect(kSzlFirstFragment, Direction::kServerToClient);
  ASSERT_TRUE(first.status.ok()) << first.status.ToString();
  EXPECT_EQ(first.tree.NumberAt("data.szl.record_count"), 112);
  EXPECT_EQ(first.tree.Find("data.szl.records")->children.size(), 103u);
  EXPECT_EQ(first.tree.NumberAt("param.last_data_unit"), 1);
  Dissection next = Dissect(kSzlContinuation, Direction::kServerToClient);
  ASSERT_TRUE(next.status.ok()) << next.status.ToString();
  EXPECT_EQ(next.tree.Find("data.szl"), nullptr);
  ExpectField(next.tree, "data.payload",
              "0x04b505b506b507b508b501b602b603b604b6", 33, 18);
  ExpectRoundTrip(Hex(kSzlFirstFragment));
  ExpectRoundTrip(Hex(kSzlContinuation));
}

TEST(S7commGolden, UserdataPushIsAnEvent) {
  Dissection d = Dissect(kPush, Direction::kServerToClient);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.info.role, PduRole::kEvent);
  EXPECT_FALSE(d.info.pair_key.has_value());
  EXPECT_EQ(d.info.function, "modify_variable");
  EXPECT_EQ(d.tree.Find("param.type")->value, "push");
  ExpectRoundTrip(Hex(kPush));
}

TEST(S7commGolden, OtherUserdataGroupsKeepTheirCommonHead) {
  Dissection blocks = Dissect(kListBlocks);
  ASSERT_TRUE(blocks.status.ok()) << blocks.status.ToString();
  EXPECT_EQ(blocks.info.function, "list_blocks");
  EXPECT_EQ(blocks.tree.Find("param.function_group")->value, "block_functions");
  Dissection clock = Dissect(kReadClock);
  ASSERT_TRUE(clock.status.ok()) << clock.status.ToString();
  EXPECT_EQ(clock.info.function, "read_clock");
  EXPECT_EQ(clock.tree.Find("data.return_code")->value,
            "object_does_not_exist");
  ExpectRoundTrip(Hex(kListBlocks));
  ExpectRoundTrip(Hex(kReadClock));
}

TEST(S7commGolden, ErrorAckAndPlcStop) {
  Dissection ack = Dissect(kErrorAck, Direction::kServerToClient);
  ASSERT_TRUE(ack.status.ok()) << ack.status.ToString();
  EXPECT_EQ(Abstract(ack.tree, 2),
            "s7comm.ack rosctr=2 error_class=0xd2 error_code=0x0c");
  EXPECT_TRUE(ack.info.exception);
  EXPECT_EQ(ack.info.role, PduRole::kResponse);
  EXPECT_EQ(ack.info.function, "");
  EXPECT_EQ(ToHex(Framed(ErrorAck(0x1500, 0xd2, 0x0c))), kErrorAck);

  Dissection stop = Dissect(kPlcStop);
  ASSERT_TRUE(stop.status.ok()) << stop.status.ToString();
  EXPECT_EQ(stop.info.function, "plc_stop");
  ExpectField(stop.tree, "param.pi_service", "P_PROGRAM", 24, 9);
  ExpectRoundTrip(Hex(kErrorAck));
  ExpectRoundTrip(Hex(kPlcStop));
}

TEST(S7commGolden, EmptyDataUnitIsControl) {
  Dissection d = Dissect(kEmptyDt);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.tree.name, "cotp.dt");
  EXPECT_EQ(d.info.role, PduRole::kControl);
  EXPECT_FALSE(d.info.application_pdu);
  EXPECT_EQ(d.info.function, "cotp_dt");
  ExpectField(d.tree, "cotp.eot", "0", 6, 1);
  ExpectRoundTrip(Hex(kEmptyDt));
  EXPECT_EQ(ToHex(Framed(CotpData({}, false))), kEmptyDt);
}

TEST(S7commGolden, PduSplitOverSeveralDataUnits) {
  // No capture splits a PDU, so split the 5-item read job into 20-byte units.
  Bytes single = Hex(kRead5Job);
  Result<S7Pdu> pdu = ParseS7Pdu(ByteView(single).subspan(7));
  ASSERT_TRUE(pdu.ok()) << pdu.status().ToString();
  Result<Bytes> split = FrameS7Pdu(*pdu, 20);
  ASSERT_TRUE(split.ok()) << split.status().ToString();
  EXPECT_EQ(split->size(), single.size() + 3 * 7);  // 4 units instead of 1

  Bytes stream = *split;
  stream.insert(stream.end(), single.begin(), single.end());
  FrameResult f = S7commCodec().Frame(stream);
  EXPECT_EQ(f.kind, FrameResult::Kind::kFrame);
  EXPECT_EQ(f.length, split->size());
  FrameResult partial =
      S7commCodec().Frame(ByteView(*split).first(split->size() - 1));
  EXPECT_EQ(partial.kind, FrameResult::Kind::kNeedMore);
  EXPECT_EQ(partial.length, split->size());

  Dissection d = DissectChecked(*split, Direction::kClientToServer);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  Dissection one = Dissect(kRead5Job);
  EXPECT_EQ(Abstract(d.tree, 4), Abstract(one.tree, 4));
  // The parameter starts in unit 1 (bytes 17..26) and ends in unit 4: its
  // range spans the three TPKT+COTP headers in between.
  const Field* param = d.tree.Find("param");
  ASSERT_NE(param, nullptr);
  EXPECT_EQ(param->offset, 17u);
  EXPECT_EQ(param->length, 62u + 3 * 7);
  ExpectRoundTrip(*split);
}

TEST(S7commGolden, OddLengthItemsGetAFillByte) {
  S7Pdu pdu = ReadVarAckData(
      9, {ByteData({0x01}), BitData(true), ByteData({0x02, 0x03, 0x04})});
  Result<Bytes> b = EncodeS7Pdu(pdu);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(ToHex(*b),
            "320300000009000200130000"
            "0403"
            "ff04000801"
            "00"
            "ff03000101"
            "00"
            "ff040018020304");
  Result<S7Pdu> back = ParseS7Pdu(*b);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, pdu);
}

}  // namespace
}  // namespace protolm::s7comm
