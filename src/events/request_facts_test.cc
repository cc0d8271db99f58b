// DescribeRequest on Modbus and S7comm requests, well-formed and not.
#include "events/request_facts.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace protolm::events {
namespace {

Bytes Hex(std::string_view text) { return FromHex(text).value(); }

TEST(DescribeRequest, ModbusRead) {
  RequestFacts f = DescribeRequest("modbus", Hex("000100000006010300000002"));
  EXPECT_TRUE(f.well_formed);
  EXPECT_EQ(f.summary,
            "modbus.req unit_id=1 function_code=3 address=0 quantity=2");
  EXPECT_EQ(f.function, "3");
  EXPECT_FALSE(f.write_attempted);
  nlohmann::json fields = nlohmann::json::parse(f.fields_json);
  EXPECT_EQ(fields["mbap.trans_id"], 1);
  EXPECT_EQ(fields["mbap.unit_id"], 1);
  EXPECT_EQ(fields["quantity"], 2);
}

TEST(DescribeRequest, ModbusWriteAndDeviceIdentification) {
  RequestFacts write =
      DescribeRequest("modbus", Hex("000100000006010600010005"));
  EXPECT_EQ(write.function, "6");
  EXPECT_TRUE(write.write_attempted);
  RequestFacts id = DescribeRequest("modbus", Hex("5a4700000005002b0e0100"));
  EXPECT_EQ(id.function, "43/14");
  EXPECT_FALSE(id.write_attempted);
}

TEST(DescribeRequest, S7WriteVar) {
  // write_var of one byte to DB1.DBB0.
  RequestFacts f = DescribeRequest(
      "s7comm", Hex("0300002402f080320100000200000e00050501120a10020001000184"
                    "000000000400080a"));
  EXPECT_EQ(f.function, "write_var") << f.error;
  EXPECT_TRUE(f.write_attempted);
  RequestFacts setup = DescribeRequest(
      "s7comm", Hex("0300001902f08032010000000000080000f0000001000101e0"));
  EXPECT_EQ(setup.function, "setup_communication");
  EXPECT_FALSE(setup.write_attempted);
}

TEST(DescribeRequest, MalformedKeepsWhatWasRead) {
  RequestFacts f = DescribeRequest("modbus", Hex("00010000000601"));
  EXPECT_FALSE(f.well_formed);
  EXPECT_FALSE(f.error.empty());
  EXPECT_EQ(nlohmann::json::parse(f.fields_json)["mbap.unit_id"], 1);
  RequestFacts unknown = DescribeRequest("dnp3", Hex("00"));
  EXPECT_EQ(unknown.error, "unknown protocol dnp3");
  EXPECT_EQ(unknown.fields_json, "{}");
}

}  // namespace
}  // namespace protolm::events
