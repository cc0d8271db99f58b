// A capture and the dataset ingest writes of it are the same traces: the
// dataset source gives each session the messages the capture source gives
// its connection. And a record's protocol, left out, is found again from its
// bytes (the content detection of the dataset reader), on real captures.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "ingest/capture_source.h"
#include "ingest/ingest.h"
#include "testing/scratch_dir.h"
#include "trace/dataset_reader.h"
#include "trace/dataset_source.h"
#include "trace/exchange_writer.h"
#include "trace/trace_test_support.h"

namespace protolm {
namespace {

using testing::CollectedTrace;
using testing::CollectingSink;

class DatasetRoundTripTest : public ::testing::TestWithParam<const char*> {
 protected:
  std::string Capture() const {
    return std::string(PROTOLM_SHARED_DATA_DIR) + "/pcaps/" + GetParam();
  }

  /// `protolm ingest CAPTURE -o dataset.jsonl`.
  std::string Ingest() {
    std::string path = dir_.Path("dataset.jsonl");
    auto writer = OpenExchangeWriter(DatasetFormat::kJsonl, path);
    EXPECT_TRUE(writer.ok());
    auto summary =
        IngestCapture(Capture(), {}, [&](const Exchange& e, const Session& s) {
          return (*writer)->Write(e, s);
        });
    EXPECT_TRUE(summary.ok()) << summary.status().message();
    EXPECT_TRUE((*writer)->Close().ok());
    return path;
  }

  testing::ScratchDir dir_;
};

/// A trace's messages, ordered by time, direction and bytes.
std::vector<std::tuple<int64_t, Direction, Bytes>> Messages(
    const CollectedTrace& trace) {
  std::vector<std::tuple<int64_t, Direction, Bytes>> out;
  for (const TraceEvent& e : trace.events)
    out.emplace_back(e.time_us.value_or(-1), std::get<Direction>(e.actor),
                     e.bytes);
  std::sort(out.begin(), out.end());
  return out;
}

TEST_P(DatasetRoundTripTest, SessionsCarryTheConnectionsMessages) {
  CaptureSource capture_source(Capture(), {});
  CollectingSink from_capture;
  ASSERT_TRUE(capture_source.Run(from_capture).ok());
  DatasetSource dataset_source(Ingest());
  CollectingSink from_dataset;
  ASSERT_TRUE(dataset_source.Run(from_dataset).ok());
  EXPECT_TRUE(from_dataset.warnings.empty());

  ASSERT_EQ(from_dataset.traces.size(), from_capture.traces.size());
  ASSERT_FALSE(from_capture.traces.empty());
  for (const CollectedTrace& connection : from_capture.traces) {
    const CollectedTrace* session =
        from_dataset.Find(std::to_string(connection.info.number));
    ASSERT_NE(session, nullptr) << connection.info.id;
    EXPECT_EQ(session->info.protocol, connection.info.protocol);
    ASSERT_TRUE(session->info.network.has_value());
    EXPECT_EQ(session->info.network->client.ToString() + "-" +
                  session->info.network->server.ToString(),
              connection.info.id);
    EXPECT_EQ(Messages(*session), Messages(connection)) << connection.info.id;
  }
}

TEST_P(DatasetRoundTripTest, ProtocolLeftOutIsFoundFromTheBytes) {
  std::string written = Ingest();
  std::string stripped = dir_.Path("stripped.jsonl");
  {
    std::ifstream in(written);
    std::ofstream out(stripped);
    for (std::string line; std::getline(in, line);) {
      nlohmann::json record = nlohmann::json::parse(line);
      record.erase("protocol");
      out << record.dump() << "\n";
    }
  }
  auto expected = ReadDataset(written);
  auto found = ReadDataset(stripped);
  ASSERT_TRUE(expected.ok() && found.ok());
  ASSERT_EQ(found->size(), expected->size());
  ASSERT_FALSE(found->empty());
  for (size_t i = 0; i < found->size(); ++i)
    EXPECT_EQ((*found)[i].protocol, (*expected)[i].protocol)
        << (*found)[i].where;
}

INSTANTIATE_TEST_SUITE_P(
    SharedCaptures, DatasetRoundTripTest,
    ::testing::Values("modbus/modbusSmall.pcap", "modbus/fuzz-72.pcap",
                      "modbus/modbus_test_data_part2.pcap",
                      "s7comm/s7comm_reading_plc_status.pcap",
                      "s7comm/snap7_s300_everything.pcapng"),
    [](const ::testing::TestParamInfo<const char*>& info) {
      std::string name = info.param;
      for (char& c : name)
        if (!isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

}  // namespace
}  // namespace protolm
