// Golden ADUs: the request/response examples of the Modbus Application
// Protocol Specification V1.1b3 (section 6, one per function, and the
// exception example of section 7) wrapped in an MBAP header, plus ADUs taken
// from the sample captures under /work/shared/data/pcaps/modbus. Each must
// dissect without fault to the expected fields (name, value, byte range),
// decode to a typed value that re-encodes to the same bytes, and give the
// same tree through ToTree.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "proto/modbus/adu.h"
#include "proto/modbus/modbus_codec.h"

namespace protolm::modbus {
namespace {

struct ExpectedField {
  const char* path;
  const char* value;
  size_t offset;
  size_t length;
};

struct GoldenCase {
  const char* name;
  Direction dir;
  const char* adu_hex;
  const char* function;  // PduInfo.function
  const char* abstract2;
  std::vector<ExpectedField> fields;
};

constexpr Direction kReq = Direction::kClientToServer;
constexpr Direction kResp = Direction::kServerToClient;

// MBAP headers below: transaction id 0x0001, protocol id 0, length, unit id
// 0x11 for the specification examples.
const std::vector<GoldenCase>& Cases() {
  static const std::vector<GoldenCase> cases = {
      // 6.1 Read Coils.
      {"spec_read_coils_req",
       kReq,
       "0001 0000 0006 11 01 0013 0013",
       "read_coils",
       "modbus.req function_code=1",
       {{"mbap.trans_id", "1", 0, 2},
        {"mbap.proto_id", "0", 2, 2},
        {"mbap.length", "6", 4, 2},
        {"mbap.unit_id", "17", 6, 1},
        {"function_code", "1", 7, 1},
        {"address", "19", 8, 2},
        {"quantity", "19", 10, 2}}},
      {"spec_read_coils_resp",
       kResp,
       "0001 0000 0006 11 01 03 CD6B05",
       "read_coils",
       "modbus.resp function_code=1",
       {{"byte_count", "3", 8, 1}, {"coils", "cd6b05", 9, 3}}},
      // 6.2 Read Discrete Inputs.
      {"spec_read_discrete_inputs_req",
       kReq,
       "0001 0000 0006 11 02 00C4 0016",
       "read_discrete_inputs",
       "modbus.req function_code=2",
       {{"address", "196", 8, 2}, {"quantity", "22", 10, 2}}},
      {"spec_read_discrete_inputs_resp",
       kResp,
       "0001 0000 0006 11 02 03 ACDB35",
       "read_discrete_inputs",
       "modbus.resp function_code=2",
       {{"inputs", "acdb35", 9, 3}}},
      // 6.3 Read Holding Registers.
      {"spec_read_holding_registers_req",
       kReq,
       "0001 0000 0006 11 03 006B 0003",
       "read_holding_registers",
       "modbus.req function_code=3",
       {{"address", "107", 8, 2}, {"quantity", "3", 10, 2}}},
      {"spec_read_holding_registers_resp",
       kResp,
       "0001 0000 0009 11 03 06 022B 0000 0064",
       "read_holding_registers",
       "modbus.resp function_code=3",
       {{"byte_count", "6", 8, 1},
        {"registers", "555,0,100", 9, 6},
        {"registers.register", "555", 9, 2}}},
      // 6.4 Read Input Registers.
      {"spec_read_input_registers_req",
       kReq,
       "0001 0000 0006 11 04 0008 0001",
       "read_input_registers",
       "modbus.req function_code=4",
       {{"address", "8", 8, 2}, {"quantity", "1", 10, 2}}},
      {"spec_read_input_registers_resp",
       kResp,
       "0001 0000 0005 11 04 02 000A",
       "read_input_registers",
       "modbus.resp function_code=4",
       {{"registers", "10", 9, 2}}},
      // 6.5 Write Single Coil.
      {"spec_write_single_coil_req",
       kReq,
       "0001 0000 0006 11 05 00AC FF00",
       "write_single_coil",
       "modbus.req function_code=5",
       {{"address", "172", 8, 2}, {"value", "65280", 10, 2}}},
      {"spec_write_single_coil_resp",
       kResp,
       "0001 0000 0006 11 05 00AC FF00",
       "write_single_coil",
       "modbus.resp function_code=5",
       {{"value", "65280", 10, 2}}},
      // 6.6 Write Single Register.
      {"spec_write_single_register_req",
       kReq,
       "0001 0000 0006 11 06 0001 0003",
       "write_single_register",
       "modbus.req function_code=6",
       {{"address", "1", 8, 2}, {"value", "3", 10, 2}}},
      // 6.7 Read Exception Status.
      {"spec_read_exception_status_req",
       kReq,
       "0001 0000 0002 11 07",
       "read_exception_status",
       "modbus.req function_code=7",
       {}},
      {"spec_read_exception_status_resp",
       kResp,
       "0001 0000 0003 11 07 6D",
       "read_exception_status",
       "modbus.resp function_code=7",
       {{"outputs", "109", 8, 1}}},
      // 6.8 Diagnostics, sub-function 0 (return query data).
      {"spec_diagnostics_req",
       kReq,
       "0001 0000 0006 11 08 0000 A537",
       "diagnostics",
       "modbus.req function_code=8",
       {{"sub_function", "0", 8, 2}, {"data", "a537", 10, 2}}},
      {"spec_diagnostics_resp",
       kResp,
       "0001 0000 0006 11 08 0000 A537",
       "diagnostics",
       "modbus.resp function_code=8",
       {{"sub_function", "0", 8, 2}, {"data", "a537", 10, 2}}},
      // 6.9 Get Comm Event Counter.
      {"spec_get_comm_event_counter_req",
       kReq,
       "0001 0000 0002 11 0B",
       "get_comm_event_counter",
       "modbus.req function_code=11",
       {}},
      {"spec_get_comm_event_counter_resp",
       kResp,
       "0001 0000 0006 11 0B FFFF 0108",
       "get_comm_event_counter",
       "modbus.resp function_code=11",
       {{"status", "65535", 8, 2}, {"event_count", "264", 10, 2}}},
      // 6.10 Get Comm Event Log.
      {"spec_get_comm_event_log_resp",
       kResp,
       "0001 0000 000B 11 0C 08 0000 0108 0121 2000",
       "get_comm_event_log",
       "modbus.resp function_code=12",
       {{"byte_count", "8", 8, 1},
        {"status", "0", 9, 2},
        {"event_count", "264", 11, 2},
        {"message_count", "289", 13, 2},
        {"events", "2000", 15, 2}}},
      // 6.11 Write Multiple Coils.
      {"spec_write_multiple_coils_req",
       kReq,
       "0001 0000 0009 11 0F 0013 000A 02 CD01",
       "write_multiple_coils",
       "modbus.req function_code=15",
       {{"address", "19", 8, 2},
        {"quantity", "10", 10, 2},
        {"byte_count", "2", 12, 1},
        {"coils", "cd01", 13, 2}}},
      {"spec_write_multiple_coils_resp",
       kResp,
       "0001 0000 0006 11 0F 0013 000A",
       "write_multiple_coils",
       "modbus.resp function_code=15",
       {{"address", "19", 8, 2}, {"quantity", "10", 10, 2}}},
      // 6.12 Write Multiple Registers.
      {"spec_write_multiple_registers_req",
       kReq,
       "0001 0000 000B 11 10 0001 0002 04 000A 0102",
       "write_multiple_registers",
       "modbus.req function_code=16",
       {{"quantity", "2", 10, 2},
        {"byte_count", "4", 12, 1},
        {"registers", "10,258", 13, 4}}},
      {"spec_write_multiple_registers_resp",
       kResp,
       "0001 0000 0006 11 10 0001 0002",
       "write_multiple_registers",
       "modbus.resp function_code=16",
       {{"quantity", "2", 10, 2}}},
      // 6.13 Report Server ID: request (the response is device specific, see
      // the capture cases below).
      {"spec_report_server_id_req",
       kReq,
       "0001 0000 0002 11 11",
       "report_server_id",
       "modbus.req function_code=17",
       {}},
      // 6.14 Read File Record.
      {"spec_read_file_record_req",
       kReq,
       "0001 0000 0011 11 14 0E 06 0004 0001 0002 06 0003 0009 0002",
       "read_file_record",
       "modbus.req function_code=20",
       {{"byte_count", "14", 8, 1},
        {"sub_request", "", 9, 7},
        {"sub_request.reference_type", "6", 9, 1},
        {"sub_request.file_number", "4", 10, 2},
        {"sub_request.record_number", "1", 12, 2},
        {"sub_request.record_length", "2", 14, 2}}},
      {"spec_read_file_record_resp",
       kResp,
       "0001 0000 000F 11 14 0C 05 06 0DFE 0020 05 06 33CD 0040",
       "read_file_record",
       "modbus.resp function_code=20",
       {{"data_length", "12", 8, 1},
        {"sub_response", "", 9, 6},
        {"sub_response.length", "5", 9, 1},
        {"sub_response.record_data", "3582,32", 11, 4}}},
      // 6.15 Write File Record.
      {"spec_write_file_record_req",
       kReq,
       "0001 0000 0010 11 15 0D 06 0004 0007 0003 06AF 04BE 100D",
       "write_file_record",
       "modbus.req function_code=21",
       {{"data_length", "13", 8, 1},
        {"sub_request", "", 9, 13},
        {"sub_request.record_number", "7", 12, 2},
        {"sub_request.record_length", "3", 14, 2},
        {"sub_request.record_data", "1711,1214,4109", 16, 6}}},
      {"spec_write_file_record_resp",
       kResp,
       "0001 0000 0010 11 15 0D 06 0004 0007 0003 06AF 04BE 100D",
       "write_file_record",
       "modbus.resp function_code=21",
       {{"sub_request.file_number", "4", 10, 2}}},
      // 6.16 Mask Write Register.
      {"spec_mask_write_register_req",
       kReq,
       "0001 0000 0008 11 16 0004 00F2 0025",
       "mask_write_register",
       "modbus.req function_code=22",
       {{"address", "4", 8, 2},
        {"and_mask", "242", 10, 2},
        {"or_mask", "37", 12, 2}}},
      // 6.17 Read/Write Multiple registers.
      {"spec_read_write_multiple_registers_req",
       kReq,
       "0001 0000 0011 11 17 0003 0006 000E 0003 06 00FF 00FF 00FF",
       "read_write_multiple_registers",
       "modbus.req function_code=23",
       {{"read_address", "3", 8, 2},
        {"read_quantity", "6", 10, 2},
        {"write_address", "14", 12, 2},
        {"write_quantity", "3", 14, 2},
        {"byte_count", "6", 16, 1},
        {"registers", "255,255,255", 17, 6}}},
      {"spec_read_write_multiple_registers_resp",
       kResp,
       "0001 0000 000F 11 17 0C 00FE 0ACD 0001 0003 000D 00FF",
       "read_write_multiple_registers",
       "modbus.resp function_code=23",
       {{"registers", "254,2765,1,3,13,255", 9, 12}}},
      // 6.18 Read FIFO Queue.
      {"spec_read_fifo_queue_req",
       kReq,
       "0001 0000 0004 11 18 04DE",
       "read_fifo_queue",
       "modbus.req function_code=24",
       {{"address", "1246", 8, 2}}},
      {"spec_read_fifo_queue_resp",
       kResp,
       "0001 0000 000A 11 18 0006 0002 01B8 1284",
       "read_fifo_queue",
       "modbus.resp function_code=24",
       {{"byte_count", "6", 8, 2},
        {"fifo_count", "2", 10, 2},
        {"registers", "440,4740", 12, 4}}},
      // 6.21 Read Device Identification. The specification prints the
      // ProductCode length as 0x0D; "Product code XX" has 15 bytes, so 0x0F.
      {"spec_read_device_identification_req",
       kReq,
       "0001 0000 0005 11 2B 0E 01 00",
       "read_device_identification",
       "modbus.req function_code=43 mei_type=14",
       {{"mei_type", "14", 8, 1},
        {"read_code", "1", 9, 1},
        {"object_id", "0", 10, 1}}},
      {"spec_read_device_identification_resp",
       kResp,
       "0001 0000 0038 11 2B 0E 01 01 00 00 03"
       " 00 16 436F6D70616E79206964656E74696669636174696F6E"
       " 01 0F 50726F6475637420636F6465205858"
       " 02 05 56322E3131",
       "read_device_identification",
       "modbus.resp function_code=43 mei_type=14",
       {{"read_code", "1", 9, 1},
        {"conformity_level", "1", 10, 1},
        {"more_follows", "0", 11, 1},
        {"next_object_id", "0", 12, 1},
        {"number_of_objects", "3", 13, 1},
        {"objects", "", 14, 48},
        {"objects.object", "", 14, 24},
        {"objects.object.object_id", "0", 14, 1},
        {"objects.object.object_length", "22", 15, 1},
        {"objects.object.object_value", "Company\\x20identification", 16, 22}}},
      // 6.19 CANopen General Reference: opaque MEI data.
      {"canopen_general_reference_req",
       kReq,
       "0001 0000 0006 11 2B 0D 000102",
       "encapsulated_interface_transport",
       "modbus.req function_code=43 mei_type=13",
       {{"mei_type", "13", 8, 1}, {"data", "000102", 9, 3}}},
      // 7 Exception example: read coils of a missing address.
      {"spec_exception_req",
       kReq,
       "0001 0000 0006 0A 01 04A1 0001",
       "read_coils",
       "modbus.req function_code=1",
       {{"address", "1185", 8, 2}}},
      {"spec_exception_resp",
       kResp,
       "0001 0000 0003 0A 81 02",
       "read_coils",
       "modbus.exc function_code=1 exception_code=2",
       {{"function_code", "1", 7, 1}, {"exception_code", "2", 8, 1}}},
      // From modbusSmall.pcap.
      {"pcap_write_multiple_coils_req",
       kReq,
       "000100000008010f000000030100",
       "write_multiple_coils",
       "modbus.req function_code=15",
       {{"quantity", "3", 10, 2}, {"coils", "00", 13, 1}}},
      {"pcap_read_coils_resp",
       kResp,
       "00010000000401010104",
       "read_coils",
       "modbus.resp function_code=1",
       {{"coils", "04", 9, 1}}},
      // From modbus_test_data_part1.pcap.
      {"pcap_diagnostics_force_listen_only_req",
       kReq,
       "0000000000060a0800040000",
       "diagnostics",
       "modbus.req function_code=8",
       {{"mbap.unit_id", "10", 6, 1}, {"sub_function", "4", 8, 2}}},
      {"pcap_diagnostics_exception_resp",
       kResp,
       "0000000000030a880b",
       "diagnostics",
       "modbus.exc function_code=8 exception_code=11",
       {{"exception_code", "11", 8, 1}}},
      {"pcap_report_server_id_resp",
       kResp,
       "0000000000150a111200ff57696e6770617468204c696d69746564",
       "report_server_id",
       "modbus.resp function_code=17",
       {{"byte_count", "18", 8, 1},
        {"data", "00ff57696e6770617468204c696d69746564", 9, 18}}},
      {"pcap_read_holding_registers_resp",
       kResp,
       "0001000000070a030400090018",
       "read_holding_registers",
       "modbus.resp function_code=3",
       {{"registers", "9,24", 9, 4}}},
      // From modbus_test_data_part2.pcap and fuzz-72.pcap.
      {"pcap_read_exception_status_resp",
       kResp,
       "000000000003010715",
       "read_exception_status",
       "modbus.resp function_code=7",
       {{"outputs", "21", 8, 1}}},
      {"pcap_unknown_function_exception_resp",
       kResp,
       "00000000000301a001",
       "unknown_fc_32",
       "modbus.exc function_code=32 exception_code=1",
       {{"exception_code", "1", 8, 1}}},
      {"pcap_unknown_function_req",
       kReq,
       "000000000006011d00000000",
       "unknown_fc_29",
       "modbus.req function_code=29",
       {{"data", "00000000", 8, 4}}},
  };
  return cases;
}

// gtest prints a failing parameter by its name.
void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

Bytes Hex(const char* text) {
  Result<Bytes> bytes = FromHex(text);
  EXPECT_TRUE(bytes.ok()) << text;
  return bytes.ok() ? *bytes : Bytes{};
}

class GoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenTest, DissectsToExpectedFields) {
  const GoldenCase& c = GetParam();
  const Bytes adu = Hex(c.adu_hex);
  const Codec& codec = ModbusCodec();

