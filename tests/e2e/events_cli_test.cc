// `protolm events` end to end on a small SQLite store: the command creates
// the schema in an empty file, python3's sqlite3 module adds a few known
// events (as another honeypot process would), and the listing, --since,
// --json and --summary outputs are checked; plus the errors a user meets.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "run_protolm.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"

namespace protolm::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// 2026-11-21T13:00:00Z and later, in microseconds.
constexpr const char* kInsertEvents = R"PY(
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
t0 = 1795266000000000
db.execute("INSERT INTO connections (run_id, connection, opened_us, honeypot,"
           " protocol, local_address, local_port, peer_address, peer_port,"
           " closed_us, close_reason, requests)"
           " VALUES ('r', 1, ?, 'wago', 'modbus', '127.0.0.1', 502,"
           " '10.0.0.5', 40001, ?, 'peer closed', 2)", (t0, t0 + 2000000))
def exchange(seq, t, req, fn, write, guard):
    db.execute("INSERT INTO exchanges (run_id, connection, sequence, time_us,"
               " protocol, request, response, summary, fields_json, function,"
               " write_attempted, valid, guard_action, latency_us)"
               " VALUES ('r', 1, ?, ?, 'modbus', ?, ?, ?, '{}', ?, ?, 1, ?, 80)",
               (seq, t, bytes.fromhex(req), b'', 'modbus.req fc=' + fn, fn,
                write, guard))
exchange(0, t0 + 1000, '000100000006010300000002', '3', 0, '')
exchange(1, t0 + 3600000000, '000200000006010600010005', '6', 1, 'blocked')
db.execute("INSERT INTO scans (run_id, connection, time_us, peer_address,"
           " signature, detail) VALUES ('r', 1, ?, '10.0.0.5',"
           " 'zgrab2-modbus', 'x')", (t0 + 1000,))
db.commit()
)PY";

size_t LineCount(const std::string& text) {
  size_t lines = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines += !line.empty();
  return lines;
}

TEST(EventsCli, ListsSummarisesAndFiltersASmallStore) {
  ScratchDir dir;
  const std::string store = dir.Path("events.sqlite");
  WriteFile(store, "");  // an empty file is an empty SQLite database
  CommandResult empty = RunProtolm({"events", "--events", store});
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_EQ(empty.out, "");
  WriteFile(dir.Path("insert.py"), kInsertEvents);
  CommandResult inserted =
      RunCommand({"python3", dir.Path("insert.py"), store});
  ASSERT_EQ(inserted.exit_code, 0) << inserted.err;

  CommandResult list = RunProtolm({"events", "--events", store});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(LineCount(list.out), 2u);
  EXPECT_THAT(list.out,
              HasSubstr("2026-11-21T13:00:00.001000Z  10.0.0.5:40001"));
  EXPECT_THAT(list.out, HasSubstr("conn 1  modbus.req fc=6  guard=blocked"));

  CommandResult since = RunProtolm({"events", "--events", store, "--since",
                                    "2026-11-21T13:30:00Z", "--json"});
  ASSERT_EQ(since.exit_code, 0) << since.err;
  ASSERT_EQ(LineCount(since.out), 1u);
  nlohmann::json row = nlohmann::json::parse(since.out);
  EXPECT_EQ(row["request"], "000200000006010600010005");
  EXPECT_EQ(row["peer_address"], "10.0.0.5");
  EXPECT_EQ(row["write_attempted"], true);
  EXPECT_EQ(row["guard_action"], "blocked");

  CommandResult summary =
      RunProtolm({"events", "--events", store, "--summary", "--json"});
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  nlohmann::json s = nlohmann::json::parse(summary.out);
  EXPECT_EQ(s["requests"], 2);
  EXPECT_EQ(s["sources"][0]["address"], "10.0.0.5");
  EXPECT_EQ(s["sessions"]["count"], 1);
  EXPECT_EQ(s["sessions"]["mean_us"], 2000000);
  EXPECT_EQ(s["functions"]["modbus"]["6"], 1);
  EXPECT_EQ(s["writes"]["count"], 1);
  EXPECT_EQ(s["scans"]["zgrab2-modbus"][0], "10.0.0.5");
  EXPECT_EQ(s["guard_actions"]["blocked"], 1);

  CommandResult text = RunProtolm({"events", "--events", store, "--summary"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("2 requests from 1 sources"));
  EXPECT_THAT(text.out, HasSubstr("Writes attempted: 1"));
  EXPECT_THAT(text.out, HasSubstr("zgrab2-modbus"));

  // An age: 10000 days (27 years) back covers both exchanges.
  CommandResult age =
      RunProtolm({"events", "--events", store, "--since", "10000d"});
  ASSERT_EQ(age.exit_code, 0) << age.err;
  EXPECT_EQ(LineCount(age.out), 2u);
}

TEST(EventsCli, MissingStoreIsOneLineAndExitOne) {
  ScratchDir dir;
  CommandResult r = RunProtolm({"events", "--events", dir.Path("nope.sqlite")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("nope.sqlite: no such file"));
}

TEST(EventsCli, NotADatabaseIsRefused) {
  ScratchDir dir;
  WriteFile(dir.Path("x.sqlite"), std::string(2048, 'x'));
  CommandResult r = RunProtolm({"events", "--events", dir.Path("x.sqlite")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("file is not a database"));
}

TEST(EventsCli, BadSinceIsAUsageError) {
  ScratchDir dir;
  WriteFile(dir.Path("e.sqlite"), "");
  CommandResult r = RunProtolm(
      {"events", "--events", dir.Path("e.sqlite"), "--since", "yesterday"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err,
              HasSubstr("--since yesterday: expected an ISO 8601 UTC time"));
  EXPECT_THAT(r.err, Not(HasSubstr("\n\n")));
}

}  // namespace
}  // namespace protolm::testing
