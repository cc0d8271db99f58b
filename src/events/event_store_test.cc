// The event store's contract, run on both back ends: a SQLite file and a
// throwaway PostgreSQL server (postgres_test_support.h) that the suite starts
// itself. Plus what only one engine has (WAL, refused files, connect errors).
#include "events/event_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <thread>

#include "events/event_log.h"
#include "events/event_summary.h"
#include "events/postgres_database.h"
#include "events/postgres_test_support.h"
#include "events/sqlite_database.h"
#include "testing/scratch_dir.h"

namespace protolm::events {
namespace {

using ::testing::HasSubstr;

const char kRun[] = "test-run";

ConnectionOpened Opened(uint64_t connection, const std::string& peer,
                        int64_t time_us) {
  return {
      kRun,           connection, time_us,
      "wago-750-881", "modbus",   "127.0.0.1",
      5020,           peer,       static_cast<uint16_t>(40000 + connection)};
}

ExchangeDone Exchange(uint64_t connection, uint64_t sequence, int64_t time_us,
                      std::string function = "3", bool write = false) {
  ExchangeDone e;
  e.run_id = kRun;
  e.connection = connection;
  e.sequence = sequence;
  e.time_us = time_us;
  e.protocol = "modbus";
  e.request = {0x00, 0x01, 0x00, 0x00, 0x00, 0x06,
               0x01, 0x03, 0x00, 0x00, 0x00, 0x02};
  e.response = {0x00, 0x01, 0x00, 0x00, 0x00, 0x07, 0x01,
                0x03, 0x04, 0x00, 0xff, 0x80, 0x00};
  e.summary = "modbus.req unit_id=1 function_code=3 address=0 quantity=2";
  e.fields_json = R"({"function_code":3})";
  e.function = std::move(function);
  e.write_attempted = write;
  e.valid = true;
  e.latency_us = 250;
  return e;
}

ConnectionClosed Closed(uint64_t connection, int64_t time_us,
                        uint64_t requests) {
  return {kRun, connection, time_us, "peer closed", requests};
}

/// Makes a fresh, empty store location per test on one engine.
class StoreFactory {
 public:
  virtual ~StoreFactory() = default;
  virtual std::string NewLocation() = 0;
};

class SqliteFactory : public StoreFactory {
 public:
  std::string NewLocation() override {
    return dir_.Path("events-" + std::to_string(++n_) + ".sqlite");
  }

 private:
  testing::ScratchDir dir_;
  int n_ = 0;
};

class PostgresFactory : public StoreFactory {
 public:
  std::string NewLocation() override {
    if (!server_.started()) return "postgresql://127.0.0.1:1/not-started";
    std::string name = "events_" + std::to_string(++n_);
    auto admin = OpenPostgresDatabase(server_.Url("postgres"));
    EXPECT_TRUE(admin.ok()) << admin.status().message();
    if (admin.ok()) {
      EXPECT_TRUE((*admin)->Execute("CREATE DATABASE " + name).ok());
    }
    return server_.Url(name);
  }
  const ThrowawayPostgres& server() const { return server_; }

 private:
  ThrowawayPostgres server_;
  int n_ = 0;
};

class EventStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    sqlite_ = new SqliteFactory;
    postgres_ = new PostgresFactory;
  }
  static void TearDownTestSuite() {
    delete sqlite_;
    delete postgres_;
  }

  std::string NewLocation() {
    return GetParam() == "sqlite" ? sqlite_->NewLocation()
                                  : postgres_->NewLocation();
  }
  std::unique_ptr<EventStore> Open(const std::string& where) {
    auto store = OpenEventStore(where);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(store).value() : nullptr;
  }
  std::vector<ExchangeRow> All(EventStore& store,
                               std::optional<int64_t> since = std::nullopt) {
    std::vector<ExchangeRow> rows;
    EXPECT_TRUE(store
                    .ListExchanges(since,
                                   [&](const ExchangeRow& row) {
                                     rows.push_back(row);
                                     return Status::Ok();
                                   })
                    .ok());
    return rows;
  }

  static SqliteFactory* sqlite_;
  static PostgresFactory* postgres_;
};

SqliteFactory* EventStoreTest::sqlite_ = nullptr;
PostgresFactory* EventStoreTest::postgres_ = nullptr;

