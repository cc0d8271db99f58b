// TLS captures through the capture trace source: the recorded OpenSSL and
// GnuTLS sessions and Zeek's TLS test traces (shared/data/pcaps/tls) are
// framed and dissected by the TLS codec of the protocol table, as ingest
// reads them, without lost bytes or malformed units, and their tokens name
// the messages tshark names (recorded/abstractions.txt, for the messages
// sent before encryption).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "ingest/capture_source.h"
#include "trace/trace_test_support.h"

namespace protolm {
namespace {

namespace fs = std::filesystem;
using testing::CollectingSink;

const fs::path kTls = fs::path(PROTOLM_SHARED_DATA_DIR) / "pcaps" / "tls";

struct Ingested {
  CollectingSink sink;
  CaptureSourceStats stats;
};

Ingested Ingest(const fs::path& file, const std::string& protocol) {
  CaptureSourceOptions options;
  options.protocol = protocol;
  options.token_depth = 2;
  CaptureSource source(file.string(), options);
  Ingested out;
  Status status = source.Run(out.sink);
  EXPECT_TRUE(status.ok()) << file << ": " << status.message();
  out.stats = source.stats();
  return out;
}

/// Every PDU of every TLS trace is well-formed; returns how many there were.
size_t ExpectCleanTraces(const fs::path& file, const Ingested& in) {
  size_t pdus = 0;
  for (const testing::CollectedTrace& trace : in.sink.traces) {
    if (trace.info.protocol != "tls") continue;
    for (const TraceEvent& e : trace.events) {
      ++pdus;
      EXPECT_TRUE(e.pdu.has_value());
      if (!e.pdu) continue;
      EXPECT_TRUE(e.pdu->status.ok())
          << file.filename() << " " << trace.info.id << ": "
          << e.pdu->status.ToString() << " (" << e.token << ")";
    }
  }
  EXPECT_EQ(in.stats.skipped_bytes, 0u) << file.filename();
  return pdus;
}

TEST(IngestTlsCaptures, RecordedSessionsAreCleanAndOpenWithAClientHello) {
  size_t captures = 0;
  for (const auto& entry : fs::directory_iterator(kTls / "recorded")) {
    if (entry.path().extension() != ".pcap") continue;
    ++captures;
    Ingested in = Ingest(entry.path(), "tls");
    ASSERT_FALSE(in.sink.traces.empty()) << entry.path();
    EXPECT_GT(ExpectCleanTraces(entry.path(), in), 0u);
    const testing::CollectedTrace& first = in.sink.traces.front();
    ASSERT_FALSE(first.events.empty());
    EXPECT_EQ(first.events[0].token,
              "tls content_type=handshake msg_type=client_hello");
    EXPECT_EQ(std::get<Direction>(first.events[0].actor),
              Direction::kClientToServer);
  }
  EXPECT_EQ(captures, 16u);
}

TEST(IngestTlsCaptures, TokensOfATls12SessionAsTsharkNamesThem) {
  // abstractions.txt, t12: C[22/1] S[22,22,22,22/2,11,12,14] C[22,20,22/16]
  // S[22,20,22/4] C[23/] S[23/] S[21/] C[21/]; the handshake records after
  // ChangeCipherSpec are encrypted Finished messages.
  Ingested in = Ingest(kTls / "recorded" / "t12.pcap", "auto");
  ASSERT_EQ(in.sink.traces.size(), 1u);
  std::vector<std::string> tokens;
  for (const TraceEvent& e : in.sink.traces[0].events)
    tokens.push_back(std::string(std::get<Direction>(e.actor) ==
                                         Direction::kClientToServer
                                     ? "C "
                                     : "S ") +
                     e.token);
  const std::string hs = "tls content_type=handshake msg_type=";
  EXPECT_EQ(tokens, (std::vector<std::string>{
                        "C " + hs + "client_hello",
                        "S " + hs + "server_hello",
                        "S " + hs + "certificate",
                        "S " + hs + "server_key_exchange",
                        "S " + hs + "server_hello_done",
                        "C " + hs + "client_key_exchange",
                        "C tls content_type=change_cipher_spec",
                        "C " + hs + "encrypted_handshake_message",
                        "S " + hs + "new_session_ticket",
                        "S tls content_type=change_cipher_spec",
                        "S " + hs + "encrypted_handshake_message",
                        "C tls content_type=application_data",
                        "S tls content_type=application_data",
                        "S tls content_type=alert description=encrypted",
                        "C tls content_type=alert description=encrypted",
                    }));
  EXPECT_EQ(in.sink.traces[0].info.protocol, "tls");  // found by content
}

TEST(IngestTlsCaptures, ZeekTlsTracesAreClean) {
  size_t captures = 0;
  size_t pdus = 0;
  for (const auto& entry : fs::directory_iterator(kTls / "zeek")) {
    const std::string name = entry.path().filename().string();
    // DTLS is UDP; STARTTLS starts in another protocol; ssl-v2.pcap is a
    // whole SSLv2 session (the codec knows SSLv2's ClientHello only).
    if (entry.path().extension() != ".pcap" || name.starts_with("dtls") ||
        name.find("starttls") != std::string::npos || name == "ssl-v2.pcap") {
      continue;
    }
    ++captures;
    pdus += ExpectCleanTraces(entry.path(), Ingest(entry.path(), "auto"));
  }
  EXPECT_GT(captures, 30u);
  EXPECT_GT(pdus, 700u);
}

}  // namespace
}  // namespace protolm
