// Tests of request templates: identifiers found and rewritten in Modbus and
// S7 requests, answer keys read back as the codecs pair them, datasets
// replayed without their S7 connection openings, generated requests.
#include "loadgen/request_templates.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "probe/probe_config.h"
#include "proto/modbus/builders.h"
#include "proto/registry/codec_registry.h"
#include "proto/registry/protocol_table.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"

namespace protolm::loadgen {
namespace {

using ::testing::HasSubstr;

const Codec& CodecNamed(std::string_view name) { return *FindCodec(name); }

Bytes S7Read(uint16_t ref) {
  s7comm::AnyPointer item;
  item.area = s7comm::Area::kFlags;
  item.length = 4;
  return s7comm::FrameS7Pdu(s7comm::ReadVarJob(ref, {item})).value();
}

/// The opening a load connection to the S7 simulator sends.
std::unique_ptr<ConnectionOpening> S7Opening() {
  return probe::DefaultProbeConfig("s7comm")
      .value()
      .settings->Opening(1, [] { return uint16_t{0xffff}; })
      .value();
}

std::string Record(const std::string& protocol, ByteView request,
                   bool control = false) {
  return "{\"protocol\":\"" + protocol + "\",\"request\":\"" + ToHex(request) +
         "\",\"response\":null,\"control\":" + (control ? "true" : "false") +
         "}\n";
}

TEST(RequestTemplate, ModbusTransactionIdIsRewrittenAndPairsTheAnswer) {
  const Bytes adu =
      modbus::BuildRequestAdu(7, 5, modbus::ReadHoldingRegisters(0, 2)).value();
  auto t = MakeTemplate(*FindProtocol("modbus"), adu);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->id_offset, 0u);
  Bytes sent = {0xaa};  // stamping appends
  StampRequest(*t, 0x1234, sent);
  ASSERT_EQ(sent.size(), adu.size() + 1);
  EXPECT_EQ(sent[1], 0x12);
  EXPECT_EQ(sent[2], 0x34);
  EXPECT_TRUE(std::equal(adu.begin() + 2, adu.end(), sent.begin() + 3));
  const ByteView stamped = ByteView(sent).subspan(1);
  EXPECT_EQ(CodecNamed("modbus")
                .Inspect(stamped, Direction::kClientToServer)
                .info.pair_key,
            t->KeyFor(0x1234));
  const Bytes answer = modbus::BuildResponseAdu(
                           0x1234, 5, modbus::ReadRegistersResponse(3, {1, 2}))
                           .value();
  EXPECT_EQ(FindProtocol("modbus")->AnswerKey(answer), t->KeyFor(0x1234));
  // Another unit's answer does not pair.
  const Bytes other = modbus::BuildResponseAdu(
                          0x1234, 6, modbus::ReadRegistersResponse(3, {1, 2}))
                          .value();
  EXPECT_NE(FindProtocol("modbus")->AnswerKey(other), t->KeyFor(0x1234));
}

TEST(RequestTemplate, S7PduReferenceIsRewrittenAndPairsTheAnswer) {
  const Bytes job = S7Read(9);
  auto t = MakeTemplate(*FindProtocol("s7comm"), job);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->id_offset, 11u);  // TPKT 4, COTP DT 3, S7 header + 4
  Bytes sent;
  StampRequest(*t, 0xbeef, sent);
  EXPECT_EQ(sent, S7Read(0xbeef));
  const Bytes answer =
      s7comm::FrameS7Pdu(
          s7comm::ReadVarAckData(0xbeef, {s7comm::ByteData({1, 2, 3, 4})}))
          .value();
  EXPECT_EQ(FindProtocol("s7comm")->AnswerKey(answer), t->KeyFor(0xbeef));
}

TEST(RequestTemplate, RefusesAnswersAndPartialUnits) {
  // (A Modbus unit sent to a server is a request by its direction alone.)
  const Bytes answer =
      s7comm::FrameS7Pdu(s7comm::ReadVarAckData(3, {s7comm::ByteData({1})}))
          .value();
  auto from_answer = MakeTemplate(*FindProtocol("s7comm"), answer);
  ASSERT_FALSE(from_answer.ok());
  EXPECT_THAT(from_answer.status().message(),
              HasSubstr("not a s7comm request that an answer can be paired "
                        "with (response)"));
  const Bytes adu =
      modbus::BuildRequestAdu(1, 1, modbus::ReadCoils(0, 8)).value();
  auto partial =
      MakeTemplate(*FindProtocol("modbus"), ByteView(adu).first(adu.size() - 1));
  ASSERT_FALSE(partial.ok());
  EXPECT_THAT(partial.status().message(), HasSubstr("not one whole modbus"));
}

