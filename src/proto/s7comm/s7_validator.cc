// S7comm response validity (see s7_validator.h).
#include "proto/s7comm/s7_validator.h"

#include <optional>
#include <string>
#include <variant>

#include "proto/s7comm/element_size.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_decode.h"

namespace protolm::s7comm {
namespace {

using namespace protolm::s7comm;  // NOLINT: the whole file speaks S7

Status Invalid(const std::string& what) { return Malformed("s7comm: " + what); }

/// Bytes one element of `type` occupies in a data item; nullopt for types
/// whose size the PLC decides (dates and times have several layouts).
std::optional<size_t> CheckedElementBytes(ItemType type) {
  switch (type) {
    case ItemType::kDate:
    case ItemType::kS5Time:
    case ItemType::kTimeOfDay:
    case ItemType::kTime:
    case ItemType::kDateAndTime:
      return std::nullopt;
    default:
      return s7comm::ElementBytes(type);
  }
}

bool IsKnownReturnCode(uint8_t code) {
  switch (static_cast<ReturnCode>(code)) {
    case ReturnCode::kHardwareFault:
    case ReturnCode::kAccessDenied:
    case ReturnCode::kAddressOutOfRange:
    case ReturnCode::kDataTypeNotSupported:
    case ReturnCode::kDataTypeInconsistent:
    case ReturnCode::kObjectDoesNotExist:
    case ReturnCode::kSuccess:
      return true;
    default:
      return false;
  }
}

/// True when a write's data holds exactly the bytes its item addresses.
bool DataFits(const VarItem& item, const DataItem& data) {
  const auto* p = std::get_if<AnyPointer>(&item);
  if (p == nullptr) return false;
  const auto element = CheckedElementBytes(p->type);
  return element && data.value.size() == *element * p->length &&
         (p->type == ItemType::kBit) == (data.type == DataType::kBit);
}

Status CheckDueCode(const std::string& where, const VarItem& asked, uint8_t got,
                    const S7Rules& rules) {
  if (!IsKnownReturnCode(got))
    return Invalid(where + ": return code " + std::to_string(got) +
                   " is not one an S7 PLC sends");
  auto due = DueS7ReturnCode(asked, rules);
  if (due && *due != got)
    return Invalid(where + ": return code " + std::to_string(got) + " where " +
                   std::to_string(*due) + " was due");
  return Status::Ok();
}

Status CheckReadItem(size_t index, const VarItem& asked, const DataItem& got,
                     const S7Rules& rules) {
  const std::string where = "read var item " + std::to_string(index + 1);
  RETURN_IF_ERROR(CheckDueCode(where, asked, got.return_code, rules));
  if (got.return_code != static_cast<uint8_t>(ReturnCode::kSuccess)) {
    if (!got.value.empty())
      return Invalid(where + ": a failed item carries a value");
    return Status::Ok();
  }
  const auto* any = std::get_if<AnyPointer>(&asked);
  if (any == nullptr) return Status::Ok();
  if (any->type == ItemType::kBit) {
    if (got.type != DataType::kBit)
      return Invalid(where + ": a bit read answered with transport size " +
                     std::to_string(static_cast<int>(got.type)));
  } else if (got.type == DataType::kBit || got.type == DataType::kNull) {
    return Invalid(where + ": transport size " +
                   std::to_string(static_cast<int>(got.type)) +
                   " does not fit the requested element type");
  }
  if (auto element = CheckedElementBytes(any->type)) {
    const size_t want = *element * any->length;
    if (got.value.size() != want)
      return Invalid(where + ": " + std::to_string(got.value.size()) +
                     " value bytes where the request asked for " +
                     std::to_string(want));
  }
  return Status::Ok();
}

Status CheckJobAnswer(const S7Pdu& job, const S7Pdu& ack,
                      const S7Rules& rules) {
  if (ack.rosctr != Rosctr::kAckData && ack.rosctr != Rosctr::kAck)
    return Invalid("a job answered with ROSCTR " +
                   std::to_string(static_cast<int>(ack.rosctr)) +
                   " instead of ack_data");
  if (ack.error_class != 0) {
    if (!std::holds_alternative<OpaqueBody>(ack.body))
      return Invalid("an error ack_data carries a parameter or data");
    return Status::Ok();
  }
  if (ack.rosctr == Rosctr::kAck)
    return Invalid("an ack without an error class");
  if (PduFunctionName(ack) != PduFunctionName(job))
    return Invalid("function '" + PduFunctionName(ack) +
                   "' does not answer the job's '" + PduFunctionName(job) +
                   "'");
  if (const auto* setup = std::get_if<SetupCommunication>(&job.body)) {
    const auto* agreed = std::get_if<SetupCommunication>(&ack.body);
    if (agreed == nullptr)
      return Invalid("setup communication answered without its parameter");
    if (agreed->pdu_length > setup->pdu_length || agreed->pdu_length == 0)
      return Invalid(
          "negotiated PDU length " + std::to_string(agreed->pdu_length) +
          " is 0 or above the requested " + std::to_string(setup->pdu_length));
    if (agreed->max_amq_calling > setup->max_amq_calling ||
        agreed->max_amq_called > setup->max_amq_called)
      return Invalid("negotiated parallel jobs exceed the requested ones");
    return Status::Ok();
  }
  if (const auto* read = std::get_if<ReadVarRequest>(&job.body)) {
    const auto* answer = std::get_if<ReadVarResponse>(&ack.body);
    if (answer == nullptr)
      return Invalid("read var answered without data items");
    if (answer->items.size() != read->items.size())
      return Invalid("read var answers " +
                     std::to_string(answer->items.size()) +
                     " items where the request asked for " +
                     std::to_string(read->items.size()));
    for (size_t i = 0; i < read->items.size(); ++i)
      RETURN_IF_ERROR(
          CheckReadItem(i, read->items[i], answer->items[i], rules));
    return Status::Ok();
  }
  if (const auto* write = std::get_if<WriteVarRequest>(&job.body)) {
    const auto* answer = std::get_if<WriteVarResponse>(&ack.body);
    if (answer == nullptr)
      return Invalid("write var answered without return codes");
    if (answer->return_codes.size() != write->items.size())
      return Invalid("write var answers " +
                     std::to_string(answer->return_codes.size()) +
                     " items where the request wrote " +
                     std::to_string(write->items.size()));
    for (size_t i = 0; i < write->items.size(); ++i) {
      // Data that does not fit its item deserves 0x07, which the rules do
      // not model: such items only need a known code.
      const bool fits =
          i < write->data.size() && DataFits(write->items[i], write->data[i]);
      RETURN_IF_ERROR(CheckDueCode("write var item " + std::to_string(i + 1),
                                   write->items[i], answer->return_codes[i],
                                   fits ? rules : S7Rules{}));
    }
  }
  return Status::Ok();
}

Status CheckUserdataAnswer(const Userdata& asked, const Userdata& got) {
  if (got.param.type != UserdataType::kResponse)
    return Invalid("userdata answer is not of type response");
  if (got.param.group != asked.param.group ||
      got.param.subfunction != asked.param.subfunction)
    return Invalid(
        "userdata answer does not echo function group and subfunction");
  const auto* szl =
      asked.data ? std::get_if<SzlRequest>(&asked.data->payload) : nullptr;
  if (szl == nullptr) return Status::Ok();
  const uint16_t error =
      got.param.continuation ? got.param.continuation->error_code : 0;
  if (!got.data ||
      got.data->return_code != static_cast<uint8_t>(ReturnCode::kSuccess)) {
    if (error == 0)
      return Invalid("SZL read without data carries no error code");
    return Status::Ok();
  }
  if (error != 0)
    return Invalid("SZL read carries data and error code " +
                   std::to_string(error));
  const auto* list = std::get_if<SzlResponse>(&got.data->payload);
  if (list == nullptr) return Invalid("SZL read answered without a list");
  if (list->id != szl->id || list->index != szl->index)
    return Invalid("SZL answer id/index do not echo the request's");
  const bool more =
      got.param.continuation && got.param.continuation->last_data_unit != 0;
  if (!more && list->records.size() != list->record_count)
    return Invalid("SZL answer announces " +
                   std::to_string(list->record_count) + " records and holds " +
                   std::to_string(list->records.size()));
  return Status::Ok();
}

Status CheckS7Answer(const S7Pdu& req, const S7Pdu& resp,
                     const S7Rules& rules) {
  if (resp.pdu_ref != req.pdu_ref)
    return Invalid("PDU reference " + std::to_string(resp.pdu_ref) +
                   " does not echo the request's " +
                   std::to_string(req.pdu_ref));
  if (req.rosctr == Rosctr::kJob) return CheckJobAnswer(req, resp, rules);
  if (req.rosctr == Rosctr::kUserdata) {
    const auto* asked = std::get_if<Userdata>(&req.body);
    const auto* got = std::get_if<Userdata>(&resp.body);
    if (resp.rosctr != Rosctr::kUserdata || got == nullptr)
      return Invalid("a userdata request answered with another ROSCTR");
    if (asked == nullptr) return Status::Ok();
    return CheckUserdataAnswer(*asked, *got);
  }
  return Invalid("an answer to a PDU that is not a request");
}

Status CheckConnectAnswer(const CotpTpdu& cr, const MessageDecoding& resp) {
  if (resp.tpdus.size() != 1)
    return Invalid("a connect request answered with several units");
  const CotpTpdu& answer = resp.tpdus[0];
  if (answer.type != CotpType::kConnectConfirm &&
      answer.type != CotpType::kDisconnectRequest)
    return Invalid("a connect request answered with COTP " +
                   CotpTypeName(static_cast<uint8_t>(answer.type)));
  if (answer.dst_ref != cr.src_ref)
    return Invalid(
        "COTP destination reference " + std::to_string(answer.dst_ref) +
        " does not echo the connect request's " + std::to_string(cr.src_ref));
  if (answer.type == CotpType::kConnectConfirm &&
      (answer.class_option >> 4) != 0)
    return Invalid("connect confirm is not of class 0");
  return Status::Ok();
}

}  // namespace

Status ValidateS7Response(const S7Request& request, ByteView response,
                          const S7Rules& rules) {
  const MessageDecoding& req = request.message();
  if (!req.status.ok() || req.tpdus.empty())
    return response.empty()
               ? Status::Ok()
               : Invalid("an answer to a request that does not decode");
  if (response.empty()) return Invalid("no response where one was due");
  MessageDecoding resp = DecodeMessage(response);
  if (!resp.status.ok())
    return Invalid("response does not decode: " + resp.status.message());
  if (req.tpdus[0].type == CotpType::kConnectRequest)
    return CheckConnectAnswer(req.tpdus[0], resp);
  if (!req.s7) return Status::Ok();
  if (!resp.s7) return Invalid("an S7 request answered without an S7 PDU");
  return CheckS7Answer(*req.s7, *resp.s7, rules);
}

std::optional<uint8_t> DueS7ReturnCode(const VarItem& item,
                                       const S7Rules& rules) {
  const auto* p = std::get_if<AnyPointer>(&item);
  if (!rules.device_known || p == nullptr) return std::nullopt;
  if (p->area != Area::kDataBlock && p->area != Area::kFlags &&
      p->area != Area::kInputs && p->area != Area::kOutputs)
    return std::nullopt;
  const auto element = CheckedElementBytes(p->type);
  if (!element || (p->type == ItemType::kBit && p->length != 1))
    return std::nullopt;
  const S7AreaSize* area = nullptr;
  for (const S7AreaSize& a : rules.areas)
    if (a.area == p->area && (a.area != Area::kDataBlock || a.db == p->db))
      area = &a;
  if (area == nullptr)
    return static_cast<uint8_t>(ReturnCode::kObjectDoesNotExist);
  const uint64_t end = uint64_t{p->byte_offset} + *element * p->length;
  if (end > area->size || (p->type != ItemType::kBit && p->bit_offset != 0))
    return static_cast<uint8_t>(ReturnCode::kAddressOutOfRange);
  return static_cast<uint8_t>(ReturnCode::kSuccess);
}

}  // namespace protolm::s7comm
