// Tests of the dataset trace source: records grouped into traces by session,
// request and response events, tokens, and hostile lines as warnings.
#include "trace/dataset_source.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "proto/modbus/builders.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"
#include "trace/trace_test_support.h"

namespace protolm {
namespace {

using testing::CollectingSink;

const Bytes kRequest =
    modbus::BuildRequestAdu(1, 1, modbus::ReadHoldingRegisters(0, 1)).value();
const Bytes kResponse =
    modbus::BuildResponseAdu(1, 1, modbus::ReadRegistersResponse(3, {5}))
        .value();

/// One ingest-style record of `session`.
std::string Record(int session, int64_t time_us, bool answered = true) {
  return "{\"session\":" + std::to_string(session) +
         ",\"protocol\":\"modbus\",\"function\":\"read_holding_registers\","
         "\"client\":\"10.0.0." +
         std::to_string(session) +
         ":40001\",\"server\":\"[fe80::1]:502\",\"request\":\"" +
         ToHex(kRequest) + "\",\"response\":" +
         (answered ? "\"" + ToHex(kResponse) + "\"" : std::string("null")) +
         ",\"request_time_us\":" + std::to_string(time_us) +
         ",\"response_time_us\":" + std::to_string(time_us + 5) + "}\n";
}

class DatasetSourceTest : public ::testing::Test {
 protected:
  CollectingSink Collect(const std::string& text,
                         DatasetSourceOptions options = {}) {
    testing::WriteFile(path_, text);
    CollectingSink sink;
    DatasetSource source(path_, options);
    Status status = source.Run(sink);
    EXPECT_TRUE(status.ok()) << status.message();
    return sink;
  }