TEST(RequestTemplate, CotpUnitsHaveNoIdentifier) {
  const auto opening = S7Opening();
  const Bytes& connect = opening->requests()[0];
  const Protocol& s7 = *FindProtocol("s7comm");
  EXPECT_FALSE(s7.IdentifierOffset(connect).ok());
  EXPECT_FALSE(s7.AnswerKey(connect).has_value());
  EXPECT_TRUE(opening->IsOpeningUnit(connect));
  EXPECT_TRUE(opening->IsOpeningUnit(opening->requests()[1]));
  EXPECT_FALSE(opening->IsOpeningUnit(S7Read(1)));
}

TEST(DatasetRequests, LeavesOutTheS7OpeningAndCountsUnusableRecords) {
  testing::ScratchDir dir;
  const std::string path = dir.Path("s7.jsonl");
  const auto opening = S7Opening();
  const Bytes ack =
      s7comm::FrameS7Pdu(s7comm::ReadVarAckData(3, {s7comm::ByteData({1})}))
          .value();
  testing::WriteFile(path, Record("s7comm", opening->requests()[0], true) +
                               Record("s7comm", opening->requests()[1]) +
                               Record("s7comm", S7Read(1)) +
                               Record("s7comm", ack) +  // not a request
                               Record("s7comm", S7Read(2)));
  auto list = DatasetRequests(path, "s7comm");
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(list->requests.size(), 2u);
  EXPECT_EQ(list->requests[0].wire, S7Read(1));
  EXPECT_EQ(list->requests[1].wire, S7Read(2));
  EXPECT_EQ(list->unusable, 1u);
  EXPECT_THAT(list->first_unusable, HasSubstr("s7.jsonl:4: "));
}

TEST(DatasetRequests, ARecordOfAnotherProtocolIsAnError) {
  testing::ScratchDir dir;
  const std::string path = dir.Path("mixed.jsonl");
  testing::WriteFile(
      path,
      Record("modbus",
             modbus::BuildRequestAdu(1, 1, modbus::ReadCoils(0, 1)).value()) +
          Record("s7comm", S7Read(1)));
  auto list = DatasetRequests(path, "modbus");
  ASSERT_FALSE(list.ok());
  EXPECT_THAT(list.status().message(),
              HasSubstr("mixed.jsonl:2: a s7comm record in a modbus load"));
}

TEST(DatasetRequests, NoRequestAtAllIsAnError) {
  testing::ScratchDir dir;
  const std::string path = dir.Path("empty.jsonl");
  testing::WriteFile(path, "");
  auto list = DatasetRequests(path, "modbus");
  ASSERT_FALSE(list.ok());
  EXPECT_THAT(list.status().message(), HasSubstr("no modbus request"));
}

TEST(GeneratedRequests, EveryProtocolAndStrategyGivesPairableRequests) {
  for (const char* protocol : {"modbus", "s7comm"}) {
    for (const char* strategy : {"boundaries", "random"}) {
      auto list = GeneratedRequests(protocol, strategy, 300, 1);
      ASSERT_TRUE(list.ok()) << list.status().message();
      ASSERT_EQ(list->requests.size(), 300u) << protocol << " " << strategy;
      for (const RequestTemplate& t : list->requests) {
        Bytes sent;
        StampRequest(t, 4321, sent);
        EXPECT_EQ(CodecNamed(protocol)
                      .Inspect(sent, Direction::kClientToServer)
                      .info.pair_key,
                  t.KeyFor(4321));
      }
    }
  }
  EXPECT_FALSE(GeneratedRequests("modbus", "weighted", 10, 1).ok());
  EXPECT_FALSE(GeneratedRequests("dnp3", "random", 10, 1).ok());
}

}  // namespace
}  // namespace protolm::loadgen
