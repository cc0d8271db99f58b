// Identity answers of an S7 PLC (see s7_identity_answers.h).
#include "emu/s7_identity_answers.h"

#include <set>

namespace protolm::emu {
namespace {

/// TPKT header, then the COTP length indicator.
constexpr size_t kTpktHead = 4;
/// In the S7 header: protocol id 0x32, ROSCTR, redundancy id (2), PDU
/// reference (2).
constexpr size_t kRosctrOffset = 1;
constexpr size_t kPduRefOffset = 4;
constexpr uint8_t kS7ProtocolId = 0x32;
constexpr uint8_t kRosctrUserdata = 0x07;
constexpr size_t kMinS7Header = 10;

/// Where the S7 header of a framed unit starts (after TPKT and the COTP
/// data unit header), when one is there.
std::optional<size_t> S7Start(ByteView framed) {
  if (framed.size() <= kTpktHead) return std::nullopt;
  const size_t start = kTpktHead + 1 + framed[kTpktHead];
  if (framed.size() < start + kMinS7Header || framed[start] != kS7ProtocolId)
    return std::nullopt;
  return start;
}

}  // namespace

std::optional<Bytes> S7IdentityKey(ByteView request) {
  auto start = S7Start(request);
  if (!start || request[*start + kRosctrOffset] != kRosctrUserdata)
    return std::nullopt;
  Bytes key(request.begin(), request.end());
  key[*start + kPduRefOffset] = 0;
  key[*start + kPduRefOffset + 1] = 0;
  return key;
}

std::optional<Bytes> S7AnswerTo(ByteView request, ByteView answer) {
  auto asked = S7Start(request);
  auto given = S7Start(answer);
  if (!asked || !given) return std::nullopt;
  Bytes out(answer.begin(), answer.end());
  out[*given + kPduRefOffset] = request[*asked + kPduRefOffset];
  out[*given + kPduRefOffset + 1] = request[*asked + kPduRefOffset + 1];
  return out;
}

std::map<Bytes, Bytes> LearnS7IdentityAnswers(
    const std::vector<lm::ByteExchange>& exchanges) {
  std::map<Bytes, Bytes> answers;
  std::set<Bytes> varying;
  for (const lm::ByteExchange& e : exchanges) {
    auto key = S7IdentityKey(e.request);
    auto answer = S7IdentityKey(e.response);
    if (!key || !answer) continue;
    auto [it, inserted] = answers.emplace(*key, e.response);
    if (!inserted && S7IdentityKey(it->second) != answer) varying.insert(*key);
  }
  for (const Bytes& key : varying) answers.erase(key);
  return answers;
}

}  // namespace protolm::emu
