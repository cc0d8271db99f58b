// The Responder with tiny engines of seeded random weights (no training):
// constrained answers validate with spec-only rules whatever the weights;
// with state, a write then a read returns the written values; context is
// kept per session.
#include "emu/responder.h"

#include <gtest/gtest.h>

#include <random>

#include "lm/engine/model_config.h"
#include "lm/engine/weights.h"
#include "proto/modbus/adu.h"
#include "proto/modbus/builders.h"
#include "proto/modbus/modbus_protocol.h"
#include "proto/modbus/modbus_validator.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"
#include "proto/s7comm/s7_validator.h"
#include "proto/s7comm/s7comm_protocol.h"

namespace protolm::emu {
namespace {

namespace mb = modbus;

lm::Weights RandomWeights(const lm::ModelConfig& config, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 0.5f);
  lm::Weights w;
  for (const auto& [name, shape] : lm::ExpectedShapes(config)) {
    lm::Tensor t;
    t.shape = shape;
    size_t n = 1;
    for (int64_t d : shape) n *= static_cast<size_t>(d);
    t.data.resize(n);
    for (float& x : t.data) x = normal(rng);
    w[name] = std::move(t);
  }
  return w;
}

lm::Engine MakeEngine(const lm::Weights& weights, const lm::ModelConfig& c) {
  auto engine = lm::Engine::Create(c, weights);
  EXPECT_TRUE(engine.ok()) << engine.status().message();
  return std::move(engine).value();
}

lm::ModelConfig Tiny() { return lm::PresetConfig("tiny").value(); }

/// An engine whose logits are its head bias alone (final LayerNorm scaled
/// to zero): among the allowed bytes it always prefers 0xff, then the
/// highest value below 0x80, then the lowest from 0x80 on. Under the
/// grammar it answers normally where it may: longer lengths, plain
/// function codes, success return codes.
lm::Engine PreferNormalAnswers() {
  lm::ModelConfig c = Tiny();
  lm::Weights w = RandomWeights(c, 3);
  std::fill(w["ln_f.weight"].data.begin(), w["ln_f.weight"].data.end(), 0.f);
  std::fill(w["ln_f.bias"].data.begin(), w["ln_f.bias"].data.end(), 0.f);
  std::vector<float>& bias = w["head.bias"].data;
  for (int t = 0; t < lm::kVocabSize; ++t)
    bias[t] = t < 0x80 ? static_cast<float>(t) : -static_cast<float>(t);
  bias[0xff] = 1000.f;
  bias[lm::kEnd] = -1000.f;
  return MakeEngine(w, c);
}

Bytes Req(const mb::Request& r, uint16_t t) {
  return mb::BuildRequestAdu(t, 1, r).value();
}

TEST(Responder, ConstrainedAnswersOfRandomWeightsValidate) {
  for (uint32_t seed : {1u, 2u}) {
    lm::Engine engine = MakeEngine(RandomWeights(Tiny(), seed), Tiny());
    Responder modbus(engine, modbus::ModbusProtocol(), {}, nullptr);
    std::vector<Bytes> requests = {Req(mb::ReadHoldingRegisters(0, 3), 1),
                                   Req(mb::ReadCoils(5, 11), 2),
                                   Req(mb::WriteSingleRegister(3, 9), 3),
                                   Req(mb::ReadDeviceIdentification(1, 0), 4),
                                   Req(mb::ReportServerId(), 5),
                                   Req(mb::ReadCoils(0, 3000), 6)};
    for (const Bytes& request : requests) {
      auto answer = modbus.Answer(request);
      ASSERT_TRUE(answer.ok()) << answer.status().message();
      Status valid = modbus::ValidateModbusResponse(request, *answer,
                                                    modbus::ModbusRules{});
      EXPECT_TRUE(valid.ok()) << ToHex(request) << " -> " << ToHex(*answer)
                              << ": " << valid.message();
    }
    Responder s7(engine, s7comm::S7commProtocol(), {}, nullptr);
    s7comm::AnyPointer item{s7comm::ItemType::kWord,  2, 1,
                            s7comm::Area::kDataBlock, 0, 0};
    for (const s7comm::S7Pdu& pdu :
         {s7comm::SetupCommunicationJob(1, 1, 1, 480),
          s7comm::ReadVarJob(2, {item, item}),
          s7comm::SzlReadRequest(3, 0x0011, 0)}) {
      Bytes request = s7comm::FrameS7Pdu(pdu).value();
      auto answer = s7.Answer(request);
      ASSERT_TRUE(answer.ok()) << answer.status().message();
      Status valid = s7comm::ValidateS7Response(request, *answer, {});
      EXPECT_TRUE(valid.ok()) << ToHex(request) << " -> " << ToHex(*answer)
                              << ": " << valid.message();
    }
  }
}

TEST(Responder, ModbusWriteThenReadReturnsTheWrittenValues) {
  lm::Engine engine = PreferNormalAnswers();
  StateOverlay device(modbus::ModbusProtocol());
  Responder writer(engine, modbus::ModbusProtocol(), {}, &device);
  Responder reader(engine, modbus::ModbusProtocol(), {},
                   &device);  // another connection
  auto wrote =
      writer.Answer(Req(mb::WriteMultipleRegisters(20, {1234, 5678}), 1));
  ASSERT_TRUE(wrote.ok()) << wrote.status().message();
  auto read = reader.Answer(Req(mb::ReadHoldingRegisters(19, 3), 2));
  ASSERT_TRUE(read.ok()) << read.status().message();
  auto adu = mb::DecodeResponseAdu(*read);
  ASSERT_TRUE(adu.ok()) << ToHex(*read);
  const auto& regs = std::get<mb::RegistersResponse>(adu->pdu.body).registers;
  ASSERT_EQ(regs.size(), 3u);
  EXPECT_EQ(regs[1], 1234);
  EXPECT_EQ(regs[2], 5678);
  EXPECT_EQ(regs[0], 0xFFFF);  // unknown: the model's value

  // Without state the model's values come back.
  Responder stateless(engine, modbus::ModbusProtocol(), {.use_state = false},
                      &device);
  auto plain = stateless.Answer(Req(mb::ReadHoldingRegisters(19, 3), 3));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(ToHex(*plain).substr(18), "ffffffffffff");
}

TEST(Responder, S7WriteThenReadReturnsTheWrittenBytesAndBits) {
  lm::Engine engine = PreferNormalAnswers();
  StateOverlay device(s7comm::S7commProtocol());
  Responder session(engine, s7comm::S7commProtocol(), {}, &device);
  s7comm::AnyPointer bytes{s7comm::ItemType::kByte,  2, 3,
                           s7comm::Area::kDataBlock, 4, 0};
  s7comm::AnyPointer bit{s7comm::ItemType::kBit, 1, 0,
                         s7comm::Area::kFlags,   0, 6};
  auto wrote = session.Answer(
      s7comm::FrameS7Pdu(s7comm::WriteVarJob(1, {bytes, bit},
                                             {s7comm::ByteData({0x11, 0x22}),
                                              s7comm::BitData(false)}))
          .value());
  ASSERT_TRUE(wrote.ok()) << wrote.status().message();
  auto read = session.Answer(
      s7comm::FrameS7Pdu(s7comm::ReadVarJob(2, {bytes, bit})).value());
  ASSERT_TRUE(read.ok()) << read.status().message();
  s7comm::MessageDecoding m = s7comm::DecodeMessage(*read);
  ASSERT_TRUE(m.status.ok() && m.s7) << ToHex(*read);
  const auto& items = std::get<s7comm::ReadVarResponse>(m.s7->body).items;
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].value, (Bytes{0x11, 0x22}));
  EXPECT_EQ(items[1].value, (Bytes{0x00}));  // the model says 1
}

TEST(Responder, KeepsTheLastExchangesAsContext) {
  lm::Engine engine = MakeEngine(RandomWeights(Tiny(), 4), Tiny());
  Responder session(engine, modbus::ModbusProtocol(), {.context = 2}, nullptr);
  for (uint16_t t = 1; t <= 3; ++t)
    ASSERT_TRUE(session.Answer(Req(mb::ReadCoils(t, 1), t)).ok());
  ASSERT_EQ(session.context().size(), 2u);
  EXPECT_EQ(session.context()[0].request, Req(mb::ReadCoils(2, 1), 2));
  EXPECT_EQ(session.context()[1].request, Req(mb::ReadCoils(3, 1), 3));
}

TEST(Responder, UnconstrainedAnswersStopAtTheCap) {
  lm::Engine engine = PreferNormalAnswers();  // never says kEnd by itself
  Responder session(engine, modbus::ModbusProtocol(),
                    {.constrained = false, .max_response_bytes = 40}, nullptr);
  auto answer = session.Answer(Req(mb::ReadCoils(0, 1), 1));
  ASSERT_TRUE(answer.ok()) << answer.status().message();
  EXPECT_EQ(answer->size(), 40u);
}

}  // namespace
}  // namespace protolm::emu
