// Load runs against the in-process device simulator: every request
// completes, over several connections and pipelined; the answers equal
// what one prober connection gets for the same requests; datasets made by
// the prober replay.
#include "loadgen/load_run.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "loadgen/loadgen_test_support.h"
#include "probe/probe_config.h"
#include "probe/probe_connection.h"
#include "probe/probe_run.h"
#include "proto/registry/protocol_table.h"
#include "proto/registry/codec_registry.h"
#include "testing/scratch_dir.h"

namespace protolm::loadgen {
namespace {

struct Setting {
  std::string protocol;
  size_t pipeline;
};

class LoadAgainstSimulator : public ::testing::TestWithParam<Setting> {};

TEST_P(LoadAgainstSimulator, EveryRequestCompletes) {
  const Setting s = GetParam();
  auto server = ServeSimulator(s.protocol);
  ASSERT_NE(server, nullptr);
  LoadOptions o;
  o.port = server->PortOf(s.protocol);
  o.protocol = s.protocol;
  o.connections = 4;
  o.requests = 200;
  o.pipeline = s.pipeline;
  uint64_t answers = 0;
  o.on_response = [&](size_t, ByteView) { ++answers; };
  auto report = RunLoad(o);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->completed, 200u);
  EXPECT_EQ(report->failed.total(), 0u);
  EXPECT_EQ(answers, 200u);
  EXPECT_EQ(report->connections, 4u);
  EXPECT_EQ(report->connections_opened, 4u);
  EXPECT_GT(report->latency.p50_ms, 0);
  EXPECT_LE(report->latency.p50_ms, report->latency.p99_ms);
  EXPECT_LE(report->latency.p99_ms, report->latency.max_ms);
  server->Stop();
}

INSTANTIATE_TEST_SUITE_P(ProtocolsAndPipelines, LoadAgainstSimulator,
                         ::testing::Values(Setting{"modbus", 1},
                                           Setting{"modbus", 4},
                                           Setting{"s7comm", 1},
                                           Setting{"s7comm", 4}),
                         [](const auto& info) {
                           return info.param.protocol + "_pipeline" +
                                  std::to_string(info.param.pipeline);
                         });

/// The requests of `list` that only read (their answers do not depend on
/// the order in which the connections' writes land).
RequestList ReadsOnly(const RequestList& list, const Codec& codec) {
  RequestList reads;
  for (const RequestTemplate& t : list.requests) {
    const std::string function =
        codec.Inspect(t.wire, Direction::kClientToServer).info.function;
    if (function.find("read") != std::string::npos &&
        function.find("write") == std::string::npos)
      reads.requests.push_back(t);
  }
  return reads;
}

/// The answer one blocking prober connection gets for `request` sent with
/// identifier `id` (S7: after the same opening as a load connection).
Bytes ProbeAnswer(const std::string& protocol, uint16_t port,
                  const RequestTemplate& request, uint16_t id) {
  const Codec& codec = *FindCodec(protocol);
  auto connection = probe::ProbeConnection::Connect("127.0.0.1", port, codec,
                                                    std::chrono::seconds(5));
  EXPECT_TRUE(connection.ok()) << connection.status().message();
  if (!connection.ok()) return {};
  auto opening =
      probe::DefaultProbeConfig(protocol).value().settings->Opening(1, [] { return uint16_t{0xffff}; });
  EXPECT_TRUE(opening.ok());
  if (opening.ok() && *opening != nullptr)
    for (const Bytes& step : (*opening)->requests())
      EXPECT_TRUE((*connection)->Exchange(step).ok());
  Bytes sent;
  StampRequest(request, id, sent);
  auto answer = (*connection)->Exchange(sent);
  EXPECT_TRUE(answer.ok()) << answer.status().message();
  return answer.ok() ? *answer : Bytes{};
}

class SpotCheck : public ::testing::TestWithParam<std::string> {};

TEST_P(SpotCheck, AnswersEqualThoseOfOneProberConnection) {
  const std::string protocol = GetParam();
  auto server = ServeSimulator(protocol);
  ASSERT_NE(server, nullptr);
  LoadOptions o;
  o.port = server->PortOf(protocol);
  o.protocol = protocol;
  o.connections = 4;
  o.pipeline = 2;
  auto generated = GeneratedRequests(protocol, "boundaries", 400, 1);
  ASSERT_TRUE(generated.ok()) << generated.status().message();
  const RequestList reads = ReadsOnly(*generated, *FindCodec(protocol));
  ASSERT_GE(reads.requests.size(), 20u);
  o.requests = reads.requests.size();
  std::map<size_t, Bytes> answers;  // request index -> first answer
  o.on_response = [&](size_t index, ByteView answer) {
    answers.emplace(index, Bytes(answer.begin(), answer.end()));
  };
  auto report = RunLoad(o, reads);
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_EQ(report->completed, reads.requests.size());
  ASSERT_EQ(answers.size(), reads.requests.size());

  // Every tenth request, again on a prober connection, identifier 77.
  size_t checked = 0;
  for (size_t i = 0; i < reads.requests.size(); i += 10, ++checked) {
    Bytes expected = ProbeAnswer(protocol, o.port, reads.requests[i], 77);
    Bytes got = answers[i];
    const size_t at = FindProtocol(protocol)->IdentifierOffset(got).value();
    got[at] = 0;
    got[at + 1] = 77;
    EXPECT_EQ(ToHex(got), ToHex(expected)) << "request " << i;
  }
  EXPECT_GE(checked, 2u);
  server->Stop();
}

INSTANTIATE_TEST_SUITE_P(Protocols, SpotCheck,
                         ::testing::Values("modbus", "s7comm"));

class DatasetReplay : public ::testing::TestWithParam<std::string> {};

TEST_P(DatasetReplay, ProbedDatasetReplaysInFull) {
  const std::string protocol = GetParam();
  auto server = ServeSimulator(protocol);
  ASSERT_NE(server, nullptr);
  testing::ScratchDir dir;
  probe::ProbeOptions p;
  p.port = server->PortOf(protocol);
  p.config = probe::DefaultProbeConfig(protocol).value();
  p.size = 40;
  p.dataset_path = dir.Path("probe.jsonl");
  auto probed = probe::RunProbe(p);
  ASSERT_TRUE(probed.ok()) << probed.status().message();

  LoadOptions o;
  o.port = p.port;
  o.protocol = protocol;
  o.connections = 4;
  o.requests = 200;
  o.dataset_path = p.dataset_path;
  auto list = LoadRequests(o);
  ASSERT_TRUE(list.ok()) << list.status().message();
  // The prober's 40 requests; S7's COTP connect and setup are left out.
  EXPECT_EQ(list->requests.size(), 40u);
  EXPECT_EQ(list->unusable, 0u);
  auto report = RunLoad(o, *list);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->completed, 200u);
  EXPECT_EQ(report->failed.total(), 0u);
  server->Stop();
}

INSTANTIATE_TEST_SUITE_P(Protocols, DatasetReplay,
                         ::testing::Values("modbus", "s7comm"));

TEST(LoadReport, JsonHoldsTheCountsByKind) {
  LoadReport r;
  r.target = "127.0.0.1:502";
  r.protocol = "modbus";
  r.requests = 10;
  r.completed = 7;
  r.failed.timeout = 2;
  r.failed.closed = 1;
  r.latency.p99_ms = 1.5;
  auto j = nlohmann::json::parse(RenderReportJson(r));
  EXPECT_EQ(j["completed"], 7);
  EXPECT_EQ(j["failed"]["total"], 3);
  EXPECT_EQ(j["failed"]["timeout"], 2);
  EXPECT_EQ(j["failed"]["closed"], 1);
  EXPECT_EQ(j["latency_ms"]["p99"], 1.5);
  EXPECT_THAT(RenderReportText(r),
              ::testing::HasSubstr("completed 7, failed 3 (timeout 2, "
                                   "closed 1"));
}

}  // namespace
}  // namespace protolm::loadgen
