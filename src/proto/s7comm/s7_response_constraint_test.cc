// The S7comm response grammar: random walks give responses the spec-only
// validator accepts for connects, setup, read/write var of every item type,
// SZL and other userdata, PLC control; hostile input is harmless.
#include "proto/s7comm/s7_response_constraint.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"
#include "proto/s7comm/s7_validator.h"
#include "testing/grammar_walk.h"

namespace protolm::s7comm {
namespace {

using namespace protolm::s7comm;  // NOLINT: the whole file speaks S7
using testing::RandomWalk;

Bytes Framed(const S7Pdu& pdu) {
  Result<Bytes> bytes = FrameS7Pdu(pdu);
  EXPECT_TRUE(bytes.ok()) << bytes.status().message();
  return bytes.ok() ? *bytes : Bytes{};
}

AnyPointer Item(ItemType type, uint16_t length, Area area, uint16_t db,
                uint32_t byte_offset, uint8_t bit = 0) {
  return AnyPointer{type, length, db, area, byte_offset, bit};
}

std::vector<Bytes> SampleRequests() {
  std::vector<Bytes> out;
  out.push_back(FrameTpdu(CotpConnectRequest(7, 0x0100, 0x0102, 0x0a)).value());
  out.push_back(FrameTpdu(CotpConnectRequest(8, 0x0100, 0x0102, 0x02)).value());
  out.push_back(FrameTpdu(CotpDisconnectRequest(1, 2, 0x80)).value());
  out.push_back(Framed(SetupCommunicationJob(1, 1, 1, 480)));
  out.push_back(Framed(SetupCommunicationJob(2, 0, 3, 0)));
  out.push_back(
      Framed(ReadVarJob(3, {Item(ItemType::kByte, 4, Area::kDataBlock, 1, 0),
                            Item(ItemType::kBit, 1, Area::kFlags, 0, 2, 5),
                            Item(ItemType::kWord, 3, Area::kInputs, 0, 0),
                            Item(ItemType::kReal, 1, Area::kOutputs, 0, 4),
                            Item(ItemType::kChar, 5, Area::kDataBlock, 2, 1),
                            Item(ItemType::kIecTimer, 1, Area::kIecTimer, 0, 0),
                            OpaqueAddress{0xb0, {1, 2, 3}}})));
  out.push_back(
      Framed(ReadVarJob(4, {Item(ItemType::kByte, 200, Area::kDataBlock, 1, 0),
                            Item(ItemType::kDint, 10, Area::kFlags, 0, 0),
                            Item(ItemType::kBit, 3, Area::kOutputs, 0, 0)})));
  out.push_back(Framed(ReadVarJob(5, {})));
  out.push_back(
      Framed(WriteVarJob(6,
                         {Item(ItemType::kByte, 2, Area::kDataBlock, 1, 0),
                          Item(ItemType::kBit, 1, Area::kOutputs, 0, 0, 3)},
                         {ByteData({1, 2}), BitData(true)})));
  out.push_back(Framed(SzlReadRequest(7, 0x0011, 0x0000)));
  out.push_back(Framed(SzlReadRequest(8, 0x0f11, 0x0000)));
  S7Pdu stop;
  stop.rosctr = Rosctr::kJob;
  stop.pdu_ref = 9;
  stop.body = OpaqueBody{
      {0x29, 0, 0, 0, 0, 0, 9, 'P', '_', 'P', 'R', 'O', 'G', 'R', 'A', 'M'},
      {}};
  out.push_back(Framed(stop));
  S7Pdu clock;
  clock.rosctr = Rosctr::kUserdata;
  clock.pdu_ref = 10;
  UserdataParam param;
  param.group = static_cast<uint8_t>(UserdataGroup::kTimeFunctions);
  param.subfunction = 1;
  clock.body = Userdata{param, std::nullopt};
  out.push_back(Framed(clock));
  S7Pdu more = clock;  // an SZL continuation request
  more.pdu_ref = 11;
  std::get<Userdata>(more.body).param.group =
      static_cast<uint8_t>(UserdataGroup::kCpuFunctions);
  std::get<Userdata>(more.body).param.continuation =
      UserdataParam::Continuation{3, 0, 0};
  out.push_back(Framed(more));
  return out;
}

TEST(S7ResponseConstraint, RandomWalksValidateWithSpecOnlyRules) {
  std::mt19937 rng(5);
  for (const Bytes& request : SampleRequests()) {
    S7ResponseConstraint c(request, 512);
    for (int i = 0; i < 8; ++i) {
      auto walk = RandomWalk(c, rng);
      ASSERT_FALSE(walk.stuck)
          << ToHex(request) << " after " << ToHex(walk.response);
      Status valid =
          s7comm::ValidateS7Response(request, walk.response, s7comm::S7Rules{});
      ASSERT_TRUE(valid.ok())
          << ToHex(request) << " -> " << ToHex(walk.response) << ": "
          << valid.message();
    }
  }
}

TEST(S7ResponseConstraint, ReadVarWalksReachSuccessAndFailure) {
  Bytes request =
      Framed(ReadVarJob(1, {Item(ItemType::kByte, 3, Area::kDataBlock, 1, 0),
                            Item(ItemType::kWord, 1, Area::kDataBlock, 1, 4)}));
  S7ResponseConstraint c(request);
  std::mt19937 rng(11);
  std::set<size_t> sizes;
  for (int i = 0; i < 300; ++i)
    sizes.insert(RandomWalk(c, rng).response.size());
  // Refusal 19; items fail/fail 29, ok/fail 33 (3 bytes + fill), fail/ok 31,
  // ok/ok 35.
  EXPECT_EQ(sizes, (std::set<size_t>{19, 29, 31, 33, 35}));
}

TEST(S7ResponseConstraint, AcksAndEmptyDataUnitsGetNoAnswer) {
  for (const Bytes& request : {Framed(ErrorAck(12, 0x81, 0x04)),
                               FrameTpdu(CotpData({}, true)).value()}) {
    S7ResponseConstraint c(request);
    AllowedTokens allowed;
    c.Allowed({}, &allowed);
    EXPECT_TRUE(allowed.end) << ToHex(request);
    EXPECT_TRUE(allowed.bytes.none());
  }
}

TEST(S7ResponseConstraint, CapLeavesOnlyWhatFits) {
  Bytes request = Framed(SzlReadRequest(7, 0x0011, 0x0000));
  S7ResponseConstraint c(request, 40);
  std::mt19937 rng(2);
  for (int i = 0; i < 50; ++i) {
    auto walk = RandomWalk(c, rng);
    ASSERT_FALSE(walk.stuck);
    EXPECT_LE(walk.response.size(), 40u);
  }
}

TEST(S7ResponseConstraint, HostileRequestsAndPrefixesAreHarmless) {
  std::mt19937 rng(77);
  std::uniform_int_distribution<int> byte(0, 255);
  const std::vector<Bytes> samples = SampleRequests();
  for (int i = 0; i < 600; ++i) {
    Bytes request = samples[i % samples.size()];
    // Flip a few bytes or cut the request short.
    if (i % 3 == 0 && !request.empty())
      request.resize(
          std::uniform_int_distribution<size_t>(0, request.size())(rng));
    for (int k = 0; k < 2 && !request.empty(); ++k)
      request[std::uniform_int_distribution<size_t>(
          0, request.size() - 1)(rng)] = static_cast<uint8_t>(byte(rng));
    S7ResponseConstraint c(request, 256);
    auto walk = RandomWalk(c, rng);
    ASSERT_FALSE(walk.stuck) << ToHex(request);
    if (walk.response.empty()) {
      // Only for what a PLC leaves unanswered: no CR, job or userdata.
      MessageDecoding m = DecodeMessage(request, FieldMode::kSkip);
      const bool answered = m.status.ok() && !m.tpdus.empty() &&
                            (m.tpdus[0].type == CotpType::kConnectRequest ||
                             (m.s7 && (m.s7->rosctr == Rosctr::kJob ||
                                       m.s7->rosctr == Rosctr::kUserdata)));
      EXPECT_FALSE(answered) << ToHex(request);
      continue;
    }
    Status valid =
        s7comm::ValidateS7Response(request, walk.response, s7comm::S7Rules{});
    EXPECT_TRUE(valid.ok()) << ToHex(request) << " -> " << ToHex(walk.response)
                            << ": " << valid.message();
    Bytes noise(std::uniform_int_distribution<size_t>(0, 40)(rng));
    for (auto& b : noise) b = static_cast<uint8_t>(byte(rng));
    AllowedTokens allowed;
    c.Allowed(noise, &allowed);
  }
}

}  // namespace
}  // namespace protolm::s7comm
