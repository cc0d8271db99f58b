// Tests of the capture trace source on the shared sample captures (traces
// and frame numbers as tshark gives them), with tokens, and on damaged
// files: a capture cut inside a packet is a warning, one that is no capture
// an error value.
#include "ingest/capture_source.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "proto/http/http_codec.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"
#include "trace/trace_test_support.h"

namespace protolm {
namespace {

using testing::CollectingSink;

std::string Shared(const std::string& file) {
  return std::string(PROTOLM_SHARED_DATA_DIR) + "/pcaps/" + file;
}

CollectingSink Collect(CaptureSource& source) {
  CollectingSink sink;
  Status status = source.Run(sink);
  EXPECT_TRUE(status.ok()) << status.message();
  return sink;
}

TEST(CaptureSource, OneTracePerConnectionAsTsharkCountsThem) {
  // tshark -r modbusSmall.pcap -T fields -e tcp.stream -e frame.number:
  // 16 streams, each opened from a new client port, two Modbus ADUs each.
  const std::vector<uint64_t> first_frames = {
      1, 11, 21, 31, 41, 51, 61, 71, 81, 91, 105, 115, 127, 137, 147, 157};
  const std::vector<uint16_t> client_ports = {
      55480, 55481, 55482, 55483, 55484, 55485, 55486, 55487,
      55488, 55489, 55490, 55491, 55493, 55494, 55495, 55496};
  CaptureSource source(Shared("modbus/modbusSmall.pcap"), {});
  CollectingSink sink = Collect(source);
  EXPECT_TRUE(sink.warnings.empty());
  ASSERT_EQ(sink.traces.size(), first_frames.size());
  for (size_t i = 0; i < sink.traces.size(); ++i) {
    const testing::CollectedTrace& t = sink.traces[i];
    EXPECT_EQ(t.info.id, "118.189.96.132:" + std::to_string(client_ports[i]) +
                             "-118.189.96.132:502");
    EXPECT_EQ(t.info.first_record, first_frames[i]);
    EXPECT_EQ(t.info.protocol, "modbus");
    ASSERT_TRUE(t.info.network.has_value());
    EXPECT_EQ(t.info.network->server.port, 502);
    EXPECT_TRUE(t.ended);
    ASSERT_EQ(t.events.size(), 2u) << t.info.id;
    EXPECT_EQ(std::get<Direction>(t.events[0].actor),
              Direction::kClientToServer);
    EXPECT_EQ(std::get<Direction>(t.events[1].actor),
              Direction::kServerToClient);
    for (const TraceEvent& e : t.events) {
      ASSERT_TRUE(e.pdu.has_value());
      EXPECT_TRUE(e.pdu->status.ok());
      EXPECT_TRUE(e.time_us.has_value());
      EXPECT_FALSE(e.bytes.empty());
      EXPECT_TRUE(e.fields.empty());
      EXPECT_TRUE(e.token.empty());  // none asked for
    }
    EXPECT_EQ(t.events[0].pdu->info.role, PduRole::kRequest);
    EXPECT_EQ(t.events[1].pdu->info.role, PduRole::kResponse);
  }
  EXPECT_EQ(source.stats().capture.tcp_flows, 16u);
  EXPECT_EQ(source.stats().skipped_bytes, 0u);
}

TEST(CaptureSource, TokensAtTheRequestedDepth) {
  // tshark: stream 1, from frame 4, opens with a COTP connect (frame 7).
  CaptureSourceOptions options;
  options.token_depth = 2;
  CaptureSource source(Shared("s7comm/s7comm_varservice_libnodavedemo.pcap"),
                       options);
  CollectingSink sink = Collect(source);
  const testing::CollectedTrace* t =
      sink.Find("192.168.1.10:4258-192.168.1.40:102");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->info.protocol, "s7comm");
  EXPECT_EQ(t->info.first_record, 4u);
  ASSERT_GT(t->events.size(), 2u);
  // The COTP connect comes first: control units, not S7 data.
  EXPECT_EQ(t->events[0].token, "cotp.cr");
  EXPECT_FALSE(t->events[0].pdu->info.application_pdu);
  EXPECT_EQ(t->events[1].token, "cotp.cc");
  EXPECT_EQ(t->events[2].token,
            "s7comm.job rosctr=1 function=setup_communication");
  EXPECT_TRUE(t->events[2].pdu->info.application_pdu);
  for (const TraceEvent& e : t->events) EXPECT_FALSE(e.token.empty());
}

TEST(CaptureSource, SamplesFolderCapture) {
  CaptureSource source(
      std::string(PROTOLM_SOURCE_DIR) + "/samples/modbus-sample.pcap", {});
  CollectingSink sink = Collect(source);
  EXPECT_FALSE(sink.traces.empty());
  for (const testing::CollectedTrace& t : sink.traces) {
    EXPECT_TRUE(t.ended);
    EXPECT_GT(t.info.first_record, 0u);
  }
}

class DamagedCaptureTest : public ::testing::Test {
 protected:
  /// The first `size` bytes of modbusSmall.pcap, as a file.
  std::string Cut(size_t size) {
    std::string bytes = testing::ReadFile(Shared("modbus/modbusSmall.pcap"));
    EXPECT_GT(bytes.size(), size);
    bytes.resize(size);
    std::string path = dir_.Path("cut.pcap");
    testing::WriteFile(path, bytes);
    return path;
  }

  testing::ScratchDir dir_;
};

TEST_F(DamagedCaptureTest, CutInsideAPacketIsAWarningAndAPartialResult) {
  CaptureSource source(Cut(1000), {});
  CollectingSink sink = Collect(source);
  ASSERT_FALSE(sink.warnings.empty());
  EXPECT_NE(sink.warnings.back().message().find("cut.pcap"), std::string::npos)
      << sink.warnings.back().message();
  EXPECT_TRUE(source.stats().capture.truncated_file);
  ASSERT_FALSE(sink.traces.empty());
  for (const testing::CollectedTrace& t : sink.traces) EXPECT_TRUE(t.ended);
}

TEST_F(DamagedCaptureTest, NoCaptureIsAnErrorValue) {
  for (const std::string& path : {Cut(10), dir_.Path("missing.pcap"), [this] {
                                    std::string p = dir_.Path("garbage.pcap");
                                    testing::WriteFile(
                                        p, std::string(200, '\x5a'));
                                    return p;
                                  }()}) {
    CaptureSource source(path, {});
    CollectingSink sink;
    Status status = source.Run(sink);
    EXPECT_FALSE(status.ok()) << path;
    EXPECT_NE(status.message().find(path), std::string::npos)
        << status.message();
    EXPECT_TRUE(sink.traces.empty());
  }
}

TEST(CaptureSource, AnUnknownProtocolIsAnErrorValue) {
  CaptureSourceOptions options;
  options.protocol = "dns";
  CaptureSource source(Shared("modbus/modbusSmall.pcap"), options);
  CollectingSink sink;
  Status status = source.Run(sink);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "unknown protocol 'dns' (use auto, modbus, s7comm, tls, " +
                std::string(http::kProtocolName) + ")");
}

}  // namespace
}  // namespace protolm
