// S7 job and userdata answers of a simulated S7-300 CPU (see s7_cpu.h).
#include "device/s7/s7_cpu.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <string_view>
#include <variant>

#include "device/s7/s7_memory_access.h"
#include "proto/s7comm/s7_builders.h"
#include "proto/s7comm/s7_encode.h"

namespace protolm::device::s7 {
namespace {

using s7comm::DataType;
using s7comm::Function;
using s7comm::ReturnCode;
using s7comm::Rosctr;
using s7comm::S7Pdu;
using s7comm::UserdataData;
using s7comm::UserdataGroup;
using s7comm::UserdataParam;
using s7comm::UserdataType;

/// Userdata sequence number of the CPU's answers (a CPU 315-2 PN/DP sends 2).
constexpr uint8_t kAnswerSequence = 2;
/// Smallest PDU size the CPU agrees to (an SZL header and a record fit).
constexpr uint16_t kMinPduSize = 128;
/// Header of an ack_data PDU (with error class and code).
constexpr size_t kAckDataHeader = 12;
/// Userdata header (10) + response parameter (12) + data header (4).
constexpr size_t kUserdataOverhead = 26;
/// Ack_data error for requests or answers that do not fit the PDU.
constexpr uint8_t kErrorClassResources = 0x85;
/// Ack error "service not implemented" (class 0x81, code 0x04).
constexpr uint8_t kErrorClassApplication = 0x81;
constexpr uint8_t kErrorServiceNotImplemented = 0x04;
constexpr uint16_t kUserdataErrorNotImplemented = 0x8104;

constexpr uint8_t kSubfunctionReadClock = 0x01;
constexpr uint8_t kSubfunctionSetClock = 0x02;
constexpr uint8_t kSubfunctionListBlocks = 0x01;

CpuReply Send(S7Pdu pdu) { return {CpuReply::Kind::kSend, std::move(pdu)}; }
CpuReply Nothing() { return {CpuReply::Kind::kNothing, {}}; }
CpuReply Close() { return {CpuReply::Kind::kClose, {}}; }

CpuReply TooLarge(const S7Pdu& request) {
  return Send(s7comm::ErrorAckData(request.pdu_ref, kErrorClassResources, 0));
}

UserdataParam ResponseParam(const UserdataParam& asked, uint8_t data_unit_ref,
                            bool more, uint16_t error) {
  UserdataParam p;
  p.method = s7comm::kUserdataMethodResponse;
  p.type = UserdataType::kResponse;
  p.group = asked.group;
  p.subfunction = asked.subfunction;
  p.sequence = kAnswerSequence;
  p.continuation = UserdataParam::Continuation{
      data_unit_ref, static_cast<uint8_t>(more ? 1 : 0), error};
  return p;
}

/// The data part of userdata answers without data ("0a 00 0000").
UserdataData NoData() {
  UserdataData d;
  d.return_code = static_cast<uint8_t>(ReturnCode::kObjectDoesNotExist);
  d.type = DataType::kNull;
  d.payload = Bytes{};
  return d;
}

S7Pdu UserdataAnswer(uint16_t pdu_ref, UserdataParam param, UserdataData data) {
  S7Pdu p;
  p.rosctr = Rosctr::kUserdata;
  p.pdu_ref = pdu_ref;
  p.body = s7comm::Userdata{std::move(param), std::move(data)};
  return p;
}

S7Pdu AckDataWithFunction(uint16_t pdu_ref, Function f) {
  S7Pdu p;
  p.rosctr = Rosctr::kAckData;
  p.pdu_ref = pdu_ref;
  p.body = s7comm::OpaqueBody{Bytes{static_cast<uint8_t>(f)}, {}};
  return p;
}

bool Contains(const Bytes& haystack, std::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(),
                     needle.end()) != haystack.end();
}

int FromBcd(uint8_t b) { return (b >> 4) * 10 + (b & 0x0f); }

double WallSeconds() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

S7Cpu::S7Cpu(const DeviceProfile& profile, DeviceState& state)
    : profile_(profile.s7), state_(state), szl_(profile.s7) {}

uint16_t S7Cpu::NextConnectionRef() {
  uint16_t ref = next_connection_ref_++;
  if (next_connection_ref_ == 0) next_connection_ref_ = 1;
  return ref;
}

CpuReply S7Cpu::Answer(const S7Pdu& request, size_t request_size,
                       S7Connection& connection) {
  if (request.rosctr != Rosctr::kJob && request.rosctr != Rosctr::kUserdata)
    return Nothing();  // acks from a client answer nothing
  if (const auto* setup =
          std::get_if<s7comm::SetupCommunication>(&request.body)) {
    if (request.rosctr != Rosctr::kJob) return Close();
    return SetupCommunication(request, *setup, connection);
  }
  if (connection.pdu_size == 0) return Close();  // no setup communication yet
  if (request_size > connection.pdu_size) return TooLarge(request);
  if (request.rosctr == Rosctr::kUserdata) {
    const auto* u = std::get_if<s7comm::Userdata>(&request.body);
    return u == nullptr ? Close() : Userdata(request, *u, connection);
  }
  if (const auto* r = std::get_if<s7comm::ReadVarRequest>(&request.body))
    return ReadVar(request, *r, connection);
  if (const auto* w = std::get_if<s7comm::WriteVarRequest>(&request.body))
    return WriteVar(request, *w);
  if (const auto* o = std::get_if<s7comm::OpaqueBody>(&request.body))
    return OtherJob(request, *o);
  return Close();
}

CpuReply S7Cpu::SetupCommunication(const S7Pdu& request,
                                   const s7comm::SetupCommunication& asked,
                                   S7Connection& connection) {
  uint16_t floor = std::min(kMinPduSize, profile_.max_pdu_size);
  connection.pdu_size =
      std::clamp(asked.pdu_length, floor, profile_.max_pdu_size);
  auto amq = [](uint16_t asked_count, uint16_t max) {
    return std::clamp<uint16_t>(asked_count, 1, std::max<uint16_t>(max, 1));
  };
  return Send(s7comm::SetupCommunicationAckData(
      request.pdu_ref, amq(asked.max_amq_calling, profile_.max_amq_calling),
      amq(asked.max_amq_called, profile_.max_amq_called), connection.pdu_size));
}

CpuReply S7Cpu::ReadVar(const S7Pdu& request,
                        const s7comm::ReadVarRequest& read,
                        const S7Connection& connection) {
  if (read.items.empty()) return TooLarge(request);
  std::vector<s7comm::DataItem> items;
  items.reserve(read.items.size());
  size_t answer_size = kAckDataHeader + 2;  // + function and item count
  for (const s7comm::VarItem& item : read.items) {
    if (const auto* any = std::get_if<s7comm::AnyPointer>(&item))
      items.push_back(ReadVarItem(state_, *any));
    else
      items.push_back(s7comm::ErrorData(ReturnCode::kDataTypeNotSupported));
    // Item header and value, padded to even; stop once past the PDU size.
    answer_size += 4 + (items.back().value.size() + 1) / 2 * 2;
    if (answer_size > size_t{connection.pdu_size} + 1) return TooLarge(request);
  }
  S7Pdu answer = s7comm::ReadVarAckData(request.pdu_ref, std::move(items));
  Result<Bytes> encoded = s7comm::EncodeS7Pdu(answer);
  if (!encoded.ok() || encoded->size() > connection.pdu_size)
    return TooLarge(request);
  return Send(std::move(answer));
}

CpuReply S7Cpu::WriteVar(const S7Pdu& request,
                         const s7comm::WriteVarRequest& write) {
  if (write.items.empty() || write.items.size() != write.data.size())
    return TooLarge(request);
  std::vector<uint8_t> codes;
  codes.reserve(write.items.size());
  for (size_t i = 0; i < write.items.size(); ++i) {
    if (const auto* any = std::get_if<s7comm::AnyPointer>(&write.items[i]))
      codes.push_back(WriteVarItem(state_, *any, write.data[i]));
    else
      codes.push_back(static_cast<uint8_t>(ReturnCode::kDataTypeNotSupported));
  }
  return Send(s7comm::WriteVarAckData(request.pdu_ref, std::move(codes)));
}

CpuReply S7Cpu::OtherJob(const S7Pdu& request, const s7comm::OpaqueBody& body) {
  uint8_t function = body.param.empty() ? 0 : body.param[0];
  if (function == static_cast<uint8_t>(Function::kPlcStop)) {
    szl_.SetRunning(false, std::time(nullptr));
    return Send(AckDataWithFunction(request.pdu_ref, Function::kPlcStop));
  }
  if (function == static_cast<uint8_t>(Function::kPlcControl)) {
    // PI services: P_PROGRAM starts the program; compress (_GARB) and
    // copy RAM to ROM (_MODU) have nothing to do in a simulator.
    if (Contains(body.param, "P_PROGRAM"))
      szl_.SetRunning(true, std::time(nullptr));
    return Send(AckDataWithFunction(request.pdu_ref, Function::kPlcControl));
  }
  return Send(s7comm::ErrorAck(request.pdu_ref, kErrorClassApplication,
                               kErrorServiceNotImplemented));
}

CpuReply S7Cpu::Userdata(const S7Pdu& request, const s7comm::Userdata& u,
                         S7Connection& connection) {
  if (u.param.type != UserdataType::kRequest) return Nothing();
  auto group = static_cast<UserdataGroup>(u.param.group);
  if (group == UserdataGroup::kCpuFunctions &&
      u.param.subfunction == s7comm::kSubfunctionSzlRead)
    return ReadSzl(request, u, connection);
  if (group == UserdataGroup::kTimeFunctions &&
      u.param.subfunction == kSubfunctionReadClock)
    return Send(UserdataAnswer(
        request.pdu_ref, ResponseParam(u.param, 0, false, 0), ClockData()));
  if (group == UserdataGroup::kTimeFunctions &&
      u.param.subfunction == kSubfunctionSetClock && u.data) {
    const Bytes* value = std::get_if<Bytes>(&u.data->payload);
    if (value != nullptr && value->size() == 10) {
      std::tm t{};
      int year = FromBcd((*value)[2]);
      t.tm_year = (year < 90 ? 100 : 0) + year;
      t.tm_mon = FromBcd((*value)[3]) - 1;
      t.tm_mday = FromBcd((*value)[4]);
      t.tm_hour = FromBcd((*value)[5]);
      t.tm_min = FromBcd((*value)[6]);
      t.tm_sec = FromBcd((*value)[7]);
      clock_offset_seconds_ = static_cast<double>(timegm(&t)) - WallSeconds();
    }
    return Send(UserdataAnswer(request.pdu_ref,
                               ResponseParam(u.param, 0, false, 0), NoData()));
  }
  if (group == UserdataGroup::kBlockFunctions &&
      u.param.subfunction == kSubfunctionListBlocks) {
    // The CPU echoes the request's sequence number here (capture frame 16).
    UserdataParam param = ResponseParam(u.param, 0, false, 0);
    param.sequence = u.param.sequence;
    return Send(UserdataAnswer(request.pdu_ref, param, BlockCounts()));
  }
  return Send(UserdataAnswer(
      request.pdu_ref,
      ResponseParam(u.param, 0, false, kUserdataErrorNotImplemented),
      NoData()));
}

CpuReply S7Cpu::ReadSzl(const S7Pdu& request, const s7comm::Userdata& u,
                        S7Connection& connection) {
  if (connection.pdu_size < kUserdataOverhead + 8 + 1) return TooLarge(request);
  size_t budget = connection.pdu_size - kUserdataOverhead;
  const s7comm::SzlRequest* asked =
      u.data ? std::get_if<s7comm::SzlRequest>(&u.data->payload) : nullptr;
  if (asked == nullptr) {
    // A continuation request: the next part of the pending answer.
    if (!connection.pending_szl)
      return Send(s7comm::SzlReadError(request.pdu_ref, kAnswerSequence,
                                       kSzlErrorInvalidIndex));
    S7Connection::PendingSzl& pending = *connection.pending_szl;
    size_t n = std::min(budget, pending.rest.size());
    UserdataData data;
    data.payload = Bytes(pending.rest.begin(), pending.rest.begin() + n);
    pending.rest.erase(pending.rest.begin(), pending.rest.begin() + n);
    bool more = !pending.rest.empty();
    UserdataParam param =
        ResponseParam(u.param, pending.data_unit_ref, more, 0);
    if (!more) connection.pending_szl.reset();
    return Send(UserdataAnswer(request.pdu_ref, param, std::move(data)));
  }
  connection.pending_szl.reset();
  auto found = szl_.Lookup(asked->id, asked->index);
  if (const uint16_t* error = std::get_if<uint16_t>(&found))
    return Send(s7comm::SzlReadError(request.pdu_ref, kAnswerSequence, *error));
  SzlAnswer& answer = std::get<SzlAnswer>(found);
  size_t rl = answer.record_length;
  size_t total = 8 + rl * answer.records.size();
  s7comm::SzlResponse first;
  first.id = asked->id;
  first.index = asked->index;
  first.record_length = answer.record_length;
  first.record_count = answer.record_count;  // > records for header-only
  if (total <= budget) {
    first.records = std::move(answer.records);
    UserdataData data;
    data.payload = std::move(first);
    return Send(UserdataAnswer(
        request.pdu_ref, ResponseParam(u.param, 0, false, 0), std::move(data)));
  }
  // Too long for one PDU: whole records, then the start of the next one as
  // the tail; the rest goes out on continuation requests.
  size_t room = budget - 8;
  size_t whole = room / rl;  // rl > 0: total > budget needs records
  first.records.assign(answer.records.begin(), answer.records.begin() + whole);
  const Bytes& split = answer.records[whole];
  size_t tail = room - whole * rl;
  first.tail.assign(split.begin(), split.begin() + tail);
  S7Connection::PendingSzl pending;
  if (++connection.next_data_unit_ref == 0) connection.next_data_unit_ref = 1;
  pending.data_unit_ref = connection.next_data_unit_ref;
  pending.rest.assign(split.begin() + tail, split.end());
  for (size_t i = whole + 1; i < answer.records.size(); ++i)
    pending.rest.insert(pending.rest.end(), answer.records[i].begin(),
                        answer.records[i].end());
  UserdataData data;
  data.payload = std::move(first);
  UserdataParam param = ResponseParam(u.param, pending.data_unit_ref, true, 0);
  connection.pending_szl = std::move(pending);
  return Send(UserdataAnswer(request.pdu_ref, param, std::move(data)));
}

UserdataData S7Cpu::ClockData() const {
  double now = WallSeconds() + clock_offset_seconds_;
  double whole = std::floor(now);
  auto seconds = static_cast<std::time_t>(whole);
  int ms = static_cast<int>((now - whole) * 1000);
  Bytes value{0x00, 0x19};  // reserved, then the year's century as CPUs send it
  Bytes stamp = BcdDateAndTime(seconds, ms);
  value.insert(value.end(), stamp.begin(), stamp.end());
  UserdataData d;
  d.payload = std::move(value);
  return d;
}

UserdataData S7Cpu::BlockCounts() const {
  // Block type letters as on the wire ('0' then the type) and counts: one
  // OB1, the profile's data blocks, and the system blocks a CPU 315-2 PN/DP
  // lists (8 SDB, 77 SFC, 15 SFB).
  uint16_t dbs = static_cast<uint16_t>(std::count_if(
      profile_.areas.begin(), profile_.areas.end(),
      [](const S7Area& a) { return a.kind == S7AreaKind::kDataBlock; }));
  const std::pair<uint8_t, uint16_t> counts[] = {
      {0x38, 1}, {0x45, 0},  {0x43, 0}, {0x41, dbs},
      {0x42, 8}, {0x44, 77}, {0x46, 15}};
  Bytes value;
  for (const auto& [type, count] : counts) {
    value.insert(value.end(), {0x30, type, static_cast<uint8_t>(count >> 8),
                               static_cast<uint8_t>(count)});
  }
  UserdataData d;
  d.payload = std::move(value);
  return d;
}

}  // namespace protolm::device::s7