TEST_P(EventStoreTest, AppendsAndReadsBackEveryField) {
  auto store = Open(NewLocation());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->engine(), GetParam());
  ExchangeDone e = Exchange(7, 3, 1'790'000'000'123'456);
  e.request = {0x00, 0xff, 0x5c, 0x78, 0x27, 0x00};  // NUL, \x, quote
  e.response.clear();
  e.guard_action = "replaced";
  e.valid = false;
  e.write_attempted = true;
  e.function = "16";
  e.fields_json = R"({"text":"it's \"quoted\""})";
  const Event events[] = {Opened(7, "10.0.0.9", e.time_us - 10), e,
                          ScanRecognised{kRun, 7, e.time_us, "10.0.0.9",
                                         "zgrab2-modbus", "unit 0"}};
  Status appended = store->Append(events);
  ASSERT_TRUE(appended.ok()) << appended.message();

  std::vector<ExchangeRow> rows = All(*store);
  ASSERT_EQ(rows.size(), 1u);
  const ExchangeDone& r = rows[0].exchange;
  EXPECT_EQ(r.run_id, kRun);
  EXPECT_EQ(r.connection, 7u);
  EXPECT_EQ(r.sequence, 3u);
  EXPECT_EQ(r.time_us, e.time_us);
  EXPECT_EQ(r.protocol, "modbus");
  EXPECT_EQ(r.request, e.request);
  EXPECT_EQ(r.response, Bytes{});
  EXPECT_EQ(r.summary, e.summary);
  EXPECT_EQ(r.fields_json, e.fields_json);
  EXPECT_EQ(r.function, "16");
  EXPECT_TRUE(r.write_attempted);
  EXPECT_FALSE(r.valid);
  EXPECT_EQ(r.guard_action, "replaced");
  EXPECT_EQ(r.latency_us, 250);
  EXPECT_EQ(rows[0].peer_address, "10.0.0.9");
  EXPECT_EQ(rows[0].peer_port, 40007);
  EXPECT_EQ(store->CountExchanges().value(), 1u);

  auto scans = store->ListScans(std::nullopt);
  ASSERT_TRUE(scans.ok());
  ASSERT_EQ(scans->size(), 1u);
  EXPECT_EQ((*scans)[0].signature, "zgrab2-modbus");
  EXPECT_EQ((*scans)[0].peer_address, "10.0.0.9");
  EXPECT_EQ((*scans)[0].detail, "unit 0");
  EXPECT_EQ((*scans)[0].time_us, e.time_us);
}

TEST_P(EventStoreTest, ClosedConnectionCompletesItsSession) {
  auto store = Open(NewLocation());
  ASSERT_NE(store, nullptr);
  const Event first[] = {Opened(1, "10.0.0.1", 1000),
                         Opened(2, "10.0.0.2", 2000)};
  ASSERT_TRUE(store->Append(first).ok());
  const Event second[] = {Closed(1, 5000, 4)};
  ASSERT_TRUE(store->Append(second).ok());
  auto sessions = store->Sessions(std::nullopt);
  ASSERT_TRUE(sessions.ok());
  EXPECT_EQ(sessions->sessions, 2u);
  EXPECT_EQ(sessions->closed, 1u);
  EXPECT_EQ(sessions->closed_duration_us, 4000);
}

TEST_P(EventStoreTest, ReopenedStoreKeepsItsEvents) {
  const std::string where = NewLocation();
  {
    auto store = Open(where);
    ASSERT_NE(store, nullptr);
    const Event events[] = {Opened(1, "10.0.0.1", 10), Exchange(1, 0, 20)};
    ASSERT_TRUE(store->Append(events).ok());
  }
  auto again = Open(where);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->CountExchanges().value(), 1u);
  const Event more[] = {Exchange(1, 1, 30)};
  ASSERT_TRUE(again->Append(more).ok());
  EXPECT_EQ(again->CountExchanges().value(), 2u);
}

TEST_P(EventStoreTest, OtherSchemaVersionIsRefused) {
  const std::string where = NewLocation();
  ASSERT_NE(Open(where), nullptr);
  {
    auto db = GetParam() == "sqlite" ? OpenSqliteDatabase(where)
                                     : OpenPostgresDatabase(where);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)
                    ->Execute("UPDATE meta SET value = '7'"
                              " WHERE key = 'schema_version'")
                    .ok());
  }
  auto store = OpenEventStore(where);
  ASSERT_FALSE(store.ok());
  EXPECT_THAT(
      store.status().message(),
      HasSubstr("event schema version 7, this protolm reads version 1"));
}

