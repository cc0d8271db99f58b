// EventLog without a database: the JSONL stream and the queue cap. (The
// store-backed paths run in event_store_test.cc on both engines.)
#include "events/event_log.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "testing/scratch_dir.h"

namespace protolm::events {
namespace {

TEST(EventLog, StreamsOneJsonObjectPerEvent) {
  testing::ScratchDir dir;
  EventLogOptions options;
  options.jsonl_path = dir.Path("events.jsonl");
  auto log = EventLog::Start(nullptr, options);
  ASSERT_TRUE(log.ok()) << log.status().message();
  ExchangeDone e;
  e.run_id = "r";
  e.connection = 4;
  e.time_us = 1795266000000000;
  e.protocol = "modbus";
  e.request = {0x00, 0x01, 0xff};
  e.fields_json = R"({"unit_id":1})";
  e.valid = true;
  (*log)->Post(ConnectionOpened{"r", 4, 1, "hp", "modbus", "127.0.0.1", 502,
                                "10.0.0.1", 40000});
  (*log)->Post(e);
  ASSERT_TRUE((*log)->Close().ok());
  EXPECT_EQ((*log)->counters().stored, 2u);

  std::ifstream in(options.jsonl_path);
  std::string opened, exchange, extra;
  ASSERT_TRUE(std::getline(in, opened));
  ASSERT_TRUE(std::getline(in, exchange));
  EXPECT_FALSE(std::getline(in, extra));
  EXPECT_EQ(nlohmann::json::parse(opened)["event"], "connection_opened");
  nlohmann::json j = nlohmann::json::parse(exchange);
  EXPECT_EQ(j["event"], "exchange");
  EXPECT_EQ(j["time"], "2026-11-21T13:00:00.000000Z");
  EXPECT_EQ(j["request"], "0001ff");
  EXPECT_EQ(j["fields"]["unit_id"], 1);
  EXPECT_EQ(j["connection"], 4);
}

TEST(EventLog, TheWriterDissectsExchangesPostedWithoutFields) {
  testing::ScratchDir dir;
  EventLogOptions options;
  options.jsonl_path = dir.Path("events.jsonl");
  auto log = EventLog::Start(nullptr, options);
  ASSERT_TRUE(log.ok()) << log.status().message();
  ExchangeDone e;
  e.run_id = "r";
  e.protocol = "modbus";
  e.request = FromHex("000100000006010600070001").value();  // write register
  (*log)->Post(e);
  ASSERT_TRUE((*log)->Close().ok());

  std::ifstream in(options.jsonl_path);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  nlohmann::json j = nlohmann::json::parse(line);
  EXPECT_EQ(j["function"], "6");
  EXPECT_EQ(j["write_attempted"], true);
  EXPECT_FALSE(j["summary"].get<std::string>().empty());
  EXPECT_TRUE(j["fields"].is_object());
}

TEST(EventLog, EventsPastTheCapAreCountedAsDropped) {
  EventLogOptions options;
  options.max_queued = 0;  // every event finds the queue "full"
  auto log = EventLog::Start(nullptr, options);
  ASSERT_TRUE(log.ok());
  for (int i = 0; i < 3; ++i) (*log)->Post(ScanRecognised{});
  ASSERT_TRUE((*log)->Flush().ok());
  EventLogCounters c = (*log)->counters();
  EXPECT_EQ(c.posted, 0u);
  EXPECT_EQ(c.dropped, 3u);
  EXPECT_EQ(c.stored, 0u);
}

TEST(EventLog, UnwritableStreamIsRefusedAtStart) {
  EventLogOptions options;
  options.jsonl_path = "/nonexistent-dir/events.jsonl";
  auto log = EventLog::Start(nullptr, options);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().message(),
            "open /nonexistent-dir/events.jsonl: No such file or directory");
}

/// A store whose first `failures` writes fail (the retry logic's input;
/// the real engines are tested in event_store_test.cc).
class FlakyStore : public EventStore {
 public:
  explicit FlakyStore(int failures) : failures_(failures) {}
  std::string_view engine() const override { return "flaky"; }
  Status Append(std::span<const Event> events) override {
    if (failures_-- > 0) return IoError("disk on fire");
    stored_ += events.size();
    return Status::Ok();
  }
  Result<uint64_t> CountExchanges() override { return stored_; }
  Status ListExchanges(
      std::optional<int64_t>,
      const std::function<Status(const ExchangeRow&)>&) override {
    return Status::Ok();
  }
  Result<std::vector<ScanRecognised>> ListScans(
      std::optional<int64_t>) override {
    return std::vector<ScanRecognised>{};
  }
  Result<std::vector<TallyRow>> Count(Tally, std::optional<int64_t>) override {
    return std::vector<TallyRow>{};
  }
  Result<SessionTotals> Sessions(std::optional<int64_t>) override {
    return SessionTotals{};
  }

 private:
  int failures_;
  uint64_t stored_ = 0;
};

TEST(EventLog, FailedWriteIsRetried) {
  auto log = EventLog::Start(std::make_unique<FlakyStore>(2));
  ASSERT_TRUE(log.ok());
  (*log)->Post(ScanRecognised{});
  EXPECT_TRUE((*log)->Flush().ok());
  EXPECT_EQ((*log)->counters().stored, 1u);
  EXPECT_EQ((*log)->counters().failed_batches, 0u);
}

TEST(EventLog, BatchThatKeepsFailingIsReported) {
  EventLogOptions options;
  options.flush_interval = std::chrono::hours(1);  // one batch, at Flush
  auto log = EventLog::Start(std::make_unique<FlakyStore>(1000), options);
  ASSERT_TRUE(log.ok());
  (*log)->Post(ScanRecognised{});
  (*log)->Post(ScanRecognised{});
  Status flushed = (*log)->Flush();
  EXPECT_EQ(flushed.message(), "disk on fire");
  EventLogCounters c = (*log)->counters();
  EXPECT_EQ(c.failed_batches, 1u);
  EXPECT_EQ(c.failed_events, 2u);
  EXPECT_EQ(c.stored, 0u);
  EXPECT_TRUE((*log)->Close().ok());  // the error was reported by Flush
}

TEST(EventLog, PostAfterCloseIsDropped) {
  auto log = EventLog::Start(nullptr);
  ASSERT_TRUE(log.ok());
  ASSERT_TRUE((*log)->Close().ok());
  (*log)->Post(ScanRecognised{});
  EXPECT_EQ((*log)->counters().dropped, 1u);
  EXPECT_TRUE((*log)->Close().ok());  // idempotent
}

}  // namespace
}  // namespace protolm::events
