// Builders: one function per Modbus request and response, for the prober,
// the device simulator and tests.
//
// Each returns a typed Request or Response (pdu.h); BuildRequestAdu and
// BuildResponseAdu wrap one in an MBAP header and encode it. Builders take
// any value, including ones the specification forbids (quantity 0, read code
// 9), since probing a device means sending those too; CheckRequestRanges
// (range_check.h) says which rule such a request breaks. For bodies no
// builder makes (a coil value other than on/off, a function code with
// arbitrary bytes), fill a Request directly or use RawRequest. Pure and
// thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "proto/modbus/adu.h"
#include "proto/modbus/pdu.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::modbus {

// Requests.
Request ReadCoils(uint16_t address, uint16_t quantity);
Request ReadDiscreteInputs(uint16_t address, uint16_t quantity);
Request ReadHoldingRegisters(uint16_t address, uint16_t quantity);
Request ReadInputRegisters(uint16_t address, uint16_t quantity);
Request WriteSingleCoil(uint16_t address, bool on);
Request WriteSingleRegister(uint16_t address, uint16_t value);
Request ReadExceptionStatus();
Request Diagnostics(uint16_t sub_function, Bytes data);
Request GetCommEventCounter();
Request GetCommEventLog();
Request WriteMultipleCoils(uint16_t address, const std::vector<bool>& coils);
Request WriteMultipleRegisters(uint16_t address,
                               std::vector<uint16_t> registers);
Request ReportServerId();
Request ReadFileRecord(std::vector<FileRecordReference> references);
Request WriteFileRecord(std::vector<FileRecordWrite> records);
Request MaskWriteRegister(uint16_t address, uint16_t and_mask,
                          uint16_t or_mask);
Request ReadWriteMultipleRegisters(uint16_t read_address,
                                   uint16_t read_quantity,
                                   uint16_t write_address,
                                   std::vector<uint16_t> write_registers);
Request ReadFifoQueue(uint16_t address);
Request ReadDeviceIdentification(uint8_t read_code, uint8_t object_id);
/// Function 43 with any MEI type and data (13 = CANopen general reference).
Request EncapsulatedInterfaceTransport(uint8_t mei_type, Bytes data);
/// Any function code followed by arbitrary bytes.
Request RawRequest(uint8_t function, Bytes data);

// Responses. `function` picks among functions sharing a layout.
Response ReadBitsResponse(uint8_t function, const std::vector<bool>& bits);
Response ReadRegistersResponse(uint8_t function,
                               std::vector<uint16_t> registers);
Response WriteSingleResponse(uint8_t function, uint16_t address,
                             uint16_t value);
Response WriteMultipleResponse(uint8_t function, uint16_t address,
                               uint16_t quantity);
Response ReadExceptionStatusResponse(uint8_t outputs);
Response DiagnosticsResponse(uint16_t sub_function, Bytes data);
Response GetCommEventCounterResponse(uint16_t status, uint16_t event_count);
Response GetCommEventLogResponse(uint16_t status, uint16_t event_count,
                                 uint16_t message_count, Bytes events);
Response ReportServerIdResponse(Bytes data);
Response ReadFileRecordResponse(std::vector<FileRecordData> records);
Response WriteFileRecordResponse(std::vector<FileRecordWrite> records);
Response MaskWriteRegisterResponse(uint16_t address, uint16_t and_mask,
                                   uint16_t or_mask);
Response ReadFifoQueueResponse(std::vector<uint16_t> registers);
Response ReadDeviceIdentificationResponse(DeviceIdResponse body);
Response EncapsulatedInterfaceTransportResponse(uint8_t mei_type, Bytes data);
/// `function` without the exception bit (the encoder sets it).
Response ExceptionResponse(uint8_t function, ExceptionCode code);

/// The ADU bytes: MBAP (protocol id 0, length computed) and the PDU.
/// Errors: those of EncodeAdu (adu.h).
Result<Bytes> BuildRequestAdu(uint16_t transaction_id, uint8_t unit_id,
                              const Request& request);
Result<Bytes> BuildResponseAdu(uint16_t transaction_id, uint8_t unit_id,
                               const Response& response);

}  // namespace protolm::modbus
