// Ingestion of the shared sample captures agrees with tshark.
//
// The expected PDU counts were recorded with TShark 4.0.17 (Debian 12):
//   tshark -r FILE -T fields -e mbtcp.trans_id        (Modbus ADUs)
//   tshark -r FILE -T fields -e s7comm.header.rosctr  (S7comm PDUs)
// counting one per value (several values in one frame are comma-separated).
// The fuzzed captures have retransmissions, out-of-order segments, corrupt
// sequence numbers and mid-stream starts.
#include <gtest/gtest.h>

#include <string>

#include "ingest/ingest.h"

namespace protolm {
namespace {

struct Expected {
  const char* file;
  uint64_t pdus;
};

void PrintTo(const Expected& e, std::ostream* os) { *os << e.file; }

class IngestCountsTest : public ::testing::TestWithParam<Expected> {};

TEST_P(IngestCountsTest, PdusMatchTshark) {
  const Expected& e = GetParam();
  std::string path = std::string(PROTOLM_SHARED_DATA_DIR) + "/pcaps/" + e.file;
  uint64_t written = 0;
  auto summary = IngestCapture(path, {}, [&](const Exchange&, const Session&) {
    ++written;
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->pdus, e.pdus);
  EXPECT_EQ(summary->requests + summary->responses + summary->events,
            summary->pdus);
  EXPECT_EQ(summary->exchanges, written);
}

INSTANTIATE_TEST_SUITE_P(
    SharedCaptures, IngestCountsTest,
    ::testing::Values(
        Expected{"modbus/fuzz-1011.pcap", 4}, Expected{"modbus/fuzz-72.pcap", 17},
        Expected{"modbus/modbusSmall.pcap", 32},
        Expected{"modbus/modbus_test_data_part1.pcap", 45},
        Expected{"modbus/modbus_test_data_part2.pcap", 281},
        Expected{"s7comm/s7comm_reading_plc_status.pcap", 144},
        Expected{"s7comm/s7comm_varservice_libnodavedemo.pcap", 16},
        Expected{"s7comm/snap7_s300_everything.pcapng", 64},
        Expected{"s7comm/snap7_s300_readVar.pcapng", 2},
        Expected{"s7comm/snap7_s300_setupCommunication.pcapng", 2},
        Expected{"s7comm/step7_s300_rwVarTab.pcapng", 16}),
    [](const ::testing::TestParamInfo<Expected>& info) {
      std::string name = info.param.file;
      for (char& c : name)
        if (!isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

// Clean captures of well-behaved peers: every request is answered (normally
// or with an error) and every response pairs with its request by the key.
TEST(IngestPairing, CleanCapturesPairCompletely) {
  for (const char* file :
       {"modbus/modbusSmall.pcap", "s7comm/s7comm_reading_plc_status.pcap",
        "s7comm/snap7_s300_everything.pcapng",
        "s7comm/step7_s300_rwVarTab.pcapng"}) {
    std::string path = std::string(PROTOLM_SHARED_DATA_DIR) + "/pcaps/" + file;
    uint64_t answered = 0;
    auto summary = IngestCapture(path, {}, [&](const Exchange& e, const Session&) {
      bool paired = e.status == ExchangeStatus::kNormal ||
                    e.status == ExchangeStatus::kException;
      if (paired && !e.control) ++answered;
      return Status::Ok();
    });
    ASSERT_TRUE(summary.ok()) << summary.status().message();
    EXPECT_EQ(summary->unanswered, 0u) << file;
    EXPECT_EQ(summary->orphans, 0u) << file;
    EXPECT_EQ(summary->malformed, 0u) << file;
    EXPECT_EQ(answered, summary->requests) << file;
  }
}

}  // namespace
}  // namespace protolm
