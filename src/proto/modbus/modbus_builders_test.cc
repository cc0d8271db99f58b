// Builders: every request and response builder encodes to an ADU that
// decodes back to the same typed value; encoders refuse what they cannot
// write; and tshark (when on PATH) dissects a capture of the built ADUs
// without a malformed packet or an expert warning.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "proto/modbus/builders.h"
#include "proto/modbus/range_check.h"

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

// Appends a little-endian integer of `width` bytes.
void PutLe(Bytes& out, uint64_t v, size_t width) {
  for (size_t i = 0; i < width; ++i) out.push_back((v >> (8 * i)) & 0xFF);
}
void PutBe(Bytes& out, uint64_t v, size_t width) {
  for (size_t i = width; i > 0; --i) out.push_back((v >> (8 * (i - 1))) & 0xFF);
}

// One Ethernet/IPv4/TCP packet of a 10.0.0.1:40000 <-> 10.0.0.2:502
// connection, checksums zero (tshark does not verify them by default).
Bytes TcpPacket(bool from_client, uint32_t seq, uint32_t ack,
                const Bytes& payload) {
  Bytes p;
  const Bytes client_mac = {2, 0, 0, 0, 0, 1}, server_mac = {2, 0, 0, 0, 0, 2};
  p.insert(p.end(), (from_client ? server_mac : client_mac).begin(),
           (from_client ? server_mac : client_mac).end());
  p.insert(p.end(), (from_client ? client_mac : server_mac).begin(),
           (from_client ? client_mac : server_mac).end());
  PutBe(p, 0x0800, 2);
  PutBe(p, 0x45000000 | (40 + payload.size()), 4);
  PutBe(p, 0x00014000, 4);  // id 1, don't fragment
  PutBe(p, 0x40060000, 4);  // ttl 64, tcp, checksum 0
  PutBe(p, from_client ? 0x0A000001 : 0x0A000002, 4);
  PutBe(p, from_client ? 0x0A000002 : 0x0A000001, 4);
  PutBe(p, from_client ? 40000 : 502, 2);
  PutBe(p, from_client ? 502 : 40000, 2);
  PutBe(p, seq, 4);
  PutBe(p, ack, 4);
  PutBe(p, 0x5018FFFF, 4);  // header 20 bytes, PSH ACK, window
  PutBe(p, 0, 4);           // checksum, urgent pointer
  p.insert(p.end(), payload.begin(), payload.end());
  return p;
}

TEST(TsharkInteropTest, DissectsBuiltAdusWithoutWarnings) {
  ASSERT_EQ(std::system("command -v tshark >/dev/null 2>&1"), 0)
      << "tshark is not on PATH (scripts/setup.sh installs it)";
  Bytes pcap;
  PutLe(pcap, 0xA1B2C3D4, 4);
  PutLe(pcap, 2, 2);
  PutLe(pcap, 4, 2);
  PutLe(pcap, 0, 8);
  PutLe(pcap, 65535, 4);
  PutLe(pcap, 1, 4);  // Ethernet
  uint32_t client_seq = 1000, server_seq = 5000, second = 1;
  auto add = [&](bool from_client, const Bytes& adu) {
    Bytes packet = from_client ? TcpPacket(true, client_seq, server_seq, adu)
                               : TcpPacket(false, server_seq, client_seq, adu);
    (from_client ? client_seq : server_seq) += adu.size();
    PutLe(pcap, second++, 4);
    PutLe(pcap, 0, 4);
    PutLe(pcap, packet.size(), 4);
    PutLe(pcap, packet.size(), 4);
    pcap.insert(pcap.end(), packet.begin(), packet.end());
  };
  const std::vector<Exchange> exchanges = Exchanges();
  uint16_t transaction_id = 1;
  for (const Exchange& e : exchanges) {
    add(true, *BuildRequestAdu(transaction_id, 1, e.request));
    add(false, *BuildResponseAdu(transaction_id, 1, e.response));
    ++transaction_id;
  }
  const std::string path = ::testing::TempDir() + "modbus_builders_" +
                           std::to_string(getpid()) + ".pcap";
  {
    std::ofstream file(path, std::ios::binary);
    file.write(reinterpret_cast<const char*>(pcap.data()),
               static_cast<std::streamsize>(pcap.size()));
  }
  // One line per frame: frame number, Modbus function code, expert messages.
  const std::string command =
      "tshark -r '" + path +
      "' -T fields -E separator='|' -e frame.number -e modbus.func_code"
      " -e _ws.expert.message -e _ws.malformed 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe))
    output.append(buffer, n);
  EXPECT_EQ(pclose(pipe), 0);
  std::remove(path.c_str());

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
