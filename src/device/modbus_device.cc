// ModbusDevice: the checks and functions of a Modbus/TCP server over
// DeviceState (modbus_device.h).
#include "device/modbus_device.h"

#include <algorithm>

#include "proto/modbus/adu.h"
#include "proto/modbus/builders.h"
#include "proto/modbus/range_check.h"

namespace protolm::device {
namespace {

using modbus::ExceptionCode;
using modbus::Request;
using modbus::Response;
namespace fc = modbus::fc;

/// Largest PDU of a response (a 260-byte ADU less the 7-byte MBAP header).
constexpr size_t kMaxResponsePdu = 253;
/// Read device identification response bytes before the object list.
constexpr size_t kDeviceIdHeader = 7;

Response Exception(const Request& r, ExceptionCode code) {
  return modbus::ExceptionResponse(r.function, code);
}

/// Identification objects in id order with their category (1 basic,
/// 2 regular, 3 extended); empty optional objects are absent.
std::vector<std::pair<modbus::DeviceObject, uint8_t>> IdentityObjects(
    const ModbusIdentity& id) {
  std::vector<std::pair<modbus::DeviceObject, uint8_t>> out;
  const std::string* fields[] = {&id.vendor_name,          &id.product_code,
                                 &id.major_minor_revision, &id.vendor_url,
                                 &id.product_name,         &id.model_name,
                                 &id.user_application_name};
  for (uint8_t i = 0; i < 7; ++i) {
    if (fields[i]->empty()) continue;
    out.push_back({{i, Bytes(fields[i]->begin(), fields[i]->end())},
                   static_cast<uint8_t>(i < 3 ? 1 : 2)});
  }
  for (const auto& [object_id, value] : id.extended) {
    out.push_back({{object_id, value}, uint8_t{3}});
  }
  return out;
}

}  // namespace

bool ModbusDevice::Supported(uint8_t function) const {
  const auto& list = state_.profile().modbus.supported_functions;
  return modbus::IsModeledFunction(function) &&
         std::find(list.begin(), list.end(), function) != list.end();
}

ModbusOutcome ModbusDevice::HandleAdu(ByteView adu) {
  ByteReader in(adu);
  auto transaction = in.U16Be();
  auto protocol = in.U16Be();
  auto length = in.U16Be();
  auto unit = in.U8();
  auto function = in.U8();
  if (!transaction || !protocol || !length || !unit || !function ||
      *protocol != modbus::kModbusProtocolId) {
    return {std::nullopt, true};
  }
  ++bus_message_count_;
  const ModbusProfile& m = state_.profile().modbus;
  bool ours = std::find(m.unit_ids.begin(), m.unit_ids.end(), *unit) !=
              m.unit_ids.end();
  Request head{static_cast<uint8_t>(*function & 0x7F), modbus::EmptyBody{}};
  Response response;
  if (!ours && m.unknown_unit == UnknownUnitPolicy::kIgnore) {
    ++no_response_count_;
    return {std::nullopt, false};
  }
  if (!ours && m.unknown_unit == UnknownUnitPolicy::kGatewayException) {
    response = Exception(head, ExceptionCode::kGatewayTargetFailedToRespond);
  } else if (*function >= 0x80 || !Supported(*function)) {
    response = Exception(head, ExceptionCode::kIllegalFunction);
  } else {
    Result<modbus::RequestAdu> decoded = modbus::DecodeRequestAdu(adu);
    if (!decoded.ok()) {
      ++bus_error_count_;
      response = Exception(head, ExceptionCode::kIllegalDataValue);
    } else {
      response = Execute(decoded->pdu);
    }
  }
  ++server_message_count_;
  if (response.is_exception()) {
    ++exception_count_;
  } else {
    ++event_count_;
  }
  Result<Bytes> bytes = modbus::BuildResponseAdu(*transaction, *unit, response);
  if (!bytes.ok()) {  // a response our own encoder refuses: a bug; say so
    bytes = modbus::BuildResponseAdu(
        *transaction, *unit,
        Exception(head, ExceptionCode::kServerDeviceFailure));
  }
  return {std::move(bytes).value(), false};
}

Response ModbusDevice::Execute(const Request& r) {
  if (!Supported(r.function))
    return Exception(r, ExceptionCode::kIllegalFunction);
  if (auto violation = modbus::CheckRequestRanges(r)) {
    return Exception(r, violation->exception);
  }
  switch (r.function) {
    case fc::kReadCoils:
    case fc::kReadDiscreteInputs:
      return ReadBits(r);
    case fc::kReadHoldingRegisters:
    case fc::kReadInputRegisters:
      return ReadRegisters(r);
    case fc::kWriteSingleCoil:
    case fc::kWriteSingleRegister:
      return WriteSingle(r);
    case fc::kReadExceptionStatus: {
      uint8_t outputs = 0;
      uint16_t first = state_.profile().modbus.exception_status_coil;
      for (uint16_t i = 0; i < 8; ++i) {
        if (state_.coils().Covers(first + i, 1) &&
            state_.coils().Get(first + i)) {
          outputs |= static_cast<uint8_t>(1u << i);
        }
      }
      return modbus::ReadExceptionStatusResponse(outputs);
    }
    case fc::kDiagnostics:
      return Diagnostics(r);
    case fc::kGetCommEventCounter:
      return modbus::GetCommEventCounterResponse(0, event_count_);
    case fc::kGetCommEventLog:
      return modbus::GetCommEventLogResponse(0, event_count_,
                                             bus_message_count_, Bytes{});
    case fc::kWriteMultipleCoils:
      return WriteCoils(r);
    case fc::kWriteMultipleRegisters:
      return WriteRegisters(r);
    case fc::kReportServerId: {
      Bytes data = state_.profile().modbus.server_id;
      data.push_back(0xFF);  // run indicator: on
      return modbus::ReportServerIdResponse(std::move(data));
    }
    case fc::kReadFileRecord:
    case fc::kWriteFileRecord:
      return FileRecords(r);
    case fc::kMaskWriteRegister:
      return MaskWrite(r);
    case fc::kReadWriteMultipleRegisters:
      return ReadWriteRegisters(r);
    case fc::kReadFifoQueue:
      return ReadFifo(r);
    case fc::kEncapsulatedInterfaceTransport:
      return DeviceIdentification(r);
    default:
      return Exception(r, ExceptionCode::kIllegalFunction);
  }
}

Response ModbusDevice::ReadBits(const Request& r) {
  const auto* body = std::get_if<modbus::ReadRequest>(&r.body);
  if (!body) return Exception(r, ExceptionCode::kIllegalDataValue);
  ModbusTableMemory& table =
      r.function == fc::kReadCoils ? state_.coils() : state_.discrete_inputs();
  if (!table.Covers(body->address, body->quantity)) {
    return Exception(r, ExceptionCode::kIllegalDataAddress);
  }
  std::vector<bool> bits(body->quantity);
  for (uint16_t i = 0; i < body->quantity; ++i) {
    bits[i] = table.Get(body->address + i) != 0;
  }
  return modbus::ReadBitsResponse(r.function, bits);
}

Response ModbusDevice::ReadRegisters(const Request& r) {
  const auto* body = std::get_if<modbus::ReadRequest>(&r.body);
  if (!body) return Exception(r, ExceptionCode::kIllegalDataValue);
  ModbusTableMemory& table = r.function == fc::kReadHoldingRegisters
                                 ? state_.holding_registers()
                                 : state_.input_registers();
  if (!table.Covers(body->address, body->quantity)) {
    return Exception(r, ExceptionCode::kIllegalDataAddress);
  }
  std::vector<uint16_t> values(body->quantity);
  for (uint16_t i = 0; i < body->quantity; ++i) {
    values[i] = table.Get(body->address + i);
  }
  return modbus::ReadRegistersResponse(r.function, std::move(values));
}

Response ModbusDevice::WriteSingle(const Request& r) {
  const auto* body = std::get_if<modbus::SingleWrite>(&r.body);
  if (!body) return Exception(r, ExceptionCode::kIllegalDataValue);
  bool coil = r.function == fc::kWriteSingleCoil;
  ModbusTableMemory& table = coil ? state_.coils() : state_.holding_registers();
  if (!table.Covers(body->address, 1)) {
    return Exception(r, ExceptionCode::kIllegalDataAddress);
  }
  table.Set(body->address,
            coil ? (body->value == 0xFF00 ? 1 : 0) : body->value);
  return modbus::WriteSingleResponse(r.function, body->address, body->value);
}

Response ModbusDevice::WriteCoils(const Request& r) {
  const auto* body = std::get_if<modbus::WriteCoilsRequest>(&r.body);
  if (!body) return Exception(r, ExceptionCode::kIllegalDataValue);
  if (!state_.coils().Covers(body->address, body->quantity)) {
    return Exception(r, ExceptionCode::kIllegalDataAddress);
  }
  std::vector<bool> bits = modbus::UnpackBits(body->packed, body->quantity);
  for (size_t i = 0; i < bits.size(); ++i) {
    state_.coils().Set(static_cast<uint16_t>(body->address + i),
                       bits[i] ? 1 : 0);
  }
  return modbus::WriteMultipleResponse(r.function, body->address,
                                       body->quantity);
}

Response ModbusDevice::WriteRegisters(const Request& r) {
  const auto* body = std::get_if<modbus::WriteRegistersRequest>(&r.body);
  if (!body) return Exception(r, ExceptionCode::kIllegalDataValue);
  auto quantity = static_cast<uint16_t>(body->registers.size());
  if (!state_.holding_registers().Covers(body->address, quantity)) {
    return Exception(r, ExceptionCode::kIllegalDataAddress);
  }
  for (uint16_t i = 0; i < quantity; ++i) {
    state_.holding_registers().Set(body->address + i, body->registers[i]);
  }
  return modbus::WriteMultipleResponse(r.function, body->address, quantity);
}

Response ModbusDevice::Diagnostics(const Request& r) {
  const auto* body = std::get_if<modbus::DiagnosticsPdu>(&r.body);
  if (!body) return Exception(r, ExceptionCode::kIllegalDataValue);
  namespace diag = modbus::diag;
  auto counter = [&](uint16_t value) {
    return modbus::DiagnosticsResponse(
        body->sub_function,
        Bytes{static_cast<uint8_t>(value >> 8), static_cast<uint8_t>(value)});
  };
  switch (body->sub_function) {
    case diag::kReturnQueryData:
    case diag::kRestartCommunications:
      return modbus::DiagnosticsResponse(body->sub_function, body->data);
    case diag::kReturnDiagnosticRegister:
      return counter(0);
    case diag::kClearCountersAndDiagnosticRegister:
    case diag::kClearOverrunCounterAndFlag:
      bus_message_count_ = bus_error_count_ = exception_count_ = 0;
      server_message_count_ = no_response_count_ = 0;
      return modbus::DiagnosticsResponse(body->sub_function, body->data);
    case diag::kReturnBusMessageCount:
      return counter(bus_message_count_);
    case diag::kReturnBusCommunicationErrorCount:
      return counter(bus_error_count_);
    case diag::kReturnBusExceptionErrorCount:
      return counter(exception_count_);
    case diag::kReturnServerMessageCount:
      return counter(server_message_count_);
    case diag::kReturnServerNoResponseCount:
      return counter(no_response_count_);
    case diag::kReturnServerNakCount:
    case diag::kReturnServerBusyCount:
    case diag::kReturnBusCharacterOverrunCount:
      return counter(0);
    default:  // serial-line only (ASCII delimiter, listen only mode)
      return Exception(r, ExceptionCode::kIllegalFunction);
  }
}

Response ModbusDevice::FileRecords(const Request& r) {
  if (const auto* read = std::get_if<modbus::FileRecordReadRequest>(&r.body)) {
    std::vector<modbus::FileRecordData> records;
    for (const modbus::FileRecordReference& ref : read->references) {
      std::vector<uint16_t>* file = state_.file(ref.file_number);
      if (!file ||
          uint32_t{ref.record_number} + ref.record_length > file->size()) {
        return Exception(r, ExceptionCode::kIllegalDataAddress);
      }
      modbus::FileRecordData data;
      data.registers.assign(
          file->begin() + ref.record_number,
          file->begin() + ref.record_number + ref.record_length);
      records.push_back(std::move(data));
    }
    size_t size = 2;
    for (const auto& d : records) size += 2 + 2 * d.registers.size();
    if (size > kMaxResponsePdu)
      return Exception(r, ExceptionCode::kIllegalDataValue);
    return modbus::ReadFileRecordResponse(std::move(records));
  }
  if (const auto* write = std::get_if<modbus::FileRecordWritePdu>(&r.body)) {
    for (const modbus::FileRecordWrite& w : write->records) {
      std::vector<uint16_t>* file = state_.file(w.file_number);
      if (!file || w.record_number + w.registers.size() > file->size()) {
        return Exception(r, ExceptionCode::kIllegalDataAddress);
      }
    }
    for (const modbus::FileRecordWrite& w : write->records) {
      std::copy(w.registers.begin(), w.registers.end(),
                state_.file(w.file_number)->begin() + w.record_number);
    }
    return modbus::WriteFileRecordResponse(write->records);
  }
  return Exception(r, ExceptionCode::kIllegalDataValue);
}

Response ModbusDevice::MaskWrite(const Request& r) {
  const auto* body = std::get_if<modbus::MaskWrite>(&r.body);
  if (!body) return Exception(r, ExceptionCode::kIllegalDataValue);
  ModbusTableMemory& table = state_.holding_registers();
  if (!table.Covers(body->address, 1)) {
    return Exception(r, ExceptionCode::kIllegalDataAddress);
  }
  uint16_t current = table.Get(body->address);
  table.Set(body->address,
            static_cast<uint16_t>((current & body->and_mask) |
                                  (body->or_mask & ~body->and_mask)));
  return modbus::MaskWriteRegisterResponse(body->address, body->and_mask,
                                           body->or_mask);
}

Response ModbusDevice::ReadWriteRegisters(const Request& r) {
  const auto* body = std::get_if<modbus::ReadWriteRegistersRequest>(&r.body);
  if (!body) return Exception(r, ExceptionCode::kIllegalDataValue);
  ModbusTableMemory& table = state_.holding_registers();
  auto write_quantity = static_cast<uint16_t>(body->write_registers.size());
  if (!table.Covers(body->read_address, body->read_quantity) ||
      !table.Covers(body->write_address, write_quantity)) {
    return Exception(r, ExceptionCode::kIllegalDataAddress);
  }
  for (uint16_t i = 0; i < write_quantity; ++i) {
    table.Set(body->write_address + i, body->write_registers[i]);
  }
  std::vector<uint16_t> values(body->read_quantity);
  for (uint16_t i = 0; i < body->read_quantity; ++i) {
    values[i] = table.Get(body->read_address + i);
  }
  return modbus::ReadRegistersResponse(r.function, std::move(values));
}

Response ModbusDevice::ReadFifo(const Request& r) {
  const auto* body = std::get_if<modbus::FifoRequest>(&r.body);
  if (!body) return Exception(r, ExceptionCode::kIllegalDataValue);
  // The FIFO lives in holding registers: the count at `address`, the
  // values after it (spec 6.18).
  ModbusTableMemory& table = state_.holding_registers();
  if (!table.Covers(body->address, 1)) {
    return Exception(r, ExceptionCode::kIllegalDataAddress);
  }
  uint16_t count = table.Get(body->address);
  if (count > 31) return Exception(r, ExceptionCode::kIllegalDataValue);
  if (!table.Covers(uint32_t{body->address} + 1, count)) {
    return Exception(r, ExceptionCode::kIllegalDataAddress);
  }
  std::vector<uint16_t> values(count);
  for (uint16_t i = 0; i < count; ++i)
    values[i] = table.Get(body->address + 1 + i);
  return modbus::ReadFifoQueueResponse(std::move(values));
}

Response ModbusDevice::DeviceIdentification(const Request& r) {
  const auto* body = std::get_if<modbus::DeviceIdRequest>(&r.body);
  if (!body)
    return Exception(r, ExceptionCode::kIllegalFunction);  // other MEI types
  auto objects = IdentityObjects(state_.profile().modbus.identity);
  uint8_t highest = 1;
  for (const auto& [object, category] : objects)
    highest = std::max(highest, category);
  modbus::DeviceIdResponse out;
  out.read_code = body->read_code;
  out.conformity_level =
      static_cast<uint8_t>(0x80 | highest);  // + individual access
  if (body->read_code == modbus::read_code::kIndividual) {
    for (const auto& [object, category] : objects) {
      if (object.id == body->object_id) {
        out.objects.push_back(object);
        return modbus::ReadDeviceIdentificationResponse(std::move(out));
      }
    }
    return Exception(r, ExceptionCode::kIllegalDataAddress);
  }
  // Stream access: objects of categories up to read_code (a regular stream
  // includes the basic objects) from object_id on;
  // an object id the device does not know restarts the stream at object 0.
  std::vector<modbus::DeviceObject> stream;
  bool known = false;
  for (const auto& [object, category] : objects) {
    if (category > body->read_code) continue;
    stream.push_back(object);
    if (object.id == body->object_id) known = true;
  }
  uint8_t start = known ? body->object_id : 0;
  size_t size = kDeviceIdHeader;
  for (const modbus::DeviceObject& object : stream) {
    if (object.id < start) continue;
    if (size + 2 + object.value.size() > kMaxResponsePdu) {
      out.more_follows = modbus::kMoreObjectsFollow;
      out.next_object_id = object.id;
      break;
    }
    size += 2 + object.value.size();
    out.objects.push_back(object);
  }
  return modbus::ReadDeviceIdentificationResponse(std::move(out));
}

}  // namespace protolm::device
