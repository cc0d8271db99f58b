// STATUS: stable
// The Modbus/TCP behaviour of a simulated device: one request ADU in, the
// response ADU out, over DeviceState.
//
// Checks run in the order a real server applies them (spec section 7 and
// the per-function state diagrams of sections 6.x): MBAP protocol id (not
// Modbus: no answer, the connection is closed), unit id (per the profile's
// unknown_unit policy: answer, ignore, or exception 0x0B), function code
// (not in the profile's supported list or not modelled: 01), PDU structure
// (does not decode: 03), value and quantity ranges (CheckRequestRanges:
// 01/02/03), addresses outside the profile's tables (02), then the function
// itself. Read device identification (43/14) follows spec 6.21: conformity
// level from the objects present, stream access continuing with
// more-follows / next object id when the objects do not fit, restart at
// object 0 for an unknown start object, individual access answering 02 for
// an object the device lacks. Diagnostics counters are kept per device.
// Thread safety: none (the server's one thread).
#pragma once

#include <cstdint>
#include <optional>

#include "device/device_state.h"
#include "proto/modbus/pdu.h"
#include "util/bytes.h"

namespace protolm::device {

/// What to do with one request ADU.
struct ModbusOutcome {
  std::optional<Bytes> response;  // nullopt: send nothing
  bool close_connection = false;  // not Modbus at all
};

class ModbusDevice {
 public:
  /// `state` must outlive this object.
  explicit ModbusDevice(DeviceState& state) : state_(state) {}

  /// Handles one framed ADU (MBAP header + PDU as Frame delimited it).
  ModbusOutcome HandleAdu(ByteView adu);

  /// The response PDU to one decoded request for this device (no MBAP);
  /// exposed for tests and the metrics' expected answers.
  modbus::Response Execute(const modbus::Request& request);

 private:
  modbus::Response ReadBits(const modbus::Request& r);
  modbus::Response ReadRegisters(const modbus::Request& r);
  modbus::Response WriteSingle(const modbus::Request& r);
  modbus::Response WriteCoils(const modbus::Request& r);
  modbus::Response WriteRegisters(const modbus::Request& r);
  modbus::Response Diagnostics(const modbus::Request& r);
  modbus::Response FileRecords(const modbus::Request& r);
  modbus::Response MaskWrite(const modbus::Request& r);
  modbus::Response ReadWriteRegisters(const modbus::Request& r);
  modbus::Response ReadFifo(const modbus::Request& r);
  modbus::Response DeviceIdentification(const modbus::Request& r);
  bool Supported(uint8_t function) const;

  DeviceState& state_;
  uint16_t bus_message_count_ = 0;
  uint16_t bus_error_count_ = 0;
  uint16_t exception_count_ = 0;
  uint16_t server_message_count_ = 0;
  uint16_t no_response_count_ = 0;
  uint16_t event_count_ = 0;  // successful requests (comm event counter)
};

}  // namespace protolm::device