TEST_P(EventStoreTest, EveryEventPostedFromFourThreadsIsStoredByClose) {
  const std::string where = NewLocation();
  auto store = Open(where);
  ASSERT_NE(store, nullptr);
  EventLogOptions options;
  options.max_batch = 97;  // several batches, one partial
  auto log = EventLog::Start(std::move(store), options);
  ASSERT_TRUE(log.ok()) << log.status().message();
  constexpr int kThreads = 4;
  constexpr int kPerThread = 1500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      const uint64_t connection = static_cast<uint64_t>(t + 1);
      (*log)->Post(Opened(connection, "10.0.0." + std::to_string(t), t));
      for (int i = 0; i < kPerThread; ++i)
        (*log)->Post(Exchange(connection, static_cast<uint64_t>(i), 100 + i));
      (*log)->Post(Closed(connection, 100000, kPerThread));
    });
  for (std::thread& t : threads) t.join();
  ASSERT_TRUE((*log)->Close().ok());
  EventLogCounters counters = (*log)->counters();
  EXPECT_EQ(counters.posted, uint64_t{kThreads * (kPerThread + 2)});
  EXPECT_EQ(counters.stored, counters.posted);
  EXPECT_EQ(counters.dropped, 0u);
  EXPECT_EQ(counters.failed_batches, 0u);

  auto reopened = Open(where);
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->CountExchanges().value(),
            uint64_t{kThreads * kPerThread});
  // Listing pages through all of them in time order.
  std::vector<ExchangeRow> rows = All(*reopened);
  ASSERT_EQ(rows.size(), uint64_t{kThreads * kPerThread});
  for (size_t i = 1; i < rows.size(); ++i)
    ASSERT_LE(rows[i - 1].exchange.time_us, rows[i].exchange.time_us);
  EXPECT_EQ(All(*reopened, 100 + kPerThread - 10).size(), 10u * kThreads);
}

TEST_P(EventStoreTest, FlushReturnsWithEverythingPostedStored) {
  auto store = Open(NewLocation());
  ASSERT_NE(store, nullptr);
  EventStore* raw = store.get();
  auto log = EventLog::Start(std::move(store));
  ASSERT_TRUE(log.ok());
  for (uint64_t i = 0; i < 5; ++i) (*log)->Post(Exchange(1, i, 10 + i));
  ASSERT_TRUE((*log)->Flush().ok());
  EXPECT_EQ(raw->CountExchanges().value(), 5u);  // the writer is idle now
  EXPECT_EQ((*log)->counters().stored, 5u);
}