  testing::ScratchDir dir_;
  const std::string path_ = dir_.Path("d.jsonl");
};

TEST_F(DatasetSourceTest, OneTracePerSessionWithRequestAndResponseEvents) {
  CollectingSink sink = Collect(Record(1, 100) + Record(2, 150) +
                                Record(1, 200, /*answered=*/false));
  EXPECT_TRUE(sink.warnings.empty());
  ASSERT_EQ(sink.traces.size(), 2u);

  const testing::CollectedTrace& first = sink.traces[0];
  EXPECT_EQ(first.info.id, "1");
  EXPECT_EQ(first.info.number, 1u);
  EXPECT_EQ(first.info.protocol, "modbus");
  EXPECT_EQ(first.info.first_record, 1u);
  ASSERT_TRUE(first.info.network.has_value());
  EXPECT_EQ(first.info.network->client.ToString(), "10.0.0.1:40001");
  EXPECT_EQ(first.info.network->server.ip, "fe80::1");
  EXPECT_TRUE(first.ended);
  ASSERT_EQ(first.events.size(), 3u);  // request, response, request
  const TraceEvent& request = first.events[0];
  EXPECT_EQ(request.time_us, 100);
  EXPECT_EQ(std::get<Direction>(request.actor), Direction::kClientToServer);
  EXPECT_EQ(request.bytes, kRequest);
  ASSERT_EQ(request.fields.size(), 1u);
  EXPECT_EQ(request.fields[0].name, "function");
  EXPECT_EQ(request.fields[0].value, "read_holding_registers");
  ASSERT_TRUE(request.pdu.has_value());
  EXPECT_EQ(request.pdu->info.role, PduRole::kRequest);
  EXPECT_TRUE(request.token.empty());
  const TraceEvent& response = first.events[1];
  EXPECT_EQ(response.time_us, 105);
  EXPECT_EQ(std::get<Direction>(response.actor), Direction::kServerToClient);
  EXPECT_EQ(response.bytes, kResponse);
  EXPECT_EQ(response.pdu->info.role, PduRole::kResponse);
  EXPECT_EQ(first.events[2].time_us, 200);

  EXPECT_EQ(sink.traces[1].info.id, "2");
  EXPECT_EQ(sink.traces[1].info.first_record, 2u);
  EXPECT_EQ(sink.traces[1].events.size(), 2u);
  EXPECT_TRUE(sink.traces[1].ended);
}

TEST_F(DatasetSourceTest, RecordsWithoutSessionsAreOneTrace) {
  // LLMPot-style lines: bytes and an id, nothing else.
  CollectingSink sink = Collect(
      "{\"id\":\"a\",\"request\":\"" + ToHex(kRequest) + "\",\"response\":\"" +
      ToHex(kResponse) + "\"}\n{\"request\":\"" + ToHex(kRequest) + "\"}\n");
  ASSERT_EQ(sink.traces.size(), 1u);
  const testing::CollectedTrace& trace = sink.traces[0];
  EXPECT_EQ(trace.info.id, path_);
  EXPECT_EQ(trace.info.protocol, "modbus");  // found from the bytes
  EXPECT_FALSE(trace.info.network.has_value());
  ASSERT_EQ(trace.events.size(), 3u);
  EXPECT_FALSE(trace.events[0].time_us.has_value());
  ASSERT_EQ(trace.events[0].fields.size(), 2u);
  EXPECT_EQ(trace.events[0].fields[0].name, "id");
  EXPECT_EQ(trace.events[0].fields[0].value, "a");
  EXPECT_EQ(trace.events[0].fields[1].value, "unknown");
}

TEST_F(DatasetSourceTest, TokensAtTheRequestedDepth) {
  CollectingSink sink = Collect(Record(1, 100), DatasetSourceOptions{2});
  ASSERT_EQ(sink.traces.size(), 1u);
  ASSERT_EQ(sink.traces[0].events.size(), 2u);
  EXPECT_EQ(sink.traces[0].events[0].token.rfind("modbus.", 0), 0u)
      << sink.traces[0].events[0].token;
  EXPECT_NE(sink.traces[0].events[0].token, sink.traces[0].events[1].token);
}

TEST_F(DatasetSourceTest, HostileLinesAreWarningsAndReadingGoesOn) {
  std::string cut = Record(2, 300);
  cut.resize(cut.size() / 2);  // the file ends inside a record
  CollectingSink sink =
      Collect(Record(1, 100) + "garbage\n" + "[1,2]\n" +
              "{\"request\":\"0g\"}\n" + "{\"context\":5}\n" +
              "{\"client\":\"nowhere\",\"server\":\"10.0.0.1:502\",\"session\":"
              "3,\"request\":\"01\"}\n" +
              std::string("\x00\xff{", 3) + "\n" + Record(1, 200) + cut);
  ASSERT_EQ(sink.warnings.size(), 7u);
  EXPECT_EQ(sink.warnings[0].message(),
            path_ + ":2: not a JSON object; each line must be one record");
  EXPECT_EQ(sink.warnings[2].code(), StatusCode::kMalformed);
  EXPECT_NE(sink.warnings[2].message().find(path_ + ":4: 'request'"),
            std::string::npos)
      << sink.warnings[2].message();
  EXPECT_NE(sink.warnings[4].message().find(path_ + ":6: 'nowhere'"),
            std::string::npos)
      << sink.warnings[4].message();
  EXPECT_NE(sink.warnings[6].message().find(path_ + ":9: "), std::string::npos)
      << sink.warnings[6].message();
  // Session 1's records around the damage, and session 3 without endpoints.
  ASSERT_EQ(sink.traces.size(), 2u);
  EXPECT_EQ(sink.traces[0].events.size(), 4u);
  EXPECT_EQ(sink.traces[1].info.id, "3");
  EXPECT_FALSE(sink.traces[1].info.network.has_value());
  EXPECT_EQ(sink.traces[1].events.size(), 1u);
  EXPECT_EQ(sink.traces[1].info.protocol, "modbus");
}

TEST_F(DatasetSourceTest, AFileThatCannotBeOpenedIsTheError) {
  CollectingSink sink;
  DatasetSource source(dir_.Path("missing.jsonl"));
  Status status = source.Run(sink);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_TRUE(sink.traces.empty());
}

}  // namespace
}  // namespace protolm
