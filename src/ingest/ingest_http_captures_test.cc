// HTTP captures through ingest with --protocol http: the Apache sessions
// recorded for this project (Apache 2.4 on port 8081 answering GET, a
// missing file, the unknown method HAE, a request without Host, "get",
// "G@T" and HTTP/9.9; shared/data/pcaps/http/recorded) and Zeek's
// pipelined-requests trace are framed without lost bytes, and every
// request is paired with the response that answered it, in order.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "proto/http/http_codec.h"

namespace protolm {
namespace {

namespace fs = std::filesystem;

const fs::path kHttp = fs::path(PROTOLM_SHARED_DATA_DIR) / "pcaps/http";

struct Paired {
  IngestSummary summary;
  std::vector<std::string> exchanges;  // "METHOD -> STATUS"
  std::vector<ExchangeStatus> statuses;
};

Paired IngestHttp(const fs::path& file) {
  IngestOptions options;
  options.protocol = http::kProtocolName;
  Paired out;
  Result<IngestSummary> summary = IngestCapture(
      file.string(), options, [&](const Exchange& e, const Session&) {
        std::string line =
            e.request ? e.request->dissection.info.function : "-";
        line += " -> ";
        line += e.response ? e.response->dissection.info.function : "-";
        out.exchanges.push_back(line);
        out.statuses.push_back(e.status);
        return Status::Ok();
      });
  EXPECT_TRUE(summary.ok()) << file << ": " << summary.status().ToString();
  if (summary.ok()) out.summary = *summary;
  return out;
}

TEST(IngestHttpCaptures, ApacheAnswersArePairedWithTheirRequests) {
  Paired p = IngestHttp(fs::path(PROTOLM_SOURCE_DIR) /
                        "src/proto/http/testdata/apache.pcap");
  EXPECT_EQ(p.exchanges,
            (std::vector<std::string>{"GET -> 200", "GET -> 404", "HAE -> 501",
                                      "GET -> 400", "get -> 501", "G@T -> 400",
                                      "GET -> 200"}));
  EXPECT_EQ(p.summary.sessions, 7u);
  EXPECT_EQ(p.summary.unanswered, 0u);
  EXPECT_EQ(p.summary.orphans, 0u);
  EXPECT_EQ(p.summary.skipped_bytes, 0u);
  // The malformed requests: no Host, G@T, HTTP/9.9.
  EXPECT_EQ(p.summary.malformed, 3u);
  ASSERT_EQ(p.statuses.size(), 7u);
  EXPECT_EQ(p.statuses[0], ExchangeStatus::kNormal);
  EXPECT_EQ(p.statuses[2], ExchangeStatus::kException);
}

TEST(IngestHttpCaptures, ABodyOverManySegmentsIsOneResponse) {
  // apache_nommap: the same requests, and a 27 kB file read without mmap.
  // There the client sent G@T's request line alone and Apache answered 400
  // before the rest of the head came: the response precedes the whole
  // request, so it stands as an orphan and the request as unanswered.
  Paired p = IngestHttp(kHttp / "recorded" / "apache_nommap.pcap");
  EXPECT_EQ(p.exchanges,
            (std::vector<std::string>{"GET -> 200", "GET -> 200", "GET -> 404",
                                      "HAE -> 501", "GET -> 400", "get -> 501",
                                      "- -> 400", "G@T -> -", "GET -> 200"}));
  EXPECT_EQ(p.summary.skipped_bytes, 0u);
  EXPECT_EQ(p.summary.unanswered, 1u);
  EXPECT_EQ(p.summary.orphans, 1u);
}

TEST(IngestHttpCaptures, PipelinedRequestsPairInOrder) {
  Paired p = IngestHttp(kHttp / "zeek" / "pipelined-requests.pcap");
  EXPECT_EQ(p.exchanges.size(), 5u);
  for (const std::string& e : p.exchanges) EXPECT_EQ(e, "GET -> 200");
  EXPECT_EQ(p.summary.unanswered, 0u);
  EXPECT_EQ(p.summary.orphans, 0u);
  EXPECT_EQ(p.summary.skipped_bytes, 0u);
}

}  // namespace
}  // namespace protolm
