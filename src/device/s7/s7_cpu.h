// The S7 layer of a simulated S7-300 CPU: answers to S7comm PDUs once the
// COTP connection stands (the COTP part is in s7_session.cc).
//
// S7Cpu holds what all connections of a device share: the device memory,
// the SZL lists with the run mode, the clock offset a client set. A
// connection's own S7 state (negotiated PDU size, the rest of an SZL answer
// the client is fetching in parts) is an S7Connection. Answer() gives the
// PDU to send, nothing, or "close the connection"; the behaviour it models
// is described in s7_handler.h. Not thread-safe: the server's one thread
// uses it.
#pragma once

#include <cstdint>
#include <optional>

#include "device/device_state.h"
#include "device/profile.h"
#include "device/s7/szl_directory.h"
#include "proto/s7comm/s7_pdu.h"
#include "util/bytes.h"

namespace protolm::device::s7 {

/// Per-connection S7 state.
struct S7Connection {
  /// Negotiated PDU size; 0 until setup communication.
  uint16_t pdu_size = 0;
  /// The part of an SZL answer not sent yet (continuation requests fetch it).
  struct PendingSzl {
    uint8_t data_unit_ref = 0;
    Bytes rest;
  };
  std::optional<PendingSzl> pending_szl;
  uint8_t next_data_unit_ref = 0;
};

/// What to do with one request.
struct CpuReply {
  enum class Kind { kSend, kNothing, kClose };
  Kind kind = Kind::kNothing;
  s7comm::S7Pdu pdu;  // kSend only
};

class S7Cpu {
 public:
  /// `state` must outlive the S7Cpu.
  S7Cpu(const DeviceProfile& profile, DeviceState& state);

  /// The answer to `request` (a decoded S7comm PDU) on `connection`;
  /// `request_size` is its encoded size (checked against the PDU size).
  CpuReply Answer(const s7comm::S7Pdu& request, size_t request_size,
                  S7Connection& connection);

  const S7Profile& profile() const { return profile_; }
  /// A fresh COTP source reference for a connection confirm.
  uint16_t NextConnectionRef();

 private:
  CpuReply SetupCommunication(const s7comm::S7Pdu& request,
                              const s7comm::SetupCommunication& asked,
                              S7Connection& connection);
  CpuReply ReadVar(const s7comm::S7Pdu& request,
                   const s7comm::ReadVarRequest& read,
                   const S7Connection& connection);
  CpuReply WriteVar(const s7comm::S7Pdu& request,
                    const s7comm::WriteVarRequest& write);
  CpuReply OtherJob(const s7comm::S7Pdu& request,
                    const s7comm::OpaqueBody& body);
  CpuReply Userdata(const s7comm::S7Pdu& request, const s7comm::Userdata& u,
                    S7Connection& connection);
  CpuReply ReadSzl(const s7comm::S7Pdu& request, const s7comm::Userdata& u,
                   S7Connection& connection);
  s7comm::UserdataData ClockData() const;
  s7comm::UserdataData BlockCounts() const;

  S7Profile profile_;
  DeviceState& state_;
  SzlDirectory szl_;
  double clock_offset_seconds_ = 0;
  uint16_t next_connection_ref_ = 3;
};

}  // namespace protolm::device::s7
