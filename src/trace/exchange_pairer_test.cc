// Tests of request/response pairing by protocol key.
#include "trace/exchange_pairer.h"

#include <gtest/gtest.h>

#include <vector>

namespace protolm {
namespace {

Message Make(PduRole role, std::optional<uint64_t> key, Direction dir,
             int64_t t, bool exception = false, std::string function = "f") {
  Message m;
  m.session_id = 7;
  m.time_us = t;
  m.direction = dir;
  m.bytes = {static_cast<uint8_t>(t)};
  m.dissection.info.role = role;
  m.dissection.info.pair_key = key;
  m.dissection.info.exception = exception;
  m.dissection.info.function = std::move(function);
  return m;
}

constexpr Direction kC2S = Direction::kClientToServer;
constexpr Direction kS2C = Direction::kServerToClient;

struct Collector {
  std::vector<Exchange> out;
  ExchangePairer::Emit emit() {
    return [this](Exchange&& e) { out.push_back(std::move(e)); };
  }
};

TEST(ExchangePairer, PairsByKeyNotByOrder) {
  Collector c;
  ExchangePairer p(7, c.emit());
  p.Add(Make(PduRole::kRequest, 1, kC2S, 1));
  p.Add(Make(PduRole::kRequest, 2, kC2S, 2));
  p.Add(Make(PduRole::kResponse, 2, kS2C, 3, true));
  EXPECT_TRUE(c.out.empty());  // exchange 0 still waits
  p.Add(Make(PduRole::kResponse, 1, kS2C, 4));
  ASSERT_EQ(c.out.size(), 2u);
  EXPECT_EQ(c.out[0].index, 0u);
  EXPECT_EQ(c.out[0].response->time_us, 4);
  EXPECT_EQ(c.out[0].status, ExchangeStatus::kNormal);
  EXPECT_EQ(c.out[1].response->time_us, 3);
  EXPECT_EQ(c.out[1].status, ExchangeStatus::kException);
  EXPECT_EQ(c.out[1].session_id, 7u);
}

TEST(ExchangePairer, KeepsUnansweredOrphansAndEvents) {
  Collector c;
  ExchangePairer p(7, c.emit());
  p.Add(Make(PduRole::kResponse, 9, kS2C, 1));
  p.Add(Make(PduRole::kRequest, 3, kC2S, 2));
  p.Add(Make(PduRole::kEvent, std::nullopt, kS2C, 3));
  p.Add(Make(PduRole::kUnknown, std::nullopt, kC2S, 4));
  p.Add(Make(PduRole::kControl, std::nullopt, kC2S, 5, false, "cotp_dt"));
  p.Finish();
  ASSERT_EQ(c.out.size(), 5u);
  EXPECT_EQ(c.out[0].status, ExchangeStatus::kOrphan);
  EXPECT_FALSE(c.out[0].request.has_value());
  EXPECT_EQ(c.out[1].status, ExchangeStatus::kUnanswered);
  EXPECT_EQ(c.out[2].status, ExchangeStatus::kEvent);
  EXPECT_EQ(c.out[3].status, ExchangeStatus::kMalformed);
  EXPECT_TRUE(c.out[3].request.has_value());
  EXPECT_EQ(c.out[4].status, ExchangeStatus::kEvent);  // keyless control
  EXPECT_TRUE(c.out[4].control);
}

TEST(ExchangePairer, KeylessRequestsPairFirstInFirstOut) {
  Collector c;
  ExchangePairer p(7, c.emit());
  p.Add(Make(PduRole::kRequest, std::nullopt, kC2S, 1));
  p.Add(Make(PduRole::kRequest, std::nullopt, kC2S, 2));
  p.Add(Make(PduRole::kResponse, std::nullopt, kS2C, 3));
  p.Add(Make(PduRole::kResponse, std::nullopt, kS2C, 4));
  ASSERT_EQ(c.out.size(), 2u);
  EXPECT_EQ(c.out[0].response->time_us, 3);
  EXPECT_EQ(c.out[1].response->time_us, 4);
}

TEST(ExchangePairer, SameKeyPairsOldestFirstAndControlPairsByKey) {
  Collector c;
  ExchangePairer p(7, c.emit());
  p.Add(Make(PduRole::kRequest, 5, kC2S, 1));
  p.Add(Make(PduRole::kRequest, 5, kC2S, 2));
  p.Add(Make(PduRole::kControl, 99, kC2S, 3, false, "cotp_cr"));
  p.Add(Make(PduRole::kResponse, 5, kS2C, 4));
  p.Add(Make(PduRole::kControl, 99, kS2C, 5, false, "cotp_cc"));
  p.Add(Make(PduRole::kResponse, 5, kS2C, 6));
  ASSERT_EQ(c.out.size(), 3u);
  EXPECT_EQ(c.out[0].response->time_us, 4);
  EXPECT_EQ(c.out[1].response->time_us, 6);
  EXPECT_TRUE(c.out[2].control);
  EXPECT_EQ(c.out[2].function, "cotp_cr");
  EXPECT_EQ(c.out[2].response->time_us, 5);
}

TEST(ExchangePairer, GivesUpOnRequestsTooFarBehind) {
  Collector c;
  ExchangePairer p(7, c.emit(), /*max_waiting=*/2);
  p.Add(Make(PduRole::kRequest, 1, kC2S, 1));
  p.Add(Make(PduRole::kRequest, 2, kC2S, 2));
  EXPECT_TRUE(c.out.empty());
  p.Add(Make(PduRole::kRequest, 3, kC2S, 3));
  ASSERT_EQ(c.out.size(), 1u);
  EXPECT_EQ(c.out[0].status, ExchangeStatus::kUnanswered);
  // A late answer to the given-up request is now an orphan.
  p.Add(Make(PduRole::kResponse, 1, kS2C, 4));
  p.Finish();
  ASSERT_EQ(c.out.size(), 4u);
  EXPECT_EQ(c.out[3].status, ExchangeStatus::kOrphan);
}

TEST(ExchangePairer, ManyOutstandingRequestsAcrossReusedSlots) {
  // More requests wait than the ring starts with, several times over, and
  // are answered out of order: every exchange still gets its own response.
  Collector c;
  ExchangePairer p(7, c.emit());
  int64_t t = 0;
  for (int round = 0; round < 3; ++round) {
    for (uint64_t key = 0; key < 10; ++key)
      p.Add(Make(PduRole::kRequest, key, kC2S, ++t, false, "read"));
    for (uint64_t key = 10; key-- > 0;)
      p.Add(Make(PduRole::kResponse, key, kS2C, ++t, false, "read"));
  }
  p.Finish();
  ASSERT_EQ(c.out.size(), 30u);
  for (size_t i = 0; i < c.out.size(); ++i) {
    const Exchange& e = c.out[i];
    EXPECT_EQ(e.index, i);
    EXPECT_EQ(e.status, ExchangeStatus::kNormal);
    EXPECT_EQ(e.function, "read");
    ASSERT_TRUE(e.request && e.response);
    EXPECT_EQ(e.request->dissection.info.pair_key,
              e.response->dissection.info.pair_key);
  }
}

}  // namespace
}  // namespace protolm