TEST_P(EventStoreTest, SummaryCountsAKnownSetOfEvents) {
  auto store = Open(NewLocation());
  ASSERT_NE(store, nullptr);
  ExchangeDone guarded = Exchange(3, 0, 5000, "16", true);
  guarded.guard_action = "blocked";
  guarded.valid = false;
  const Event events[] = {
      Opened(1, "10.0.0.1", 1000),
      Exchange(1, 0, 1100),
      Exchange(1, 1, 1200),
      Exchange(1, 2, 1300, "6", true),
      Closed(1, 3000, 3),
      Opened(2, "10.0.0.1", 4000),
      Exchange(2, 0, 4100, "43/14"),
      Closed(2, 4500, 1),
      Opened(3, "10.0.0.2", 4900),
      guarded,
      ScanRecognised{kRun, 2, 4100, "10.0.0.1", "zgrab2-modbus", ""},
      ScanRecognised{kRun, 3, 5000, "10.0.0.2", "zgrab2-modbus", ""},
      ScanRecognised{kRun, 3, 5000, "10.0.0.2", "modbus-unit-id-sweep", ""},
  };
  ASSERT_TRUE(store->Append(events).ok());

  auto all = Summarize(*store, std::nullopt);
  ASSERT_TRUE(all.ok()) << all.status().message();
  const EventSummary& s = *all;
  EXPECT_EQ(s.requests, 5u);
  ASSERT_EQ(s.sources.size(), 2u);
  EXPECT_EQ(s.sources[0].address, "10.0.0.1");
  EXPECT_EQ(s.sources[0].connections, 2u);
  EXPECT_EQ(s.sources[0].requests, 4u);
  EXPECT_EQ(s.sources[0].writes, 1u);
  EXPECT_EQ(s.sources[1].address, "10.0.0.2");
  EXPECT_EQ(s.sources[1].requests, 1u);
  EXPECT_EQ(s.sources[1].writes, 1u);
  EXPECT_EQ(s.sessions, 3u);
  EXPECT_EQ(s.sessions_closed, 2u);
  EXPECT_EQ(s.session_total_us, 2000 + 500);
  EXPECT_EQ(s.session_mean_us, 1250);
  EXPECT_EQ(s.functions.at("modbus").at("3"), 2u);
  EXPECT_EQ(s.functions.at("modbus").at("6"), 1u);
  EXPECT_EQ(s.functions.at("modbus").at("16"), 1u);
  EXPECT_EQ(s.functions.at("modbus").at("43/14"), 1u);
  EXPECT_EQ(s.writes, 2u);
  EXPECT_EQ(s.scans.at("zgrab2-modbus"),
            (std::set<std::string>{"10.0.0.1", "10.0.0.2"}));
  EXPECT_EQ(s.scans.at("modbus-unit-id-sweep"),
            (std::set<std::string>{"10.0.0.2"}));
  EXPECT_EQ(s.guard_actions, (std::map<std::string, uint64_t>{{"blocked", 1}}));
  EXPECT_EQ(s.invalid_responses, 1u);

  // Since 4000: the second and third connections only.
  auto recent = Summarize(*store, 4000);
  ASSERT_TRUE(recent.ok());
  EXPECT_EQ(recent->requests, 2u);
  EXPECT_EQ(recent->sessions, 2u);
  EXPECT_EQ(recent->sessions_closed, 1u);
  EXPECT_EQ(recent->session_total_us, 500);
  EXPECT_EQ(recent->functions.at("modbus").count("3"), 0u);

  nlohmann::json j = SummaryToJson(s);
  EXPECT_EQ(j["requests"], 5);
  EXPECT_EQ(j["writes"]["by_source"]["10.0.0.2"], 1);
  EXPECT_EQ(j["sessions"]["mean_us"], 1250);
  const std::string text = RenderSummaryText(s);
  EXPECT_THAT(text, HasSubstr("5 requests from 2 sources"));
  EXPECT_THAT(text, HasSubstr("zgrab2-modbus         10.0.0.1, 10.0.0.2"));
  EXPECT_THAT(text, HasSubstr("Invalid responses: 1"));
}

INSTANTIATE_TEST_SUITE_P(Engines, EventStoreTest,
                         ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST(SqliteEventStore, UsesTheWalJournal) {
  testing::ScratchDir dir;
  const std::string path = dir.Path("e.sqlite");
  ASSERT_TRUE(OpenEventStore(path).ok());
  auto db = OpenSqliteDatabase(path);
  ASSERT_TRUE(db.ok());
  std::string mode;
  ASSERT_TRUE((*db)
                  ->Query("PRAGMA journal_mode", {},
                          [&](const SqlRow& row) {
                            mode = row.Text(0);
                            return Status::Ok();
                          })
                  .ok());
  EXPECT_EQ(mode, "wal");
}

TEST(SqliteEventStore, FileThatIsNotADatabaseIsRefused) {
  testing::ScratchDir dir;
  const std::string path = dir.Path("notes.sqlite");
  std::ofstream(path) << std::string(4096, 'x');
  auto store = OpenEventStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(),
            "open " + path + ": file is not a database");
}

TEST(SqliteEventStore, UnopenablePathIsOneLine) {
  auto store = OpenEventStore("/nonexistent-dir/events.sqlite");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(
      store.status().message(),
      "open /nonexistent-dir/events.sqlite: unable to open database file");
}

TEST(PostgresEventStore, RefusedConnectionSaysWhatToCheck) {
  // Port 1 on loopback: nothing listens there.
  auto store = OpenEventStore("postgresql://u:secret@127.0.0.1:1/x");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(),
            "connect postgresql://u:***@127.0.0.1:1/x: connection refused; is "
            "the server running?");
}

}  // namespace
}  // namespace protolm::events
