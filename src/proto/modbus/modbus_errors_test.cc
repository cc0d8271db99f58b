// Faults: truncated and inconsistent ADUs give the right status, message
// (what, where) and partial tree; exception responses of every code dissect
// with their names; requests in the wrong shape are kept opaque.
#include <gtest/gtest.h>

#include <string>

#include "proto/modbus/adu.h"
#include "proto/modbus/exception_code.h"
#include "proto/modbus/modbus_codec.h"

namespace protolm::modbus {
namespace {

constexpr Direction kReq = Direction::kClientToServer;
constexpr Direction kResp = Direction::kServerToClient;

Bytes Hex(const char* text) {
  Result<Bytes> bytes = FromHex(text);
  EXPECT_TRUE(bytes.ok()) << text;
  return bytes.ok() ? *bytes : Bytes{};
}

Dissection DissectHex(const char* hex, Direction dir) {
  return ModbusCodec().Dissect(Hex(hex), dir);
}

TEST(MbapErrorsTest, TruncatedHeaderKeepsWhatWasRead) {
  Dissection d = DissectHex("000100", kReq);
  EXPECT_EQ(d.status.code(), StatusCode::kTruncated);
  EXPECT_EQ(
      d.status.message(),
      "modbus ADU: truncated at offset 2: proto_id needs 2 bytes, 1 left");
  EXPECT_EQ(d.info.role, PduRole::kUnknown);
  EXPECT_FALSE(d.info.pair_key.has_value());
  ASSERT_NE(d.tree.Find("mbap.trans_id"), nullptr);
  EXPECT_EQ(d.tree.Find("mbap")->length, 2u);
  EXPECT_EQ(d.tree.Find("mbap.proto_id"), nullptr);
}

TEST(MbapErrorsTest, LengthZeroAndOneAreMalformed) {
  for (const char* hex : {"000100000000 11", "000100000001 11"}) {
    Dissection d = DissectHex(hex, kReq);
    EXPECT_EQ(d.status.code(), StatusCode::kMalformed);
    const std::string length = hex[11] == '0' ? "0" : "1";
    EXPECT_EQ(d.status.message(),
              "modbus ADU: malformed at offset 4: MBAP length " + length +
                  " is below 2 (unit id and function code)");
    EXPECT_EQ(ModbusCodec().Frame(Hex(hex)).kind, FrameResult::Kind::kInvalid);
  }
}

TEST(MbapErrorsTest, LengthAboveSpecMaximumFramesButIsMalformed) {
  // A read holding registers response of 126 registers: consistent byte
  // count, MBAP length 255. tshark frames it; the specification forbids it.
  Bytes adu = Hex("0001 0000 00FF 11 03 FC");
  adu.resize(6 + 255, 0x00);
  const FrameResult frame = ModbusCodec().Frame(adu);
  EXPECT_EQ(frame.kind, FrameResult::Kind::kFrame);
  EXPECT_EQ(frame.length, 261u);
  Dissection d = ModbusCodec().Dissect(adu, kResp);
  EXPECT_EQ(d.status.code(), StatusCode::kMalformed);
  EXPECT_EQ(d.status.message(),
            "modbus ADU: malformed at offset 4: MBAP length 255 exceeds 254, "
            "the specification's maximum (a 260-byte ADU)");
  EXPECT_EQ(ModbusCodec().Resync(adu), std::nullopt);
}

TEST(MbapErrorsTest, ProtocolIdOtherThanZeroIsNotModbus) {
  // From modbus_test_data_part1.pcap, which tshark does not dissect either.
  Dissection d = DissectHex("0001001000060a0100010003", kReq);
  EXPECT_EQ(d.status.code(), StatusCode::kMalformed);
  EXPECT_EQ(d.status.message(),
            "modbus ADU: malformed at offset 2: protocol id 16 is not 0; this "
            "is not Modbus/TCP");
  EXPECT_EQ(ModbusCodec().Frame(Hex("0001001000060a0100010003")).kind,
            FrameResult::Kind::kInvalid);
}

TEST(MbapErrorsTest, AduShorterOrLongerThanItsLength) {
  Dissection shorter = DissectHex("0001 0000 0006 01 03 00", kReq);
  EXPECT_EQ(shorter.status.code(), StatusCode::kTruncated);
  EXPECT_EQ(shorter.status.message(),
            "modbus ADU: truncated at offset 9: MBAP length 6 announces 12 "
            "bytes, 9 given");
  Dissection longer = DissectHex("0001 0000 0006 01 03 0000 0001 FF", kReq);
  EXPECT_EQ(longer.status.code(), StatusCode::kMalformed);
  EXPECT_EQ(longer.status.message(),
            "modbus ADU: malformed at offset 12: 1 bytes follow the 12-byte "
            "ADU its MBAP length announces; frame the stream with Frame() "
            "first");
}

TEST(PduErrorsTest, RequestShorterThanItsFunctionNeeds) {
  Dissection d = DissectHex("0001 0000 0004 11 03 006B", kReq);
  EXPECT_EQ(d.status.code(), StatusCode::kTruncated);
  EXPECT_EQ(d.status.message(),
            "modbus read_holding_registers request: truncated at offset 10: "
            "quantity needs 2 bytes, 0 left");
  EXPECT_EQ(d.info.function, "read_holding_registers");
  EXPECT_EQ(d.info.role, PduRole::kRequest);
  EXPECT_EQ(d.info.pair_key, (uint64_t{1} << 8) | 0x11);
  EXPECT_EQ(d.tree.NumberAt("address"), 107);
}

TEST(PduErrorsTest, BytesLeftAfterThePdu) {
  // From modbus_test_data_part1.pcap: a read device identification request
  // with one byte more than the function carries (tshark ignores it).
  Dissection d = DissectHex("0001000000060a2b0e030100", kReq);
  EXPECT_EQ(d.status.code(), StatusCode::kMalformed);
  EXPECT_EQ(d.status.message(),
            "modbus read_device_identification request: malformed at offset "
            "11: 1 bytes left after the last field; the MBAP length is longer "
            "than this function's PDU");
  EXPECT_EQ(d.tree.NumberAt("object_id"), 1);
}

TEST(PduErrorsTest, ByteCountDisagreesWithData) {
  Dissection d = DissectHex("0001 0000 0007 11 03 06 022B 0000", kResp);
  EXPECT_EQ(d.status.code(), StatusCode::kMalformed);
  EXPECT_EQ(d.status.message(),
            "modbus read_holding_registers response: malformed at offset 8: "
            "byte_count announces 6 bytes but 4 follow before the end the "
            "MBAP length sets");
  EXPECT_EQ(d.tree.NumberAt("byte_count"), 6);
  EXPECT_EQ(d.tree.Find("registers"), nullptr);
}

TEST(PduErrorsTest, OddRegisterByteCount) {
  Dissection d = DissectHex("0001 0000 0006 11 03 03 000102", kResp);
  EXPECT_EQ(d.status.message(),
            "modbus read_holding_registers response: malformed at offset 8: "
            "byte_count 3 is odd; registers take 2 bytes each");
}

TEST(PduErrorsTest, ByteCountDisagreesWithQuantity) {
  Dissection coils = DissectHex("0001 0000 0008 11 0F 0013 000A 01 CD", kReq);
  EXPECT_EQ(coils.status.code(), StatusCode::kMalformed);
  EXPECT_EQ(coils.status.message(),
            "modbus write_multiple_coils request: malformed at offset 12: "
            "byte_count 1 does not match quantity 10 (needs 2)");
  Dissection regs = DissectHex("0001 0000 0009 11 10 0001 0002 02 000A", kReq);
  EXPECT_EQ(regs.status.message(),
            "modbus write_multiple_registers request: malformed at offset 12: "
            "byte_count 2 does not match quantity 2 (needs 4)");
  Dissection rw = DissectHex(
      "0001 0000 0011 11 17 0003 0006 000E 0002 06 00FF 00FF 00FF", kReq);
  EXPECT_EQ(rw.status.message(),
            "modbus read_write_multiple_registers request: malformed at "
            "offset 16: byte_count 6 does not match quantity 2 (needs 4)");
}

TEST(PduErrorsTest, TruncatedDeviceIdentificationObjectList) {
  // Three objects announced, two present.
  Dissection missing = DissectHex(
      "0001 0000 0011 11 2B 0E 01 01 00 00 03 00 03 616263 01 02 6465", kResp);
  EXPECT_EQ(missing.status.code(), StatusCode::kTruncated);
  EXPECT_EQ(missing.status.message(),
            "modbus read_device_identification response: truncated at offset "
            "23: object_id needs 1 bytes, 0 left");
  EXPECT_EQ(missing.info.function, "read_device_identification");
  const Field* objects = missing.tree.Find("objects");
  ASSERT_NE(objects, nullptr);
  // Two whole objects, then the empty group where the third should start.
  ASSERT_EQ(objects->children.size(), 3u);
  EXPECT_EQ(objects->offset, 14u);
  EXPECT_EQ(objects->length, 9u);
  EXPECT_EQ(objects->children[1].Find("object_value")->value, "de");
  EXPECT_EQ(objects->children[2].offset, 23u);
  EXPECT_TRUE(objects->children[2].children.empty());
  // An object whose value runs past the end.
  Dissection cut =
      DissectHex("0001 0000 000C 11 2B 0E 01 01 00 00 01 02 05 5632", kResp);
  EXPECT_EQ(cut.status.message(),
            "modbus read_device_identification response: truncated at offset "
            "16: object_value needs 5 bytes, 2 left");
}

TEST(PduErrorsTest, OtherCountFaults) {
  EXPECT_EQ(DissectHex("0001 0000 0003 11 08 00", kResp).status.message(),
            "modbus diagnostics response: truncated at offset 8: sub_function "
            "needs 2 bytes, 1 left");
  EXPECT_EQ(
      DissectHex("0001 0000 0007 11 0C 04 0000 0108", kResp).status.message(),
      "modbus get_comm_event_log response: malformed at offset 8: "
      "byte_count 4 is below 6 (status, event count and message count)");
  EXPECT_EQ(
      DissectHex("0001 0000 0008 11 18 0004 0002 01B8", kResp).status.message(),
      "modbus read_fifo_queue response: malformed at offset 10: "
      "fifo_count 2 needs byte_count 6, the PDU says 4");
  EXPECT_EQ(DissectHex("0001 0000 000B 11 14 08 06 0004 0001 0002 00", kReq)
                .status.message(),
            "modbus read_file_record request: malformed at offset 8: "
            "byte_count 8 is not a multiple of 7, the size of one sub-request");
  EXPECT_EQ(
      DissectHex("0001 0000 0007 11 14 04 04 06 0DFE", kResp).status.message(),
      "modbus read_file_record response: malformed at offset 9: "
      "sub-response length 4 must be odd (reference type plus 2-byte "
      "registers)");
  EXPECT_EQ(DissectHex("0001 0000 000C 11 15 09 06 0004 0007 0003 06AF", kReq)
                .status.message(),
            "modbus write_file_record request: truncated at offset 16: "
            "record_data needs 6 bytes, 2 left");
}

TEST(ExceptionTest, EveryCodeDissectsWithItsName) {
  const std::pair<uint8_t, const char*> codes[] = {
      {0x01, "illegal_function"},
      {0x02, "illegal_data_address"},
      {0x03, "illegal_data_value"},
      {0x04, "server_device_failure"},
      {0x05, "acknowledge"},
      {0x06, "server_device_busy"},
      {0x07, "negative_acknowledge"},
      {0x08, "memory_parity_error"},
      {0x09, "unknown_exception_9"},
      {0x0A, "gateway_path_unavailable"},
      {0x0B, "gateway_target_failed_to_respond"},
  };
  for (const auto& [code, name] : codes) {
    EXPECT_EQ(ExceptionCodeName(static_cast<ExceptionCode>(code)), name);
    Bytes adu = Hex("0007 0000 0003 05 83");
    adu.push_back(code);
    Dissection d = ModbusCodec().Dissect(adu, kResp);
    ASSERT_TRUE(d.status.ok()) << d.status.ToString();
    EXPECT_TRUE(d.info.exception);
    EXPECT_EQ(d.info.role, PduRole::kResponse);
    EXPECT_EQ(d.info.function, "read_holding_registers");
    EXPECT_EQ(d.info.pair_key, (uint64_t{7} << 8) | 5);
    EXPECT_EQ(d.tree.name, "modbus.exc");
    EXPECT_EQ(
        Abstract(d.tree, 2),
        "modbus.exc function_code=3 exception_code=" + std::to_string(code));
    Result<ResponseAdu> typed = DecodeResponseAdu(adu);
    ASSERT_TRUE(typed.ok());
    EXPECT_TRUE(typed->pdu.is_exception());
    EXPECT_EQ(typed->pdu.function, 3);
    EXPECT_EQ(std::get<ExceptionBody>(typed->pdu.body).code,
              static_cast<ExceptionCode>(code));
    EXPECT_EQ(ToHex(*EncodeAdu(*typed)), ToHex(adu));
  }
}

TEST(ExceptionTest, MissingOrExtraExceptionCode) {
  Dissection missing = DissectHex("0001 0000 0002 11 83", kResp);
  EXPECT_EQ(missing.status.code(), StatusCode::kTruncated);
  EXPECT_EQ(missing.status.message(),
            "modbus read_holding_registers exception response: truncated at "
            "offset 8: exception_code needs 1 bytes, 0 left");
  EXPECT_TRUE(missing.info.exception);
  EXPECT_EQ(missing.tree.name, "modbus.exc");
  Dissection extra = DissectHex("0001 0000 0004 11 83 02 00", kResp);
  EXPECT_EQ(extra.status.code(), StatusCode::kMalformed);
  EXPECT_EQ(extra.status.message(),
            "modbus read_holding_registers exception response: malformed at "
            "offset 9: 1 bytes left after the last field; the MBAP length is "
            "longer than this function's PDU");
}

TEST(ExceptionTest, ExceptionBitInARequestIsAnUnknownFunction) {
  Dissection d = DissectHex("0001 0000 0003 11 83 02", kReq);
  ASSERT_TRUE(d.status.ok());
  EXPECT_FALSE(d.info.exception);
  EXPECT_EQ(d.info.function, "unknown_fc_131");
  EXPECT_EQ(d.tree.name, "modbus.req");
  Result<RequestAdu> typed = DecodeRequestAdu(Hex("0001 0000 0003 11 83 02"));
  ASSERT_TRUE(typed.ok());
  EXPECT_EQ(std::get<OpaquePdu>(typed->pdu.body).data, Bytes{0x02});
}

TEST(ExceptionTest, UnknownFunctionResponseIsOpaque) {
  Dissection d = DissectHex("0001 0000 0004 11 63 ABCD", kResp);
  ASSERT_TRUE(d.status.ok());
  EXPECT_EQ(d.info.function, "unknown_fc_99");
  EXPECT_EQ(d.tree.Find("data")->value, "abcd");
}

}  // namespace
}  // namespace protolm::modbus
