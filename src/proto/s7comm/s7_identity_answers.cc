// Identity answers of an S7 PLC (see s7_identity_answers.h).
#include "proto/s7comm/s7_identity_answers.h"

#include <set>

namespace protolm::s7comm {
namespace {

/// TPKT header, then the COTP length indicator and TPDU type.
constexpr size_t kTpktHead = 4;
constexpr size_t kCotpType = kTpktHead + 1;
/// In a COTP CR / CC: destination reference, then source reference.
constexpr size_t kCotpDstRef = kTpktHead + 2;
constexpr size_t kCotpSrcRef = kTpktHead + 4;
constexpr size_t kCotpConnectHead = kTpktHead + 7;
constexpr uint8_t kCotpConnectRequest = 0xE0;
constexpr uint8_t kCotpConnectConfirm = 0xD0;
/// In the S7 header: protocol id 0x32, ROSCTR, redundancy id (2), PDU
/// reference (2), parameter and data lengths; the parameter follows (after
/// an error class and code in acks).
constexpr size_t kRosctrOffset = 1;
constexpr size_t kPduRefOffset = 4;
constexpr size_t kJobParamOffset = 10;
constexpr uint8_t kS7ProtocolId = 0x32;
constexpr uint8_t kRosctrJob = 0x01;
constexpr uint8_t kRosctrUserdata = 0x07;
constexpr uint8_t kSetupCommunication = 0xF0;
constexpr size_t kMinS7Header = 10;
/// A userdata parameter (after the 10-byte header): head (3), length,
/// method, type and group, subfunction, sequence number and, in answers
/// (length 8), the data unit reference, the last-data-unit flag and an
/// error code.
constexpr size_t kUserdataParam = 10;
constexpr size_t kParamLength = 3;
constexpr uint8_t kAnswerParamLength = 8;
constexpr size_t kDataUnitRef = 8;
constexpr size_t kMoreFollows = 9;

/// Where the S7 header of a framed unit starts (after TPKT and the COTP
/// data unit header), when one is there.
std::optional<size_t> S7Start(ByteView framed) {
  if (framed.size() <= kTpktHead) return std::nullopt;
  const size_t start = kTpktHead + 1 + framed[kTpktHead];
  if (framed.size() < start + kMinS7Header || framed[start] != kS7ProtocolId)
    return std::nullopt;
  return start;
}

bool IsConnect(ByteView framed, uint8_t type) {
  return framed.size() >= kCotpConnectHead && framed[kCotpType] == type;
}

/// The 2-byte field at `at` set to zero.
Bytes Zeroed(ByteView framed, size_t at) {
  Bytes out(framed.begin(), framed.end());
  out[at] = out[at + 1] = 0;
  return out;
}

/// Where the parameter of a userdata answer starts, when `framed` is one.
std::optional<size_t> UserdataAnswerParam(ByteView framed) {
  auto start = S7Start(framed);
  if (!start || framed[*start + kRosctrOffset] != kRosctrUserdata)
    return std::nullopt;
  const size_t param = *start + kUserdataParam;
  if (framed.size() <= param + kMoreFollows ||
      framed[param + kParamLength] != kAnswerParamLength)
    return std::nullopt;
  return param;
}

/// `answer` without what differs between two answers to equal requests: the
/// PDU reference of an S7 answer (and the data unit reference of a userdata
/// answer in parts), both references of a confirm (the client's, and the
/// one the PLC picks per connection).
std::optional<Bytes> Normalised(ByteView answer) {
  if (IsConnect(answer, kCotpConnectConfirm))
    return Zeroed(Zeroed(answer, kCotpDstRef), kCotpSrcRef);
  auto start = S7Start(answer);
  if (!start) return std::nullopt;
  Bytes out = Zeroed(answer, *start + kPduRefOffset);
  if (auto param = UserdataAnswerParam(answer))
    out[*param + kDataUnitRef] = 0;
  return out;
}

}  // namespace

std::optional<Bytes> S7IdentityKey(ByteView request) {
  if (IsConnect(request, kCotpConnectRequest))
    return Zeroed(request, kCotpSrcRef);
  auto start = S7Start(request);
  if (!start) return std::nullopt;
  const uint8_t rosctr = request[*start + kRosctrOffset];
  const bool setup = rosctr == kRosctrJob &&
                     request.size() > *start + kJobParamOffset &&
                     request[*start + kJobParamOffset] == kSetupCommunication;
  if (rosctr != kRosctrUserdata && !setup) return std::nullopt;
  return Zeroed(request, *start + kPduRefOffset);
}

std::optional<Bytes> S7AnswerTo(ByteView request, ByteView answer) {
  if (IsConnect(request, kCotpConnectRequest)) {
    if (!IsConnect(answer, kCotpConnectConfirm)) return std::nullopt;
    Bytes out(answer.begin(), answer.end());
    out[kCotpDstRef] = request[kCotpSrcRef];
    out[kCotpDstRef + 1] = request[kCotpSrcRef + 1];
    return out;
  }
  auto asked = S7Start(request);
  auto given = S7Start(answer);
  if (!asked || !given) return std::nullopt;
  Bytes out(answer.begin(), answer.end());
  out[*given + kPduRefOffset] = request[*asked + kPduRefOffset];
  out[*given + kPduRefOffset + 1] = request[*asked + kPduRefOffset + 1];
  return out;
}

std::map<Bytes, Bytes> LearnS7IdentityAnswers(
    std::span<const ByteExchange> exchanges) {
  std::map<Bytes, Bytes> answers;
  std::set<Bytes> varying;
  for (const ByteExchange& e : exchanges) {
    auto key = S7IdentityKey(e.request);
    auto answer = Normalised(e.response);
    if (!key || !answer || !S7AnswerTo(e.request, e.response)) continue;
    auto [it, inserted] = answers.emplace(*key, e.response);
    if (!inserted && Normalised(it->second) != answer) varying.insert(*key);
  }
  for (const Bytes& key : varying) answers.erase(key);
  return answers;
}

Bytes S7DataUnitNumbering::Number(ByteView answer) {
  Bytes out(answer.begin(), answer.end());
  auto param = UserdataAnswerParam(answer);
  if (!param || answer[*param + kMoreFollows] == 0) return out;
  if (++last_ == 0) last_ = 1;
  out[*param + kDataUnitRef] = last_;
  return out;
}

}  // namespace protolm::s7comm
