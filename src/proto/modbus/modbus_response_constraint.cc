// The Modbus/TCP response grammar (see modbus_response_constraint.h).
#include "proto/modbus/modbus_response_constraint.h"

#include <algorithm>
#include <variant>

#include "proto/modbus/modbus_rules.h"
#include "proto/modbus/adu.h"
#include "proto/modbus/function_code.h"

namespace protolm::modbus {
namespace {

namespace fc = modbus::fc;
using Kind = modbus::ExpectedOutcome::Kind;

/// A response PDU holds at most 253 bytes: 252 after the function code.
constexpr size_t kMaxBody = 252;
/// MBAP length of an exception: unit id, function code, exception code.
constexpr uint16_t kExceptionMbapLength = 3;
/// Read device identification bytes after the function code before the
/// object list: MEI type, read code, conformity, more follows, next id, count.
constexpr size_t kDeviceIdHead = 6;
/// One identification object: id, length and at most 255 value bytes.
constexpr size_t kMaxObjectBytes = 257;
/// Comm event log: byte count at most 6 + 64 events (spec 6.9).
constexpr size_t kMaxCommEvents = 64;
/// Read FIFO queue: at most 31 values (spec 6.18).
constexpr size_t kMaxFifoCount = 31;
/// Read file record: response data length at most 0xF5 (spec 6.14).
constexpr size_t kMaxFileResponseData = 0xF5;

/// Status words of comm event counter / log: 0x0000 idle, 0xFFFF busy.
const ByteSet kStatusBytes = OnlyByte(0x00) | OnlyByte(0xFF);

/// Conformity levels 0x01-0x03, with 0x80 when individual access works.
ByteSet ConformityLevels() {
  return ByteRange(0x01, 0x03) | ByteRange(0x81, 0x83);
}

uint8_t LastIdOfCategory(uint8_t read_code) {
  switch (read_code) {
    case modbus::read_code::kBasic:
      return 0x02;
    case modbus::read_code::kRegular:
      return 0x7F;
    default:
      return 0xFF;
  }
}

/// Body sizes (PDU bytes after the function code) a normal answer to `r`
/// can have.
std::vector<bool> NormalBodySizes(const modbus::Request& r,
                                  size_t request_body_size) {
  std::vector<bool> sizes(kMaxBody + 1, false);
  auto add = [&sizes](size_t lo, size_t hi) {
    for (size_t n = lo; n <= hi && n <= kMaxBody; ++n) sizes[n] = true;
  };
  switch (r.function) {
    case fc::kReadCoils:
    case fc::kReadDiscreteInputs:
      if (const auto* read = std::get_if<modbus::ReadRequest>(&r.body))
        add(1 + (read->quantity + 7u) / 8u, 1 + (read->quantity + 7u) / 8u);
      break;
    case fc::kReadHoldingRegisters:
    case fc::kReadInputRegisters:
      if (const auto* read = std::get_if<modbus::ReadRequest>(&r.body))
        add(1 + 2u * read->quantity, 1 + 2u * read->quantity);
      break;
    case fc::kReadWriteMultipleRegisters:
      if (const auto* rw =
              std::get_if<modbus::ReadWriteRegistersRequest>(&r.body))
        add(1 + 2u * rw->read_quantity, 1 + 2u * rw->read_quantity);
      break;
    case fc::kWriteSingleCoil:
    case fc::kWriteSingleRegister:
    case fc::kMaskWriteRegister:
    case fc::kWriteFileRecord:
      add(request_body_size, request_body_size);  // an echo
      break;
    case fc::kReadExceptionStatus:
      add(1, 1);
      break;
    case fc::kDiagnostics:
      if (const auto* d = std::get_if<modbus::DiagnosticsPdu>(&r.body)) {
        const size_t n = d->sub_function == modbus::diag::kReturnQueryData
                             ? request_body_size
                             : 4;
        add(n, n);
      }
      break;
    case fc::kGetCommEventCounter:
    case fc::kWriteMultipleCoils:
    case fc::kWriteMultipleRegisters:
      add(4, 4);
      break;
    case fc::kGetCommEventLog:
      add(7, 7 + kMaxCommEvents);
      break;
    case fc::kReportServerId:
      add(2, kMaxBody);  // byte count, then at least the run indicator
      break;
    case fc::kReadFileRecord:
      if (const auto* read =
              std::get_if<modbus::FileRecordReadRequest>(&r.body)) {
        size_t data = 0;
        for (const auto& ref : read->references)
          data += 2 + 2 * size_t{ref.record_length};
        if (data <= kMaxFileResponseData) add(1 + data, 1 + data);
      }
      break;
    case fc::kReadFifoQueue:
      for (size_t count = 0; count <= kMaxFifoCount; ++count)
        add(4 + 2 * count, 4 + 2 * count);
      break;
    case fc::kEncapsulatedInterfaceTransport:
      if (std::holds_alternative<modbus::DeviceIdRequest>(r.body))
        add(kDeviceIdHead + 2, kMaxBody);
      else
        add(1, kMaxBody);  // another MEI type: its data is opaque
      break;
    default:
      break;
  }
  return sizes;
}

}  // namespace

ModbusResponseConstraint::ModbusResponseConstraint(
    const ModbusRequest& decoded, size_t max_response_bytes,
    const modbus::ModbusRules& rules)
    : mbap_lengths_(kMaxBody + 3, false) {
  const ByteView request = decoded.framed();
  ByteReader in(request);
  in.Skip(2);  // transaction id, echoed below
  auto protocol_id = in.U16Be();
  in.Skip(2);  // the request's length: DecodeRequestAdu judges it
  auto unit_id = in.U8();
  auto function = in.U8();
  // Too short to name a function, or not Modbus: no answer is valid.
  if (!function || *protocol_id != modbus::kModbusProtocolId) return;
  echoed_header_.assign(request.begin(), request.begin() + 4);
  unit_id_ = *unit_id;
  function_ = *function;

  const Result<RequestAdu>& adu = decoded.adu();
  if (!adu.ok()) {  // spec section 7: 03, or 01 for an undefined code
    exception_codes_ =
        OnlyByte(modbus::IsModeledFunction(function_) ? 0x03 : 0x01);
  } else {
    request_ = adu->pdu;
    request_body_.assign(request.begin() + modbus::kMbapSize + 1,
                         request.end());
    const modbus::ExpectedOutcome due = modbus::ExpectedModbusOutcome(
        *request_, unit_id_, rules);
    bool normal = false;
    switch (due.kind) {
      case Kind::kException:
        exception_codes_ = OnlyByte(static_cast<uint8_t>(due.code));
        break;
      case Kind::kOpen:
        exception_codes_ = ByteRange(0x01, 0x04);
        normal = true;
        break;
      case Kind::kNormal:
        normal = true;
        break;
      case Kind::kNoAnswer:
        break;
    }
    const auto& answers = rules.identity_answers;
    const auto known =
        answers.empty()
            ? answers.end()
            : answers.find(Bytes(request.begin() + modbus::kMbapSize,
                                 request.end()));
    if (known != answers.end() && known->second.size() > 1 &&
        known->second.size() <= kMaxBody + 1 && known->second[0] == function_) {
      // The device's own answer to this very request: nothing else.
      known_body_.assign(known->second.begin() + 1, known->second.end());
      exception_codes_.reset();
      body_sizes_.assign(kMaxBody + 1, false);
      body_sizes_[known_body_.size()] = true;
    } else if (normal && function_ < modbus::kExceptionBit) {
      body_sizes_ = NormalBodySizes(*request_, request_body_.size());
    }
  }
  const size_t max_length = max_response_bytes > modbus::kAduSizeBase
                                ? max_response_bytes - modbus::kAduSizeBase
                                : 0;
  if (exception_codes_.any() && kExceptionMbapLength <= max_length) {
    mbap_lengths_[kExceptionMbapLength] = true;
    answerable_ = true;
  }
  for (size_t body = 0; body < body_sizes_.size(); ++body) {
    if (body_sizes_[body] && body + 2 <= max_length) {
      mbap_lengths_[body + 2] = true;
      answerable_ = true;
    }
  }
}

void ModbusResponseConstraint::Allowed(ByteView produced,
                                       AllowedTokens* out) const {
  PrefixWalker w(produced, out);
  if (!answerable_) return w.End();
  if (!w.Echo(echoed_header_)) return;
  auto length = w.U16In(mbap_lengths_);
  if (!length || !w.Exactly(unit_id_)) return;
  ByteSet functions;
  if (*length == kExceptionMbapLength && exception_codes_.any())
    functions.set(function_ | modbus::kExceptionBit);
  const size_t body = *length - 2u;
  if (body < body_sizes_.size() && body_sizes_[body]) functions.set(function_);
  auto f = w.Byte(functions);
  if (!f) return;
  if (*f & modbus::kExceptionBit) {
    if (w.Byte(exception_codes_)) w.End();
    return;
  }
  WalkNormalBody(w, body);
}

void ModbusResponseConstraint::WalkNormalBody(PrefixWalker& w,
                                              size_t body) const {
  if (!known_body_.empty()) {
    if (w.Echo(known_body_)) w.End();
    return;
  }
  const modbus::Request& r = *request_;
  const ByteView echo(request_body_);
  switch (r.function) {
    case fc::kReadCoils:
    case fc::kReadDiscreteInputs: {
      const uint16_t quantity = std::get<modbus::ReadRequest>(r.body).quantity;
      const size_t count = body - 1;
      if (!w.Exactly(static_cast<uint8_t>(count)) || !w.AnyBytes(count - 1))
        return;
      const unsigned used = quantity % 8;  // bits past `used` are padding
      if (!w.Between(0, used == 0 ? 0xFF : (1u << used) - 1)) return;
      break;
    }
    case fc::kReadHoldingRegisters:
    case fc::kReadInputRegisters:
    case fc::kReadWriteMultipleRegisters:
    case fc::kReportServerId:
      if (!w.Exactly(static_cast<uint8_t>(body - 1)) || !w.AnyBytes(body - 1))
        return;
      break;
    case fc::kWriteSingleCoil:
    case fc::kWriteSingleRegister:
    case fc::kMaskWriteRegister:
    case fc::kWriteFileRecord:
      if (!w.Echo(echo)) return;
      break;
    case fc::kWriteMultipleCoils:
    case fc::kWriteMultipleRegisters:  // address and quantity
      if (!w.Echo(echo.first(4))) return;
      break;
    case fc::kReadExceptionStatus:
      if (!w.Any()) return;
      break;
    case fc::kDiagnostics: {
      const uint16_t sub =
          std::get<modbus::DiagnosticsPdu>(r.body).sub_function;
      namespace diag = modbus::diag;
      // Return query data and the restart/clear/delimiter sub-functions
      // echo the request's data (spec 6.8.1); the others return a counter.
      const bool echoes = sub == diag::kReturnQueryData ||
                          sub == diag::kRestartCommunications ||
                          sub == diag::kChangeAsciiInputDelimiter ||
                          sub == diag::kClearCountersAndDiagnosticRegister ||
                          sub == diag::kClearOverrunCounterAndFlag;
      if (echoes ? !w.Echo(echo) : (!w.Echo(echo.first(2)) || !w.AnyBytes(2)))
        return;
      break;
    }
    case fc::kGetCommEventCounter: {
      auto status = w.Byte(kStatusBytes);
      if (!status || !w.Exactly(*status) || !w.AnyBytes(2)) return;
      break;
    }
    case fc::kGetCommEventLog: {
      if (!w.Exactly(static_cast<uint8_t>(body - 1))) return;
      auto status = w.Byte(kStatusBytes);
      if (!status || !w.Exactly(*status) || !w.AnyBytes(body - 3)) return;
      break;
    }
    case fc::kReadFileRecord: {
      if (!w.Exactly(static_cast<uint8_t>(body - 1))) return;
      for (const auto& ref :
           std::get<modbus::FileRecordReadRequest>(r.body).references) {
        if (!w.Exactly(static_cast<uint8_t>(1 + 2 * ref.record_length)) ||
            !w.Exactly(modbus::kFileReferenceType) ||
            !w.AnyBytes(2 * size_t{ref.record_length}))
          return;
      }
      break;
    }
    case fc::kReadFifoQueue: {
      const size_t count = (body - 4) / 2;
      if (!w.U16Exactly(static_cast<uint16_t>(2 + 2 * count)) ||
          !w.U16Exactly(static_cast<uint16_t>(count)) || !w.AnyBytes(2 * count))
        return;
      break;
    }
    case fc::kEncapsulatedInterfaceTransport:
      if (std::holds_alternative<modbus::DeviceIdRequest>(r.body))
        return WalkDeviceId(w, body);
      if (!w.Exactly(std::get<modbus::MeiPdu>(r.body).mei_type) ||
          !w.AnyBytes(body - 1))
        return;
      break;
    default:
      return;  // no normal answer exists: body_sizes_ is empty
  }
  w.End();
}

void ModbusResponseConstraint::WalkDeviceId(PrefixWalker& w,
                                            size_t body) const {
  const auto& asked = std::get<modbus::DeviceIdRequest>(request_->body);
  const bool individual = asked.read_code == modbus::read_code::kIndividual;
  if (!w.Exactly(modbus::kMeiReadDeviceIdentification) ||
      !w.Exactly(asked.read_code) || !w.Byte(ConformityLevels()))
    return;
  auto more = w.Byte(OnlyByte(modbus::kNoMoreObjects) |
                     OnlyByte(modbus::kMoreObjectsFollow));
  if (!more) return;
  if (*more == modbus::kMoreObjectsFollow ? !w.Any() : !w.Exactly(0)) return;

  const size_t last = LastIdOfCategory(asked.read_code);
  size_t left = body - kDeviceIdHead;  // bytes of the object list
  // Each object takes 2 to 257 bytes; a stream lists distinct ascending ids.
  const size_t most =
      individual ? 1 : std::min({left / 2, last + 1, size_t{255}});
  const size_t fewest =
      individual ? 1 : (left + kMaxObjectBytes - 1) / kMaxObjectBytes;
  auto count = w.Between(fewest, most);
  if (!count) return;
  int previous = -1;
  for (size_t i = 0; i < *count; ++i) {
    const size_t after = *count - 1 - i;  // objects still to come
    ByteSet ids;
    if (individual) {
      ids = OnlyByte(asked.object_id);
    } else if (i == 0) {  // the requested object, or 0 when it is unknown
      ids = OnlyByte(0);
      if (asked.object_id + after <= last) ids.set(asked.object_id);
    } else {
      ids = ByteRange(previous + 1, last - after);
    }
    auto id = w.Byte(ids);
    if (!id) return;
    previous = *id;
    const size_t fewest_bytes = left >= 2 + kMaxObjectBytes * after
                                    ? left - 2 - kMaxObjectBytes * after
                                    : 0;
    const size_t most_bytes = std::min<size_t>(255, left - 2 - 2 * after);
    auto length = w.Between(fewest_bytes, most_bytes);
    if (!length || !w.AnyBytes(*length)) return;
    left -= 2 + *length;
  }
  w.End();
}

}  // namespace protolm::modbus