  FrameResult frame = codec.Frame(adu);
  ASSERT_EQ(frame.kind, FrameResult::Kind::kFrame);
  EXPECT_EQ(frame.length, adu.size());

  Dissection d = codec.Dissect(adu, c.dir);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_TRUE(codec.Inspect(adu, c.dir) == (Inspection{d.info, d.status}));
  EXPECT_EQ(d.info.function, c.function);
  EXPECT_EQ(d.info.role,
            c.dir == kReq ? PduRole::kRequest : PduRole::kResponse);
  EXPECT_EQ(d.info.exception,
            std::string(c.abstract2).starts_with("modbus.exc"));
  const uint64_t tid = (uint64_t{adu[0]} << 8) | adu[1];
  EXPECT_EQ(d.info.pair_key, (tid << 8) | adu[6]);
  EXPECT_EQ(Abstract(d.tree, 2), c.abstract2);
  EXPECT_EQ(d.tree.offset, 0u);
  EXPECT_EQ(d.tree.length, adu.size());
  for (const ExpectedField& want : c.fields) {
    const Field* got = d.tree.Find(want.path);
    ASSERT_NE(got, nullptr) << want.path << "\n" << RenderTree(d.tree);
    EXPECT_EQ(got->value, want.value) << want.path;
    EXPECT_EQ(got->offset, want.offset) << want.path;
    EXPECT_EQ(got->length, want.length) << want.path;
  }
}

TEST_P(GoldenTest, ReencodesToSameBytesAndTree) {
  const GoldenCase& c = GetParam();
  const Bytes adu = Hex(c.adu_hex);
  const Field dissected = DissectAdu(adu, c.dir).tree;
  if (c.dir == kReq) {
    Result<RequestAdu> typed = DecodeRequestAdu(adu);
    ASSERT_TRUE(typed.ok()) << typed.status().ToString();
    Result<Bytes> again = EncodeAdu(*typed);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(ToHex(*again), ToHex(adu));
    Result<Field> tree = ToTree(*typed);
    ASSERT_TRUE(tree.ok());
    EXPECT_EQ(RenderTree(*tree), RenderTree(dissected));
  } else {
    Result<ResponseAdu> typed = DecodeResponseAdu(adu);
    ASSERT_TRUE(typed.ok()) << typed.status().ToString();
    Result<Bytes> again = EncodeAdu(*typed);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(ToHex(*again), ToHex(adu));
    Result<Field> tree = ToTree(*typed);
    ASSERT_TRUE(tree.ok());
    EXPECT_EQ(RenderTree(*tree), RenderTree(dissected));
  }
}

INSTANTIATE_TEST_SUITE_P(Modbus, GoldenTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<GoldenCase>& info) {
                           return std::string(info.param.name);
                         });

