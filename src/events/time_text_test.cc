// --since parsing and ISO 8601 rendering.
#include "events/time_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace protolm::events {
namespace {

constexpr int64_t kSecond = 1000000;
// 2026-11-21T13:00:00Z
constexpr int64_t kNoon = 1795266000LL * kSecond;

TEST(ParseSince, IsoUtcTimes) {
  EXPECT_EQ(ParseSince("2026-11-21T13:00:00Z", 0).value(), kNoon);
  EXPECT_EQ(ParseSince("2026-11-21T13:00:00.25Z", 0).value(), kNoon + 250000);
  EXPECT_EQ(ParseSince("2026-11-21", 0).value(), kNoon - 13 * 3600 * kSecond);
  EXPECT_EQ(ParseSince("1970-01-01T00:00:00Z", 0).value(), 0);
}

TEST(ParseSince, Ages) {
  EXPECT_EQ(ParseSince("10m", kNoon).value(), kNoon - 600 * kSecond);
  EXPECT_EQ(ParseSince("2h", kNoon).value(), kNoon - 7200 * kSecond);
  EXPECT_EQ(ParseSince("1d", kNoon).value(), kNoon - 86400 * kSecond);
  EXPECT_EQ(ParseSince("90s", kNoon).value(), kNoon - 90 * kSecond);
}

TEST(ParseSince, NonsenseIsOneLineNamingTheForms) {
  for (const char* bad : {"", "10", "m", "-5m", "10y", "2026-13-01T00:00:00Z",
                          "2026-11-21T13:00:00", "2026-11-21T25:00:00Z",
                          "99999999999999999999d"}) {
    auto r = ParseSince(bad, kNoon);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_THAT(r.status().message(),
                ::testing::HasSubstr("expected an ISO 8601 UTC time"));
  }
}

TEST(IsoUtcTime, RoundTrips) {
  EXPECT_EQ(IsoUtcTime(kNoon + 123456), "2026-11-21T13:00:00.123456Z");
  EXPECT_EQ(ParseSince(IsoUtcTime(kNoon + 123456), 0).value(), kNoon + 123456);
  EXPECT_EQ(CompactUtcTime(kNoon), "20261121T130000Z");
}

}  // namespace
}  // namespace protolm::events
