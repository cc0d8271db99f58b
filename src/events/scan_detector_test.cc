// ScanDetector on the exact requests the tools send. The bytes were
// captured from nmap 7.93 (`nmap -p PORT --script +modbus-discover` and
// `+s7-info` against `protolm device serve` on 127.0.0.1; the '+' runs the
// scripts on a non-standard port) and match the scripts' sources in
// /usr/share/nmap/scripts; the zgrab2 request follows its modbus module
// (request id 0x5A47, FC 43/14 basic, unit 0, object 0).
#include "events/scan_detector.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace protolm::events {
namespace {

Bytes Hex(std::string_view text) { return FromHex(text).value(); }

TEST(ScanDetector, NmapModbusDiscoverOneConnectionPerRequest) {
  ScanDetector detector("run");
  // Report server id to unit 1, then (on a new connection) its device id.
  auto first =
      detector.Feed("10.1.1.1", 1, "modbus", Hex("0000000000020111"), 10);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].signature, "nmap-modbus-discover");
  EXPECT_EQ(first[0].run_id, "run");
  EXPECT_EQ(first[0].connection, 1u);
  EXPECT_EQ(first[0].time_us, 10);
  EXPECT_EQ(first[0].peer_address, "10.1.1.1");
  EXPECT_EQ(first[0].detail,
            "report server id (FC 17) to unit 1, transaction id 0");
  auto second =
      detector.Feed("10.1.1.1", 2, "modbus", Hex("000000000005012b0e0100"), 20);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(
      second[0].detail,
      "read device identification (FC 43/14) of unit 1, transaction id 0");
  // A second matching request on the same connection is not reported again.
  EXPECT_TRUE(
      detector.Feed("10.1.1.1", 2, "modbus", Hex("000000000005012b0e0103"), 30)
          .empty());
}

TEST(ScanDetector, NmapModbusDiscoverSweepAgainstASilentHoneypot) {
  // Unanswered, the script tries unit ids 1..246, one connection each.
  ScanDetector detector("run");
  std::vector<std::string> all;
  for (int unit = 1; unit <= 246; ++unit) {
    Bytes request = Hex("0000000000020011");
    request[6] = static_cast<uint8_t>(unit);
    for (auto& s : detector.Feed("10.1.1.2", unit, "modbus", request, unit))
      all.push_back(s.signature + "@" + std::to_string(s.connection));
    detector.ConnectionClosed(unit);
  }
  EXPECT_EQ(std::count(all.begin(), all.end(), "modbus-unit-id-sweep@16"), 1);
  EXPECT_EQ(all.size(), 246u + 1u);  // one per connection, one sweep
}

TEST(ScanDetector, Zgrab2ModbusRequestId) {
  ScanDetector detector("run");
  auto found =
      detector.Feed("10.1.1.3", 5, "modbus", Hex("5a4700000005002b0e0100"), 1);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].signature, "zgrab2-modbus");
  EXPECT_EQ(
      found[0].detail,
      "read device identification (FC 43/14) of unit 0, transaction id 0x5A47");
}

TEST(ScanDetector, NmapS7InfoSequence) {
  ScanDetector detector("run");
  const char* requests[] = {
      "0300001611e00000001400c1020100c2020102c0010a",        // COTP CR
      "0300001902f08032010000000000080000f0000001000101e0",  // setup
      "0300002102f080320700000000000800080001120411440100ff09000400110001",
      "0300002102f080320700000000000800080001120411440100ff09000400110001",
      "0300002102f080320700000000000800080001120411440100ff090004001c0001",
  };
  std::vector<std::string> found;
  for (const char* hex : requests)
    for (auto& s : detector.Feed("10.1.1.4", 9, "s7comm", Hex(hex), 1))
      found.push_back(s.signature);
  EXPECT_THAT(found, ::testing::ElementsAre("nmap-s7-info"));
  // The same sequence on another connection of the same source counts again.
  for (const char* hex : requests)
    for (auto& s : detector.Feed("10.1.1.4", 10, "s7comm", Hex(hex), 2))
      found.push_back(s.signature);
  EXPECT_EQ(found.size(), 2u);
  // A connection id that carried another protocol first gets S7's own state.
  (void)detector.Feed("10.1.1.4", 11, "modbus", Hex("0000000000020111"), 3);
  for (const char* hex : requests)
    for (auto& s : detector.Feed("10.1.1.4", 11, "s7comm", Hex(hex), 3))
      found.push_back(s.signature);
  EXPECT_EQ(found.size(), 3u);
}

TEST(ScanDetector, SzlReadsWithoutSetupAreNotS7Info) {
  ScanDetector detector("run");
  EXPECT_TRUE(detector
                  .Feed("10.1.1.5", 1, "s7comm",
                        Hex("0300002102f080320700000000000800080001120411440100"
                            "ff090004001c0001"),
                        1)
                  .empty());
}

TEST(ScanDetector, PollingClientIsNothing) {
  // mbpoll-like: read holding registers of unit 1, transaction ids 1, 2, ...
  // and an S7 HMI reading DB1 with increasing PDU references.
  ScanDetector detector("run");
  for (int i = 1; i <= 300; ++i) {
    Bytes request = Hex("000100000006010300000002");
    request[0] = static_cast<uint8_t>(i >> 8);
    request[1] = static_cast<uint8_t>(i);
    EXPECT_TRUE(detector.Feed("10.1.1.6", 1, "modbus", request, i).empty());
  }
  EXPECT_TRUE(
      detector
          .Feed("10.1.1.7", 2, "s7comm",
                Hex("0300001902f08032010000010000080000f0000001000101e0"), 1)
          .empty());
}

TEST(ScanDetector, MalformedRequestsCompleteNothing) {
  ScanDetector detector("run");
  EXPECT_TRUE(detector.Feed("10.1.1.8", 1, "modbus", Hex("0000"), 1).empty());
  EXPECT_TRUE(detector.Feed("10.1.1.8", 1, "s7comm", Hex("03"), 1).empty());
  EXPECT_TRUE(detector.Feed("10.1.1.8", 1, "other", Hex("00"), 1).empty());
}

TEST(ScanDetector, StateStaysWithinItsBounds) {
  ScanDetectorOptions options;
  options.max_sources = 2;
  options.sweep_unit_ids = 3;
  ScanDetector detector("run", options);
  Bytes request = Hex("000100000006010300000002");
  // Source A uses units 1 and 2, then two other sources push A out: its
  // unit ids are forgotten, so unit 3 alone is no sweep.
  request[6] = 1;
  (void)detector.Feed("A", 1, "modbus", request, 1);
  request[6] = 2;
  (void)detector.Feed("A", 1, "modbus", request, 2);
  (void)detector.Feed("B", 2, "modbus", request, 3);
  (void)detector.Feed("C", 3, "modbus", request, 4);
  request[6] = 3;
  EXPECT_TRUE(detector.Feed("A", 1, "modbus", request, 5).empty());
}

}  // namespace
}  // namespace protolm::events