TEST(GoldenTreeTest, ReadHoldingRegistersResponseRendersInFull) {
  const Bytes adu = Hex("0001 0000 0009 11 03 06 022B 0000 0064");
  Dissection d = DissectAdu(adu, Direction::kServerToClient);
  ASSERT_TRUE(d.status.ok());
  EXPECT_EQ(RenderTree(d.tree),
            "modbus.resp = read_holding_registers [0+15]\n"
            "  mbap [0+7]\n"
            "    trans_id = 1 [0+2]\n"
            "    proto_id = 0 [2+2]\n"
            "    length = 9 [4+2]\n"
            "    unit_id = 17 [6+1]\n"
            "  function_code = 3 [7+1]\n"
            "  byte_count = 6 [8+1]\n"
            "  registers = 555,0,100 [9+6]\n"
            "    register = 555 [9+2]\n"
            "    register = 0 [11+2]\n"
            "    register = 100 [13+2]\n");
  EXPECT_EQ(Abstract(d.tree, 3),
            "modbus.resp unit_id=17 function_code=3 byte_count=6");
  EXPECT_EQ(Abstract(d.tree, 4),
            "modbus.resp unit_id=17 function_code=3 byte_count=6 "
            "registers=555,0,100");
}

TEST(GoldenTreeTest, ReadRequestAbstractsByDepth) {
  const Bytes adu = Hex("0001 0000 0006 11 03 006B 0003");
  Dissection d = DissectAdu(adu, Direction::kClientToServer);
  ASSERT_TRUE(d.status.ok());
  EXPECT_EQ(Abstract(d.tree, 2), "modbus.req function_code=3");
  EXPECT_EQ(Abstract(d.tree, 3),
            "modbus.req unit_id=17 function_code=3 address=107 quantity=3");
}

}  // namespace
}  // namespace protolm::modbus
