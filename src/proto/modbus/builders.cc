// Request and response builders (see builders.h).
#include "proto/modbus/builders.h"

#include <utility>

namespace protolm::modbus {

Request ReadCoils(uint16_t address, uint16_t quantity) {
  return {fc::kReadCoils, ReadRequest{address, quantity}};
}
Request ReadDiscreteInputs(uint16_t address, uint16_t quantity) {
  return {fc::kReadDiscreteInputs, ReadRequest{address, quantity}};
}
Request ReadHoldingRegisters(uint16_t address, uint16_t quantity) {
  return {fc::kReadHoldingRegisters, ReadRequest{address, quantity}};
}
Request ReadInputRegisters(uint16_t address, uint16_t quantity) {
  return {fc::kReadInputRegisters, ReadRequest{address, quantity}};
}
Request WriteSingleCoil(uint16_t address, bool on) {
  return {fc::kWriteSingleCoil,
          SingleWrite{address, static_cast<uint16_t>(on ? 0xFF00 : 0x0000)}};
}
Request WriteSingleRegister(uint16_t address, uint16_t value) {
  return {fc::kWriteSingleRegister, SingleWrite{address, value}};
}
Request ReadExceptionStatus() {
  return {fc::kReadExceptionStatus, EmptyBody{}};
}
Request Diagnostics(uint16_t sub_function, Bytes data) {
  return {fc::kDiagnostics, DiagnosticsPdu{sub_function, std::move(data)}};
}
Request GetCommEventCounter() {
  return {fc::kGetCommEventCounter, EmptyBody{}};
}
Request GetCommEventLog() { return {fc::kGetCommEventLog, EmptyBody{}}; }
Request WriteMultipleCoils(uint16_t address, const std::vector<bool>& coils) {
  return {fc::kWriteMultipleCoils,
          WriteCoilsRequest{address, static_cast<uint16_t>(coils.size()),
                            PackBits(coils)}};
}
Request WriteMultipleRegisters(uint16_t address,
                               std::vector<uint16_t> registers) {
  return {fc::kWriteMultipleRegisters,
          WriteRegistersRequest{address, std::move(registers)}};
}
Request ReportServerId() { return {fc::kReportServerId, EmptyBody{}}; }
Request ReadFileRecord(std::vector<FileRecordReference> references) {
  return {fc::kReadFileRecord, FileRecordReadRequest{std::move(references)}};
}
Request WriteFileRecord(std::vector<FileRecordWrite> records) {
  return {fc::kWriteFileRecord, FileRecordWritePdu{std::move(records)}};
}
Request MaskWriteRegister(uint16_t address, uint16_t and_mask,
                          uint16_t or_mask) {
  return {fc::kMaskWriteRegister, MaskWrite{address, and_mask, or_mask}};
}
Request ReadWriteMultipleRegisters(uint16_t read_address,
                                   uint16_t read_quantity,
                                   uint16_t write_address,
                                   std::vector<uint16_t> write_registers) {
  return {fc::kReadWriteMultipleRegisters,
          ReadWriteRegistersRequest{read_address, read_quantity, write_address,
                                    std::move(write_registers)}};
}
Request ReadFifoQueue(uint16_t address) {
  return {fc::kReadFifoQueue, FifoRequest{address}};
}
Request ReadDeviceIdentification(uint8_t read_code, uint8_t object_id) {
  return {fc::kEncapsulatedInterfaceTransport,
          DeviceIdRequest{read_code, object_id}};
}
Request EncapsulatedInterfaceTransport(uint8_t mei_type, Bytes data) {
  return {fc::kEncapsulatedInterfaceTransport,
          MeiPdu{mei_type, std::move(data)}};
}
Request RawRequest(uint8_t function, Bytes data) {
  return {function, OpaquePdu{std::move(data)}};
}

Response ReadBitsResponse(uint8_t function, const std::vector<bool>& bits) {
  return {function, BitsResponse{PackBits(bits)}};
}
Response ReadRegistersResponse(uint8_t function,
                               std::vector<uint16_t> registers) {
  return {function, RegistersResponse{std::move(registers)}};
}
Response WriteSingleResponse(uint8_t function, uint16_t address,
                             uint16_t value) {
  return {function, SingleWrite{address, value}};
}
Response WriteMultipleResponse(uint8_t function, uint16_t address,
                               uint16_t quantity) {
  return {function, MultipleWriteResponse{address, quantity}};
}
Response ReadExceptionStatusResponse(uint8_t outputs) {
  return {fc::kReadExceptionStatus, ExceptionStatusResponse{outputs}};
}
Response DiagnosticsResponse(uint16_t sub_function, Bytes data) {
  return {fc::kDiagnostics, DiagnosticsPdu{sub_function, std::move(data)}};
}
Response GetCommEventCounterResponse(uint16_t status, uint16_t event_count) {
  return {fc::kGetCommEventCounter,
          CommEventCounterResponse{status, event_count}};
}
Response GetCommEventLogResponse(uint16_t status, uint16_t event_count,
                                 uint16_t message_count, Bytes events) {
  return {fc::kGetCommEventLog,
          CommEventLogResponse{status, event_count, message_count,
                               std::move(events)}};
}
Response ReportServerIdResponse(Bytes data) {
  return {fc::kReportServerId, ServerIdResponse{std::move(data)}};
}
Response ReadFileRecordResponse(std::vector<FileRecordData> records) {
  return {fc::kReadFileRecord, FileRecordReadResponse{std::move(records)}};
}
Response WriteFileRecordResponse(std::vector<FileRecordWrite> records) {
  return {fc::kWriteFileRecord, FileRecordWritePdu{std::move(records)}};
}
Response MaskWriteRegisterResponse(uint16_t address, uint16_t and_mask,
                                   uint16_t or_mask) {
  return {fc::kMaskWriteRegister, MaskWrite{address, and_mask, or_mask}};
}
Response ReadFifoQueueResponse(std::vector<uint16_t> registers) {
  return {fc::kReadFifoQueue, FifoResponse{std::move(registers)}};
}
Response ReadDeviceIdentificationResponse(DeviceIdResponse body) {
  return {fc::kEncapsulatedInterfaceTransport, std::move(body)};
}
Response EncapsulatedInterfaceTransportResponse(uint8_t mei_type, Bytes data) {
  return {fc::kEncapsulatedInterfaceTransport,
          MeiPdu{mei_type, std::move(data)}};
}
Response ExceptionResponse(uint8_t function, ExceptionCode code) {
  return {function, ExceptionBody{code}};
}

Result<Bytes> BuildRequestAdu(uint16_t transaction_id, uint8_t unit_id,
                              const Request& request) {
  MbapHeader mbap;
  mbap.transaction_id = transaction_id;
  mbap.unit_id = unit_id;
  return EncodeAdu(RequestAdu{mbap, request});
}

Result<Bytes> BuildResponseAdu(uint16_t transaction_id, uint8_t unit_id,
                               const Response& response) {
  MbapHeader mbap;
  mbap.transaction_id = transaction_id;
  mbap.unit_id = unit_id;
  return EncodeAdu(ResponseAdu{mbap, response});
}

}  // namespace protolm::modbus
