// Failure accounting of load runs against servers that misbehave: silent,
// closing, garbage, wrong identifiers, absent. Every request ends exactly
// once (completed + failed == requests) and no run hangs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>

#include "loadgen/load_run.h"
#include "loadgen/loadgen_test_support.h"

namespace protolm::loadgen {
namespace {

using ::testing::HasSubstr;
using Reaction = ScriptedServer::Reaction;

LoadOptions Options(uint16_t port, uint64_t requests, size_t pipeline = 1) {
  LoadOptions o;
  o.port = port;
  o.protocol = "modbus";
  o.connections = 4;
  o.requests = requests;
  o.pipeline = pipeline;
  o.timeout = std::chrono::milliseconds(50);
  return o;
}

TEST(LoadFailures, SilentServerTimesEveryRequestOut) {
  ScriptedServer silent([](ByteView) { return Reaction{}; });
  for (size_t pipeline : {1, 4}) {
    auto report = RunLoad(Options(silent.port(), 100, pipeline));
    ASSERT_TRUE(report.ok()) << report.status().message();
    EXPECT_EQ(report->completed, 0u);
    EXPECT_EQ(report->failed.timeout, 100u) << "pipeline " << pipeline;
    EXPECT_EQ(report->failed.total(), 100u);
  }
}

TEST(LoadFailures, ServerClosingAfterTheFirstRequestFailsThemAsClosed) {
  ScriptedServer closing([](ByteView) { return Reaction{{}, true}; });
  auto report = RunLoad(Options(closing.port(), 200));
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->completed, 0u);
  EXPECT_EQ(report->failed.closed, 200u);
  EXPECT_EQ(report->failed.total(), 200u);
}

TEST(LoadFailures, ServerAnsweringOnceThenClosingCountsBoth) {
  // A Modbus request echoed back pairs with itself (same transaction and
  // unit id), so the first request on each connection completes.
  ScriptedServer once([](ByteView got) {
    return Reaction{Bytes(got.begin(), got.end()), true};
  });
  auto report = RunLoad(Options(once.port(), 200));
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_GT(report->completed, 0u);
  EXPECT_GT(report->failed.closed, 0u);
  EXPECT_EQ(report->failed.timeout, 0u);
  EXPECT_EQ(report->completed + report->failed.total(), 200u);
  EXPECT_GT(report->connections_opened, 4u);  // opened again after closes
}

TEST(LoadFailures, GarbageAnswersAreInvalid) {
  ScriptedServer garbage([](ByteView) {
    const std::string http = "HTTP/1.1 400 Bad Request\r\n\r\n";
    return Reaction{Bytes(http.begin(), http.end()), false};
  });
  auto report = RunLoad(Options(garbage.port(), 100));
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->failed.invalid, 100u);
  EXPECT_EQ(report->completed, 0u);
}

TEST(LoadFailures, AnswersToAnotherIdentifierAreUnmatched) {
  ScriptedServer shifted([](ByteView got) {
    Bytes answer(got.begin(), got.end());
    if (answer.size() >= 2) ++answer[1];  // transaction id + 1
    return Reaction{answer, false};
  });
  auto report = RunLoad(Options(shifted.port(), 100));
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->failed.unmatched, 100u);
  EXPECT_EQ(report->completed, 0u);
}

TEST(LoadFailures, NoServerIsAnErrorNamingTheTarget) {
  uint16_t port = 0;
  {  // a port that was just free
    ScriptedServer gone([](ByteView) { return Reaction{}; });
    port = gone.port();
  }
  auto report = RunLoad(Options(port, 1000));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kIoError);
  EXPECT_THAT(report.status().message(),
              HasSubstr("127.0.0.1:" + std::to_string(port)));
  EXPECT_THAT(report.status().message(), HasSubstr("is the server running?"));
}

TEST(LoadFailures, SilentS7ServerFailsTheOpening) {
  ScriptedServer silent([](ByteView) { return Reaction{}; });
  LoadOptions o = Options(silent.port(), 50);
  o.protocol = "s7comm";
  auto report = RunLoad(o);
  ASSERT_FALSE(report.ok());
  EXPECT_THAT(report.status().message(),
              HasSubstr("did not answer the COTP connection request within 50 ms"));
}

TEST(LoadFailures, OptionsOutOfRangeAreInvalid) {
  LoadOptions o = Options(502, 10, 0);
  EXPECT_EQ(RunLoad(o).status().code(), StatusCode::kInvalidArgument);
  o.pipeline = kMaxPipeline + 1;
  EXPECT_EQ(RunLoad(o).status().code(), StatusCode::kInvalidArgument);
  o.pipeline = 1;
  o.connections = 0;
  EXPECT_EQ(RunLoad(o).status().code(), StatusCode::kInvalidArgument);
  o.connections = 1;
  o.host = "no-such-host.invalid";
  EXPECT_EQ(RunLoad(o).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace protolm::loadgen
