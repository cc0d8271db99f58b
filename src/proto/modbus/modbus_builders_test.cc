// Builders: every request and response builder encodes to an ADU that
// decodes back to the same typed value; encoders refuse what they cannot
// write; and tshark dissects a capture of the built ADUs without a
// malformed packet or an expert message.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "capture/tcp_conversation_writer.h"
#include "proto/modbus/builders.h"
#include "proto/modbus/range_check.h"
#include "testing/run_program.h"
#include "testing/scratch_dir.h"
#include "testing/shell.h"

namespace protolm::modbus {
namespace {

struct Exchange {
  const char* name;
  Request request;
  Response response;
};

DeviceIdResponse BasicDeviceId() {
  DeviceIdResponse id;
  id.read_code = read_code::kBasic;
  id.conformity_level = 0x81;
  id.more_follows = kNoMoreObjects;
  id.next_object_id = 0;
  id.objects = {{0, Bytes{'A', 'c', 'm', 'e'}},
                {1, Bytes{'P', 'L', 'C', '-', '1'}},
                {2, Bytes{'V', '1', '.', '0'}}};
  return id;
}

DeviceIdResponse IndividualDeviceId() {
  DeviceIdResponse id;
  id.read_code = read_code::kIndividual;
  id.conformity_level = 0x83;
  id.objects = {{2, Bytes{'V', '1', '.', '0'}}};
  return id;
}

std::vector<bool> Bits(size_t n) {
  std::vector<bool> bits(n);
  for (size_t i = 0; i < n; ++i) bits[i] = (i * 7) % 3 == 0;
  return bits;
}

// One well-formed exchange per function the codec models, plus an exception.
std::vector<Exchange> Exchanges() {
  return {
      {"read_coils", ReadCoils(19, 19), ReadBitsResponse(1, Bits(19))},
      {"read_discrete_inputs", ReadDiscreteInputs(196, 22),
       ReadBitsResponse(2, Bits(22))},
      {"read_holding_registers", ReadHoldingRegisters(107, 3),
       ReadRegistersResponse(3, {555, 0, 100})},
      {"read_input_registers", ReadInputRegisters(8, 1),
       ReadRegistersResponse(4, {10})},
      {"write_single_coil", WriteSingleCoil(172, true),
       WriteSingleResponse(5, 172, 0xFF00)},
      {"write_single_register", WriteSingleRegister(1, 3),
       WriteSingleResponse(6, 1, 3)},
      {"read_exception_status", ReadExceptionStatus(),
       ReadExceptionStatusResponse(0x6D)},
      {"diagnostics", Diagnostics(diag::kReturnQueryData, {0xA5, 0x37}),
       DiagnosticsResponse(diag::kReturnQueryData, {0xA5, 0x37})},
      {"get_comm_event_counter", GetCommEventCounter(),
       GetCommEventCounterResponse(0xFFFF, 0x0108)},
      {"get_comm_event_log", GetCommEventLog(),
       GetCommEventLogResponse(0, 0x0108, 0x0121, {0x20, 0x00})},
      {"write_multiple_coils", WriteMultipleCoils(19, Bits(10)),
       WriteMultipleResponse(15, 19, 10)},
      {"write_multiple_registers", WriteMultipleRegisters(1, {10, 258}),
       WriteMultipleResponse(16, 1, 2)},
      {"report_server_id", ReportServerId(),
       ReportServerIdResponse({0x01, 0xFF, 'p', 'l', 'c'})},
      {"read_file_record", ReadFileRecord({{6, 4, 1, 2}, {6, 3, 9, 2}}),
       ReadFileRecordResponse({{6, {0x0DFE, 0x0020}}, {6, {0x33CD, 0x0040}}})},
      {"write_file_record", WriteFileRecord({{6, 4, 7, {0x06AF, 0x04BE}}}),
       WriteFileRecordResponse({{6, 4, 7, {0x06AF, 0x04BE}}})},
      {"mask_write_register", MaskWriteRegister(4, 0x00F2, 0x0025),
       MaskWriteRegisterResponse(4, 0x00F2, 0x0025)},
      {"read_write_multiple_registers",
       ReadWriteMultipleRegisters(3, 6, 14, {0xFF, 0xFF, 0xFF}),
       ReadRegistersResponse(23, {0xFE, 0xACD, 1, 3, 0xD, 0xFF})},
      {"read_fifo_queue", ReadFifoQueue(0x04DE),
       ReadFifoQueueResponse({0x01B8, 0x1284})},
      {"read_device_identification", ReadDeviceIdentification(1, 0),
       ReadDeviceIdentificationResponse(BasicDeviceId())},
      {"read_device_identification_individual", ReadDeviceIdentification(4, 2),
       ReadDeviceIdentificationResponse(IndividualDeviceId())},
      {"canopen_general_reference", EncapsulatedInterfaceTransport(13, {1, 2}),
       EncapsulatedInterfaceTransportResponse(13, {1, 2, 3})},
      {"exception", ReadHoldingRegisters(0x04A1, 1),
       ExceptionResponse(fc::kReadHoldingRegisters,
                         ExceptionCode::kIllegalDataAddress)},
  };
}

TEST(BuildersTest, EveryExchangeRoundTripsThroughItsBytes) {
  uint16_t transaction_id = 1;
  for (const Exchange& e : Exchanges()) {
    SCOPED_TRACE(e.name);
    Result<Bytes> req = BuildRequestAdu(transaction_id, 9, e.request);
    ASSERT_TRUE(req.ok()) << req.status().ToString();
    Result<RequestAdu> decoded_req = DecodeRequestAdu(*req);
    ASSERT_TRUE(decoded_req.ok()) << decoded_req.status().ToString();
    EXPECT_EQ(decoded_req->pdu, e.request);
    EXPECT_EQ(decoded_req->mbap.transaction_id, transaction_id);
    EXPECT_EQ(decoded_req->mbap.unit_id, 9);
    EXPECT_EQ(decoded_req->mbap.length, req->size() - 6);
    EXPECT_FALSE(CheckRequestRanges(e.request).has_value());

    Result<Bytes> resp = BuildResponseAdu(transaction_id, 9, e.response);
    ASSERT_TRUE(resp.ok()) << resp.status().ToString();
    Result<ResponseAdu> decoded_resp = DecodeResponseAdu(*resp);
    ASSERT_TRUE(decoded_resp.ok()) << decoded_resp.status().ToString();
    EXPECT_EQ(decoded_resp->pdu, e.response);
    ++transaction_id;
  }
}

TEST(BuildersTest, BitsPackLeastSignificantFirst) {
  const std::vector<bool> bits = {true,  false, true, true, false,
                                  false, true,  true, true, false};
  EXPECT_EQ(PackBits(bits), (Bytes{0xCD, 0x01}));
  EXPECT_EQ(UnpackBits(Bytes{0xCD, 0x01}, 10), bits);
  EXPECT_EQ(UnpackBits(Bytes{0xFF}, 20).size(), 8u);
}

TEST(BuildersTest, EncodersRefuseWhatTheirFieldsCannotHold) {
  Result<Bytes> too_many =
      EncodePdu(WriteMultipleRegisters(0, std::vector<uint16_t>(128, 0)));
  EXPECT_EQ(too_many.status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(too_many.status().message(),
            "modbus encode: register count is 128, more than the 127 its "
            "field holds");
  Request bad_coils{fc::kWriteMultipleCoils,
                    WriteCoilsRequest{0, 10, Bytes{0xFF}}};
  EXPECT_EQ(EncodePdu(bad_coils).status().message(),
            "modbus encode: write_multiple_coils quantity 10 needs 2 packed "
            "bytes, got 1; build it with PackBits");
  Result<Bytes> too_long =
      BuildResponseAdu(1, 1, ReportServerIdResponse(Bytes(255, 0x41)));
  EXPECT_EQ(too_long.status().message(),
            "modbus encode: MBAP length (unit id + PDU) is 258, more than the "
            "254 its field holds");
}

TEST(BuildersTest, IllegalRequestsStillEncode) {
  // The prober sends these; a server answers them with an exception.
  Result<Bytes> zero = BuildRequestAdu(1, 1, ReadCoils(0, 0));
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(ToHex(*zero), "000100000006010100000000");
  Result<Bytes> raw = BuildRequestAdu(2, 1, RawRequest(3, {0x00}));
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(ToHex(*raw),
            "0002000000030103"
            "00");
  EXPECT_FALSE(DecodeRequestAdu(*raw).ok());
}

// --- Interop with tshark -------------------------------------------------

TEST(TsharkInteropTest, DissectsBuiltAdusWithoutWarnings) {
  ASSERT_TRUE(testing::ToolInstalled("tshark"));
  testing::ScratchDir scratch;
  const std::string path = scratch.Path("modbus_builders.pcap");
  Result<TcpConversationWriter> writer = TcpConversationWriter::Create(
      path, {"10.0.0.1", 40000}, {"10.0.0.2", 502});
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  const std::vector<Exchange> exchanges = Exchanges();
  int64_t ts_us = 1000000;
  uint16_t transaction_id = 1;
  for (const Exchange& e : exchanges) {
    Result<Bytes> request = BuildRequestAdu(transaction_id, 1, e.request);
    Result<Bytes> response = BuildResponseAdu(transaction_id, 1, e.response);
    ASSERT_TRUE(request.ok() && response.ok()) << e.name;
    ASSERT_TRUE(
        writer->Send(Direction::kClientToServer, ts_us++, *request).ok());
    ASSERT_TRUE(
        writer->Send(Direction::kServerToClient, ts_us++, *response).ok());
    ++transaction_id;
  }
  ASSERT_TRUE(writer->Close(ts_us).ok());

  // One line per frame that carries an ADU (the handshake, the ACKs and the
  // teardown carry none): frame number, Modbus function code, expert
  // messages, malformed.
  testing::CommandResult tshark = testing::RunCommand(
      {"tshark", "-r", path, "-Y", "tcp.len > 0", "-T", "fields", "-E",
       "separator=|", "-e", "frame.number", "-e", "modbus.func_code", "-e",
       "_ws.expert.message", "-e", "_ws.malformed"});
  EXPECT_EQ(tshark.exit_code, 0) << tshark.err;
  const std::string& output = tshark.out;

  size_t frames = 0;
  size_t start = 0;
  while (start < output.size()) {
    size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    const std::string line = output.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    ++frames;
    // frame|func_code|expert|malformed: the last two must be empty.
    const size_t first_bar = line.find('|');
    const size_t second_bar = line.find('|', first_bar + 1);
    ASSERT_NE(second_bar, std::string::npos) << line;
    EXPECT_NE(second_bar, first_bar + 1) << "not Modbus: " << line;
    EXPECT_EQ(line.substr(second_bar), "||") << line;
  }
  EXPECT_EQ(frames, 2 * exchanges.size());
}

}  // namespace
}  // namespace protolm::modbus
