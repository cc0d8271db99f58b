// Modbus/TCP response validity (see modbus_validator.h).
#include "proto/modbus/modbus_validator.h"

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "proto/modbus/adu.h"
#include "proto/modbus/function_code.h"

namespace protolm::modbus {
namespace {

using modbus::ExceptionCode;
using Kind = ExpectedOutcome::Kind;

std::string Hex16(uint16_t v) {
  static const char* kDigits = "0123456789abcdef";
  std::string s = "0x";
  for (int shift = 12; shift >= 0; shift -= 4) s += kDigits[(v >> shift) & 0xF];
  return s;
}

Status Invalid(const std::string& what) { return Malformed("modbus: " + what); }

std::string CodeText(ExceptionCode code) {
  return std::to_string(static_cast<int>(code)) + " (" +
         modbus::ExceptionCodeName(code) + ")";
}

/// The bits after `quantity` in the last byte must be zero (spec 6.1).
bool PaddingIsZero(const Bytes& packed, uint32_t quantity) {
  if (quantity % 8 == 0 || packed.empty()) return true;
  return (packed.back() >> (quantity % 8)) == 0;
}

Status CheckCount(const char* what, size_t got, size_t want) {
  if (got == want) return Status::Ok();
  return Invalid(std::string(what) + " " + std::to_string(got) +
                 " does not match the request's " + std::to_string(want));
}

Status CheckDeviceId(const modbus::DeviceIdRequest& req,
                     const modbus::DeviceIdResponse& resp) {
  if (resp.read_code != req.read_code) {
    return Invalid("device identification read code " +
                   std::to_string(resp.read_code) + " does not echo " +
                   std::to_string(req.read_code));
  }
  const uint8_t level = resp.conformity_level & 0x7F;
  if (level < 1 || level > 3) {
    return Invalid("conformity level " + std::to_string(resp.conformity_level) +
                   " is not 0x01-0x03 or 0x81-0x83");
  }
  if (resp.more_follows != modbus::kNoMoreObjects &&
      resp.more_follows != modbus::kMoreObjectsFollow) {
    return Invalid("more follows " + std::to_string(resp.more_follows) +
                   " is neither 0x00 nor 0xff");
  }
  if (resp.more_follows == modbus::kNoMoreObjects && resp.next_object_id != 0)
    return Invalid("next object id must be 0 when no more objects follow");
  if (resp.objects.empty())
    return Invalid("device identification lists no objects");
  if (req.read_code == modbus::read_code::kIndividual) {
    if (resp.objects.size() != 1 || resp.objects[0].id != req.object_id) {
      return Invalid("individual access to object " +
                     std::to_string(req.object_id) +
                     " must return that object alone");
    }
    return Status::Ok();
  }
  // Stream access starts at the requested object, or at object 0 when the
  // requested one is unknown (spec 6.21).
  if (resp.objects[0].id != req.object_id && resp.objects[0].id != 0) {
    return Invalid("device identification starts at object " +
                   std::to_string(resp.objects[0].id) + ", not at " +
                   std::to_string(req.object_id) + " or 0");
  }
  const uint8_t last_id_of_category =
      req.read_code == modbus::read_code::kBasic     ? 0x02
      : req.read_code == modbus::read_code::kRegular ? 0x7F
                                                     : 0xFF;
  for (size_t i = 0; i < resp.objects.size(); ++i) {
    if (resp.objects[i].id > last_id_of_category)
      return Invalid("object " + std::to_string(resp.objects[i].id) +
                     " is outside the requested category");
    if (i > 0 && resp.objects[i].id <= resp.objects[i - 1].id)
      return Invalid(
          "device identification objects are not in ascending order");
  }
  return Status::Ok();
}

/// The response body carries what the request asked for.
Status CheckBody(const modbus::Request& req, const modbus::Response& resp) {
  if (const auto* read = std::get_if<modbus::ReadRequest>(&req.body)) {
    if (const auto* bits = std::get_if<modbus::BitsResponse>(&resp.body)) {
      RETURN_IF_ERROR(CheckCount("byte count", bits->packed.size(),
                                 (read->quantity + 7u) / 8u));
      if (!PaddingIsZero(bits->packed, read->quantity))
        return Invalid("padding bits after the last item are not zero");
      return Status::Ok();
    }
    if (const auto* regs = std::get_if<modbus::RegistersResponse>(&resp.body)) {
      return CheckCount("register count", regs->registers.size(),
                        read->quantity);
    }
    return Invalid("response body does not fit a read request");
  }
  if (const auto* single = std::get_if<modbus::SingleWrite>(&req.body)) {
    const auto* echo = std::get_if<modbus::SingleWrite>(&resp.body);
    if (echo == nullptr || !(*echo == *single))
      return Invalid("write single response does not echo the request");
    return Status::Ok();
  }
  if (const auto* coils = std::get_if<modbus::WriteCoilsRequest>(&req.body)) {
    const auto* echo = std::get_if<modbus::MultipleWriteResponse>(&resp.body);
    if (echo == nullptr || echo->address != coils->address ||
        echo->quantity != coils->quantity)
      return Invalid(
          "write multiple coils response does not echo address and quantity");
    return Status::Ok();
  }
  if (const auto* regs =
          std::get_if<modbus::WriteRegistersRequest>(&req.body)) {
    const auto* echo = std::get_if<modbus::MultipleWriteResponse>(&resp.body);
    if (echo == nullptr || echo->address != regs->address ||
        echo->quantity != regs->registers.size())
      return Invalid(
          "write multiple registers response does not echo address and "
          "quantity");
    return Status::Ok();
  }
  if (const auto* mask = std::get_if<modbus::MaskWrite>(&req.body)) {
    const auto* echo = std::get_if<modbus::MaskWrite>(&resp.body);
    if (echo == nullptr || !(*echo == *mask))
      return Invalid("mask write response does not echo the request");
    return Status::Ok();
  }
  if (const auto* rw =
          std::get_if<modbus::ReadWriteRegistersRequest>(&req.body)) {
    const auto* regs = std::get_if<modbus::RegistersResponse>(&resp.body);
    if (regs == nullptr)
      return Invalid("response body does not fit read/write registers");
    return CheckCount("register count", regs->registers.size(),
                      rw->read_quantity);
  }
  if (const auto* id = std::get_if<modbus::DeviceIdRequest>(&req.body)) {
    const auto* body = std::get_if<modbus::DeviceIdResponse>(&resp.body);
    if (body == nullptr)
      return Invalid("response is not a device identification");
    return CheckDeviceId(*id, *body);
  }
  if (const auto* diag = std::get_if<modbus::DiagnosticsPdu>(&req.body)) {
    const auto* echo = std::get_if<modbus::DiagnosticsPdu>(&resp.body);
    if (echo == nullptr || echo->sub_function != diag->sub_function)
      return Invalid("diagnostics response does not echo the sub-function");
    if (diag->sub_function == modbus::diag::kReturnQueryData &&
        echo->data != diag->data)
      return Invalid("return query data response does not echo the data");
    return Status::Ok();
  }
  return Status::Ok();  // the decoder already matched the shape to the code
}

Status CheckOutcome(const ExpectedOutcome& expected,
                    const modbus::Response& resp) {
  if (resp.is_exception()) {
    const ExceptionCode got = std::get<modbus::ExceptionBody>(resp.body).code;
    switch (expected.kind) {
      case Kind::kNormal:
        return Invalid("exception " + CodeText(got) + " where none was due");
      case Kind::kException:
        if (got == expected.code) return Status::Ok();
        return Invalid("exception " + CodeText(got) + " where " +
                       CodeText(expected.code) + " was due");
      case Kind::kOpen:
        if (static_cast<uint8_t>(got) >= 1 && static_cast<uint8_t>(got) <= 4)
          return Status::Ok();
        return Invalid("exception " + CodeText(got) +
                       " is not one a device answers this request with");
      case Kind::kNoAnswer:
        break;
    }
    return Invalid("an answer where none was due");
  }
  if (expected.kind == Kind::kException)
    return Invalid("normal response where exception " +
                   CodeText(expected.code) + " was due");
  return Status::Ok();
}

/// A request that does not decode deserves exception 03 (spec section 7),
/// or 01 for a function the device does not support, or a closed
/// connection (no answer); whatever answers must echo its header.
Status ValidateAnswerToMalformed(ByteView request, ByteView response,
                                 const ModbusRules& rules) {
  if (response.empty()) return Status::Ok();
  ByteReader in(request);
  auto transaction_id = in.U16Be();
  auto protocol_id = in.U16Be();
  in.Skip(2);
  auto unit_id = in.U8();
  auto function = in.U8();
  if (!function)
    return Invalid("an answer to a request too short to carry a function code");
  auto resp = modbus::DecodeResponseAdu(response);
  if (!resp.ok())
    return Invalid("response does not decode: " + resp.status().message());
  if (resp->mbap.transaction_id != *transaction_id ||
      resp->mbap.protocol_id != *protocol_id || resp->mbap.unit_id != *unit_id)
    return Invalid("response header does not echo the malformed request's");
  if (resp->pdu.function != (*function & 0x7F) || !resp->pdu.is_exception())
    return Invalid("a malformed request must be answered with an exception");
  const bool supported = rules.device_known
                             ? rules.Supports(*function)
                             : modbus::IsModeledFunction(*function);
  const ExpectedOutcome due{Kind::kException,
                            supported ? ExceptionCode::kIllegalDataValue
                                      : ExceptionCode::kIllegalFunction};
  return CheckOutcome(due, resp->pdu);
}

}  // namespace

Status ValidateModbusResponse(const ModbusRequest& request, ByteView response,
                              const ModbusRules& rules) {
  const Result<RequestAdu>& req = request.adu();
  if (!req.ok())
    return ValidateAnswerToMalformed(request.framed(), response, rules);
  const ExpectedOutcome expected =
      ExpectedModbusOutcome(req->pdu, req->mbap.unit_id, rules);
  if (response.empty()) {
    if (expected.kind == Kind::kNoAnswer) return Status::Ok();
    return Invalid("no response where one was due");
  }
  if (expected.kind == Kind::kNoAnswer) {
    return Invalid("a response to unit id " +
                   std::to_string(req->mbap.unit_id) +
                   ", which the device does not answer");
  }
  auto resp = modbus::DecodeResponseAdu(response);
  if (!resp.ok())
    return Invalid("response does not decode: " + resp.status().message());
  if (resp->mbap.transaction_id != req->mbap.transaction_id) {
    return Invalid("transaction id " + Hex16(resp->mbap.transaction_id) +
                   " does not echo the request's " +
                   Hex16(req->mbap.transaction_id));
  }
  if (resp->mbap.protocol_id != req->mbap.protocol_id) {
    return Invalid("protocol id " + Hex16(resp->mbap.protocol_id) +
                   " does not echo the request's " +
                   Hex16(req->mbap.protocol_id));
  }
  if (resp->mbap.unit_id != req->mbap.unit_id) {
    return Invalid("unit id " + std::to_string(resp->mbap.unit_id) +
                   " does not echo the request's " +
                   std::to_string(req->mbap.unit_id));
  }
  if (resp->pdu.function != req->pdu.function) {
    return Invalid("function code " + std::to_string(resp->pdu.function) +
                   " does not answer the request's " +
                   std::to_string(req->pdu.function));
  }
  RETURN_IF_ERROR(CheckOutcome(expected, resp->pdu));
  if (resp->pdu.is_exception()) return Status::Ok();
  return CheckBody(req->pdu, resp->pdu);
}

}  // namespace protolm::modbus
