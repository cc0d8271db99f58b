// Tests of reading dataset records back: the protocol found from the bytes
// when a record names none, the fields kept, and bad lines as errors.
#include "trace/dataset_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "proto/modbus/builders.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"

namespace protolm {
namespace {

std::string ModbusRequestHex(uint16_t transaction_id) {
  return ToHex(modbus::BuildRequestAdu(transaction_id, 1,
                                       modbus::ReadHoldingRegisters(0, 2))
                   .value());
}

std::string S7SetupHex(bool ack) {
  s7comm::S7Pdu pdu = ack ? s7comm::SetupCommunicationAckData(1, 1, 1, 240)
                          : s7comm::SetupCommunicationJob(1, 1, 1, 480);
  return ToHex(s7comm::FrameS7Pdu(pdu).value());
}

TEST(DatasetReader, ProtocolOfARecordWithoutOneComesFromItsBytes) {
  testing::ScratchDir dir;
  const std::string path = dir.Path("d.jsonl");
  testing::WriteFile(
      path, "{\"request\":\"" + ModbusRequestHex(7) + "\"}\n" +
                // A transaction id of 0x0300 starts like a TPKT header.
                "{\"request\":\"" + ModbusRequestHex(0x0300) + "\"}\n" +
                "{\"request\":\"" + S7SetupHex(false) + "\"}\n" +
                "{\"request\":null,\"response\":\"" + S7SetupHex(true) +
                "\"}\n" + "{\"request\":\"ffffffff\"}\n" +
                "{\"protocol\":\"s7comm\",\"request\":\"" +
                ModbusRequestHex(7) + "\"}\n");
  auto records = ReadDataset(path);
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_EQ(records->size(), 6u);
  EXPECT_EQ((*records)[0].protocol, "modbus");
  EXPECT_EQ((*records)[1].protocol, "modbus");
  EXPECT_EQ((*records)[2].protocol, "s7comm");
  EXPECT_EQ((*records)[3].protocol, "s7comm");
  EXPECT_EQ((*records)[4].protocol, "");        // no codec claims these bytes
  EXPECT_EQ((*records)[5].protocol, "s7comm");  // named: kept as written
}

TEST(DatasetReader, KeepsEndpointsTimesAndContext) {
  testing::ScratchDir dir;
  const std::string path = dir.Path("d.jsonl");
  testing::WriteFile(
      path,
      "\n{\"session\":2,\"client\":\"10.0.0.2:40001\",\"server\":"
      "\"10.0.0.1:502\",\"request\":\"01\",\"response\":null,"
      "\"request_time_us\":17,\"response_time_us\":null,\"context\":"
      "[{\"request\":\"02\",\"response\":\"03\"}]}\n");
  auto records = ReadDataset(path);
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_EQ(records->size(), 1u);
  const DatasetRecord& r = (*records)[0];
  EXPECT_EQ(r.where, path + ":2");
  EXPECT_EQ(r.session, 2u);
  EXPECT_EQ(r.client, "10.0.0.2:40001");
  EXPECT_EQ(r.server, "10.0.0.1:502");
  EXPECT_EQ(r.request_time_us, 17);
  EXPECT_FALSE(r.response_time_us.has_value());
  EXPECT_EQ(r.function, "unknown");
  ASSERT_TRUE(r.context.has_value());
  ASSERT_EQ(r.context->size(), 1u);
  EXPECT_EQ((*r.context)[0].response, Bytes{3});
}

TEST(DatasetReader, TheFirstBadLineIsTheError) {
  testing::ScratchDir dir;
  const std::string path = dir.Path("d.jsonl");
  testing::WriteFile(path,
                     "{\"request\":\"01\"}\n[1,2]\n{\"request\":\"0\"}\n");
  auto records = ReadDataset(path);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), StatusCode::kMalformed);
  EXPECT_EQ(records.status().message(),
            path + ":2: not a JSON object; each line must be one record");
  EXPECT_EQ(ReadDataset(dir.Path("missing.jsonl")).status().code(),
            StatusCode::kIoError);
}

}  // namespace
}  // namespace protolm
