// The S7comm response grammar (see s7_response_constraint.h).
#include "proto/s7comm/s7_response_constraint.h"

#include <algorithm>
#include <variant>

#include "proto/s7comm/s7_identity_answers.h"
#include "proto/s7comm/element_size.h"
#include "proto/s7comm/message.h"

namespace protolm::s7comm {
namespace {

using namespace protolm::s7comm;  // NOLINT: the whole file speaks S7

constexpr uint8_t kTpktHead[] = {kTpktVersion, 0x00};
/// COTP DT of class 0: length indicator 2, code 0xf0, EOT and TPDU number 0.
constexpr uint8_t kDtHead[] = {0x02, 0xf0, 0x80};
/// TPKT + DT header + ack_data header (with error class and code).
constexpr size_t kJobAnswerBase = 4 + 3 + 12;
/// TPKT + DT header + userdata header + response parameter (12 bytes).
constexpr size_t kUserdataAnswerBase = 4 + 3 + 10 + 12;
constexpr uint16_t kUserdataParamLength = 12;
/// Userdata response parameter head: 00 01 12, length 8, method response.
constexpr uint8_t kUserdataParamHead[] = {0x00, 0x01, 0x12, 0x08,
                                          kUserdataMethodResponse};
/// Userdata data head (return code, transport size, length).
constexpr size_t kDataHead = 4;
/// SZL list header (id, index, record length, record count).
constexpr size_t kSzlHead = 8;
/// Connect confirm (class 0, tpdu-size, src-tsap, dst-tsap parameters) and
/// disconnect request as whole TPKT units.
constexpr size_t kConfirmTotal = 4 + 1 + 17;
constexpr uint8_t kConfirmLi = 17;
constexpr size_t kDisconnectTotal = 4 + 1 + 6;
constexpr uint8_t kDisconnectLi = 6;
/// TPDU size codes ISO 8073 defines (128 .. 8192 bytes).
constexpr uint8_t kMinTpduSizeCode = 0x07;
constexpr uint8_t kMaxTpduSizeCode = 0x0d;

ByteSet Codes(std::initializer_list<uint8_t> values) {
  ByteSet s;
  for (uint8_t v : values) s.set(v);
  return s;
}

/// Return codes of a failed item.
const ByteSet kFailureCodes = Codes({0x01, 0x03, 0x05, 0x06, 0x07, 0x0a});
/// Return codes of a write var item.
const ByteSet kItemCodes = kFailureCodes | OnlyByte(0xff);
/// Header error classes of a refused job.
const ByteSet kErrorClasses = Codes({0x81, 0x82, 0x83, 0x84, 0x85, 0x87});
/// Transport sizes of a non-bit value, and of any userdata data part.
const ByteSet kValueTypes = Codes({0x04, 0x05, 0x06, 0x07, 0x09});
const ByteSet kDataTypes = kValueTypes | Codes({0x00, 0x03});

}  // namespace

S7ResponseConstraint::S7ResponseConstraint(const S7Request& decoded,
                                           size_t max_response_bytes,
                                           const s7comm::S7Rules& rules)
    : max_response_(std::min<size_t>(max_response_bytes, 0xFFFF)),
      totals_(max_response_ + 1, false) {
  const ByteView request = decoded.framed();
  if (auto key = rules.identity_answers.empty() ? std::nullopt
                                                : S7IdentityKey(request)) {
    auto known = rules.identity_answers.find(*key);
    if (known != rules.identity_answers.end()) {
      auto answer = S7AnswerTo(request, known->second);
      if (answer && answer->size() <= max_response_) {
        fixed_ = std::move(*answer);
        shape_ = Shape::kFixed;
        return;
      }
    }
  }
  const MessageDecoding& m = decoded.message();
  if (!m.status.ok() || m.tpdus.empty()) return;
  const CotpTpdu& first = m.tpdus.front();
  if (first.type == CotpType::kConnectRequest) {
    InitConnect(first);
  } else if (first.type == CotpType::kDisconnectRequest) {
    CotpTpdu confirm;
    confirm.type = CotpType::kDisconnectConfirm;
    confirm.dst_ref = first.src_ref;
    confirm.src_ref = first.dst_ref;
    Result<Bytes> bytes = FrameTpdu(confirm);
    if (bytes.ok() && bytes->size() <= max_response_) {
      fixed_ = std::move(bytes).value();
      shape_ = Shape::kFixed;
    }
    return;
  } else if (first.type == CotpType::kData && m.s7) {
    if (m.s7->rosctr == Rosctr::kJob) InitJob(*m.s7, rules);
    if (m.s7->rosctr == Rosctr::kUserdata) InitUserdata(*m.s7);
  }
  if (std::find(totals_.begin(), totals_.end(), true) == totals_.end())
    shape_ = Shape::kNothing;  // no answer fits the cap
}

void S7ResponseConstraint::AllowTotal(size_t total) {
  if (total <= max_response_) totals_[total] = true;
}

void S7ResponseConstraint::InitConnect(const CotpTpdu& cr) {
  shape_ = Shape::kConnect;
  cr_src_ref_ = cr.src_ref;
  AllowTotal(kDisconnectTotal);
  const Bytes* src = cr.Param(kParamSrcTsap);
  const Bytes* dst = cr.Param(kParamDstTsap);
  const Bytes* size = cr.Param(kParamTpduSize);
  uint8_t size_code = kMinTpduSizeCode;  // ISO 8073's default, 128 bytes
  if (size != nullptr) {
    if (size->size() != 1 || (*size)[0] < kMinTpduSizeCode ||
        (*size)[0] > kMaxTpduSizeCode)
      return;
    size_code = (*size)[0];
  }
  if (src == nullptr || dst == nullptr || src->size() != 2 ||
      dst->size() != 2 || (cr.class_option >> 4) != 0)
    return;
  src_tsap_ = *src;
  dst_tsap_ = *dst;
  max_tpdu_size_code_ = size_code;
  confirm_allowed_ = true;
  AllowTotal(kConfirmTotal);
}

void S7ResponseConstraint::InitJob(const S7Pdu& job,
                                   const s7comm::S7Rules& rules) {
  // The return codes an item may get: the one the rules make due, if any.
  auto codes_of = [&rules](const VarItem& item) {
    auto due = s7comm::DueS7ReturnCode(item, rules);
    return due ? OnlyByte(*due) : kItemCodes;
  };
  shape_ = Shape::kJob;
  pdu_ref_ = job.pdu_ref;
  AllowTotal(kJobAnswerBase);  // a refusal: no parameter, no data
  if (const auto* setup = std::get_if<SetupCommunication>(&job.body)) {
    job_ = JobKind::kSetup;
    param_length_ = 8;
    setup_amq_calling_ = setup->max_amq_calling;
    setup_amq_called_ = setup->max_amq_called;
    setup_pdu_ = setup->pdu_length;
    if (setup_pdu_ > 0) AllowTotal(kJobAnswerBase + param_length_);
  } else if (const auto* read = std::get_if<ReadVarRequest>(&job.body)) {
    job_ = JobKind::kReadVar;
    param_length_ = 2;
    item_count_ = read->items.size();
    const size_t max_data = max_response_ > kJobAnswerBase + param_length_
                                ? max_response_ - kJobAnswerBase - param_length_
                                : 0;
    for (const VarItem& item : read->items) {
      ReadItem r;
      r.codes = codes_of(item);
      if (const auto* any = std::get_if<AnyPointer>(&item)) {
        r.bit = any->type == ItemType::kBit;
        if (auto element = s7comm::ElementBytes(any->type)) {
          const size_t bytes = *element * any->length;
          if (bytes <= max_data && bytes * 8 <= 0xFFFF) r.value_bytes = bytes;
        }
      }
      read_items_.push_back(r);
    }
    reachable_.assign(item_count_ + 1, std::vector<bool>(max_data + 1, false));
    reachable_[item_count_][0] = true;
    for (size_t i = item_count_; i-- > 0;) {
      const std::vector<bool>& next = reachable_[i + 1];
      const size_t success = SuccessBytes(i);
      const ReadItem& r = read_items_[i];
      const bool can_fail = (r.codes & kFailureCodes).any();
      const bool can_succeed =
          r.value_bytes && r.codes.test(static_cast<uint8_t>(ReturnCode::kSuccess));
      for (size_t d = 0; d <= max_data; ++d) {
        reachable_[i][d] = (can_fail && d >= 4 && next[d - 4]) ||
                           (can_succeed && d >= success && next[d - success]);
      }
    }
    for (size_t d = 0; d <= max_data; ++d)
      if (reachable_[0][d]) AllowTotal(kJobAnswerBase + param_length_ + d);
  } else if (const auto* write = std::get_if<WriteVarRequest>(&job.body)) {
    job_ = JobKind::kWriteVar;
    param_length_ = 2;
    item_count_ = write->items.size();
    for (const VarItem& item : write->items) write_codes_.push_back(codes_of(item));
    AllowTotal(kJobAnswerBase + param_length_ + item_count_);
  } else if (const auto* other = std::get_if<OpaqueBody>(&job.body)) {
    if (other->param.empty()) return;  // no function to answer: refuse
    job_ = JobKind::kOther;
    function_ = other->param[0];
    param_length_ = 1;
    AllowTotal(kJobAnswerBase + param_length_);
  }
}

void S7ResponseConstraint::InitUserdata(const S7Pdu& request) {
  // Userdata of any type is answered (the validator expects a response).
  const auto* u = std::get_if<Userdata>(&request.body);
  if (u == nullptr) return;
  shape_ = Shape::kUserdata;
  pdu_ref_ = request.pdu_ref;
  group_ = u->param.group;
  subfunction_ = u->param.subfunction;
  const bool szl_read =
      group_ == static_cast<uint8_t>(UserdataGroup::kCpuFunctions) &&
      subfunction_ == kSubfunctionSzlRead;
  const SzlRequest* list = u->data && u->param.type == UserdataType::kRequest
                               ? std::get_if<SzlRequest>(&u->data->payload)
                               : nullptr;
  if (szl_read && list != nullptr) szl_ = std::make_pair(list->id, list->index);
  szl_group_ = szl_read && list == nullptr;
  AllowTotal(kUserdataAnswerBase);  // no data part
  const size_t first_data = szl_ ? kDataHead + kSzlHead : kDataHead;
  if (szl_) AllowTotal(kUserdataAnswerBase + kDataHead);  // error, no value
  for (size_t total = kUserdataAnswerBase + first_data; total <= max_response_;
       ++total)
    AllowTotal(total);
}

size_t S7ResponseConstraint::SuccessBytes(size_t i) const {
  const size_t value = read_items_[i].value_bytes.value_or(0);
  const bool fill = value % 2 == 1 && i + 1 < item_count_;
  return 4 + value + (fill ? 1 : 0);
}

void S7ResponseConstraint::Allowed(ByteView produced,
                                   AllowedTokens* out) const {
  PrefixWalker w(produced, out);
  switch (shape_) {
    case Shape::kNothing:
      return w.End();
    case Shape::kFixed:
      if (w.Echo(fixed_)) w.End();
      return;
    default:
      break;
  }
  if (!w.Echo(kTpktHead)) return;
  auto total = w.U16In(totals_);
  if (!total) return;
  if (shape_ == Shape::kConnect) return WalkConnect(w, *total);
  if (!w.Echo(kDtHead) || !w.Exactly(kProtocolId)) return;
  if (shape_ == Shape::kJob) return WalkJob(w, *total);
  WalkUserdata(w, *total);
}

void S7ResponseConstraint::WalkConnect(PrefixWalker& w, size_t total) const {
  if (total == kConfirmTotal) {
    if (!w.Exactly(kConfirmLi) ||
        !w.Exactly(static_cast<uint8_t>(CotpType::kConnectConfirm)) ||
        !w.U16Exactly(cr_src_ref_) || !w.AnyBytes(2) || !w.Exactly(0x00) ||
        !w.Exactly(kParamTpduSize) || !w.Exactly(1) ||
        !w.Between(kMinTpduSizeCode, max_tpdu_size_code_) ||
        !w.Exactly(kParamSrcTsap) || !w.Exactly(2) || !w.Echo(src_tsap_) ||
        !w.Exactly(kParamDstTsap) || !w.Exactly(2) || !w.Echo(dst_tsap_))
      return;
    return w.End();
  }
  if (!w.Exactly(kDisconnectLi) ||
      !w.Exactly(static_cast<uint8_t>(CotpType::kDisconnectRequest)) ||
      !w.U16Exactly(cr_src_ref_) || !w.AnyBytes(2) || !w.Any())
    return;
  w.End();
}

void S7ResponseConstraint::WalkJob(PrefixWalker& w, size_t total) const {
  const bool refusal = total == kJobAnswerBase;
  const ByteSet rosctr =
      refusal ? OnlyByte(static_cast<uint8_t>(Rosctr::kAck)) |
                    OnlyByte(static_cast<uint8_t>(Rosctr::kAckData))
              : OnlyByte(static_cast<uint8_t>(Rosctr::kAckData));
  if (!w.Byte(rosctr) || !w.U16Exactly(0) || !w.U16Exactly(pdu_ref_)) return;
  if (refusal) {
    if (w.U16Exactly(0) && w.U16Exactly(0) && w.Byte(kErrorClasses) && w.Any())
      w.End();
    return;
  }
  const size_t data_length = total - kJobAnswerBase - param_length_;
  if (!w.U16Exactly(param_length_) ||
      !w.U16Exactly(static_cast<uint16_t>(data_length)) || !w.Exactly(0) ||
      !w.Exactly(0))
    return;
  switch (job_) {
    case JobKind::kSetup:
      if (!w.Exactly(static_cast<uint8_t>(Function::kSetupCommunication)) ||
          !w.Exactly(0) ||
          !w.U16Between(std::min<uint16_t>(1, setup_amq_calling_),
                        setup_amq_calling_) ||
          !w.U16Between(std::min<uint16_t>(1, setup_amq_called_),
                        setup_amq_called_) ||
          !w.U16Between(1, setup_pdu_))
        return;
      break;
    case JobKind::kReadVar:
      if (!w.Exactly(static_cast<uint8_t>(Function::kReadVar)) ||
          !w.Exactly(static_cast<uint8_t>(item_count_)))
        return;
      return WalkReadItems(w, data_length);
    case JobKind::kWriteVar:
      if (!w.Exactly(static_cast<uint8_t>(Function::kWriteVar)) ||
          !w.Exactly(static_cast<uint8_t>(item_count_)))
        return;
      for (const ByteSet& codes : write_codes_)
        if (!w.Byte(codes)) return;
      break;
    case JobKind::kOther:
      if (!w.Exactly(function_)) return;
      break;
    case JobKind::kRefuseOnly:
      return;  // only the refusal's total was admitted
  }
  w.End();
}

void S7ResponseConstraint::WalkReadItems(PrefixWalker& w,
                                         size_t data_length) const {
  size_t left = data_length;
  for (size_t i = 0; i < item_count_; ++i) {
    const std::vector<bool>& next = reachable_[i + 1];
    const ReadItem& item = read_items_[i];
    const size_t success = SuccessBytes(i);
    ByteSet codes;
    if (left >= 4 && next[left - 4]) codes |= item.codes & kFailureCodes;
    if (item.value_bytes && left >= success && next[left - success] &&
        item.codes.test(static_cast<uint8_t>(ReturnCode::kSuccess)))
      codes.set(static_cast<uint8_t>(ReturnCode::kSuccess));
    auto code = w.Byte(codes);
    if (!code) return;
    if (*code != static_cast<uint8_t>(ReturnCode::kSuccess)) {
      if (!w.Exactly(static_cast<uint8_t>(DataType::kNull)) || !w.U16Exactly(0))
        return;
      left -= 4;
      continue;
    }
    const size_t bytes = *item.value_bytes;
    auto type = w.Byte(item.bit ? OnlyByte(static_cast<uint8_t>(DataType::kBit))
                                : kValueTypes);
    if (!type) return;
    // Byte and integer sizes count bits, the others bytes (one per bit).
    const bool in_bits = *type == static_cast<uint8_t>(DataType::kByte) ||
                         *type == static_cast<uint8_t>(DataType::kInteger);
    if (!w.U16Exactly(static_cast<uint16_t>(in_bits ? bytes * 8 : bytes)) ||
        !w.Repeat(bytes, item.bit ? ByteRange(0, 1) : ByteSet().set()))
      return;
    if (success > 4 + bytes && !w.Exactly(0)) return;  // the fill byte
    left -= success;
  }
  w.End();
}

void S7ResponseConstraint::WalkUserdata(PrefixWalker& w, size_t total) const {
  const size_t data_length = total - kUserdataAnswerBase;
  if (!w.Exactly(static_cast<uint8_t>(Rosctr::kUserdata)) || !w.U16Exactly(0) ||
      !w.U16Exactly(pdu_ref_) || !w.U16Exactly(kUserdataParamLength) ||
      !w.U16Exactly(static_cast<uint16_t>(data_length)) ||
      !w.Echo(kUserdataParamHead) ||
      !w.Exactly(static_cast<uint8_t>(
          static_cast<uint8_t>(UserdataType::kResponse) << 4 | group_)) ||
      !w.Exactly(subfunction_) || !w.Any())  // the sequence number
    return;
  auto data_unit_ref = w.Any();
  if (!data_unit_ref) return;
  if (szl_) {
    // A list needs its data and no error code; a refusal the reverse.
    const bool listed = data_length >= kDataHead + kSzlHead;
    auto last = w.Byte(listed ? ByteRange(0, 1) : OnlyByte(0));
    if (!last ||
        !(listed ? w.U16Exactly(0) : w.U16Between(1, 0xFFFF)).has_value())
      return;
    if (data_length == 0) return w.End();
    if (!listed) {
      if (w.Byte(kFailureCodes) && w.Exactly(0) && w.U16Exactly(0)) w.End();
      return;
    }
    return WalkSzlData(w, data_length, *last != 0);
  }
  if (!w.Between(0, 1) || !w.U16Between(0, 0xFFFF)) return;
  if (data_length == 0) return w.End();
  // A first SZL unit (data unit ref 0) with a value would have to hold a
  // list; continuation answers carry a ref, refusals no value.
  const ByteSet codes = szl_group_ && *data_unit_ref == 0
                            ? kFailureCodes
                            : kFailureCodes | OnlyByte(0xff);
  if (!w.Byte(codes) || !w.Byte(kDataTypes) ||
      !w.U16Exactly(static_cast<uint16_t>(data_length - kDataHead)) ||
      !w.AnyBytes(data_length - kDataHead))
    return;
  w.End();
}

void S7ResponseConstraint::WalkSzlData(PrefixWalker& w, size_t data_length,
                                       bool more) const {
  const size_t records = data_length - kDataHead - kSzlHead;
  if (!w.Exactly(static_cast<uint8_t>(ReturnCode::kSuccess)) ||
      !w.Exactly(static_cast<uint8_t>(DataType::kOctetString)) ||
      !w.U16Exactly(static_cast<uint16_t>(data_length - kDataHead)) ||
      !w.U16Exactly(szl_->first) || !w.U16Exactly(szl_->second))
    return;
  std::optional<uint16_t> count;
  if (records == 0) {
    // No records: any record length; a count only where more units follow.
    auto length = w.U16Between(0, 0xFFFF);
    if (!length) return;
    count = more ? w.U16Between(0, 0xFFFF) : w.U16Exactly(0);
  } else if (more) {  // a first fragment: the count may exceed what is here
    auto length = w.U16Between(1, 0xFFFF);
    if (!length) return;
    count = w.U16Between((records + *length - 1) / *length, 0xFFFF);
  } else {  // whole records: the length divides the bytes
    std::vector<bool> divisors(records + 1, false);
    for (size_t l = 1; l <= records; ++l) divisors[l] = records % l == 0;
    auto length = w.U16In(divisors);
    if (!length) return;
    count = w.U16Exactly(static_cast<uint16_t>(records / *length));
  }
  if (!count || !w.AnyBytes(records)) return;
  w.End();
}

}  // namespace protolm::s7comm
