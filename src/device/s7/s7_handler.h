// The S7comm side of a simulated PLC: the ProtocolHandler the device server
// runs on port 102 (ISO-on-TCP, RFC 1006).
//
// Each connection behaves as an S7-300 CPU's does:
//   - COTP: a connection request (CR, class 0) whose destination TSAP is one
//     of the profile's accepted TSAPs gets a connection confirm (CC) echoing
//     both TSAPs and the TPDU size (capped at 1024 bytes); any other CR gets
//     a disconnect request (DR, reason 0x02 "not attached to TSAP") and the
//     connection closes. Data (DT) before a CC, a second CR or a TPDU other
//     than DT/DR closes the connection; a DR is answered with a disconnect
//     confirm and the close.
//   - S7: the first PDU must be setup communication; the PLC answers
//     min(asked, profile max) PDU size and parallel-job counts. Read var and
//     write var work on DB, M, I, Q, T, C with byte and bit addressing and
//     per-item return codes (s7_memory_access.h); a request or answer larger
//     than the negotiated PDU gets ack_data error 0x85/0x00. Read SZL answers
//     from the profile (szl_directory.h), split into several userdata PDUs
//     when it exceeds the PDU size (the client fetches the rest with
//     continuation requests). Read/set clock, list blocks, PLC stop and the
//     PI service P_PROGRAM (restart) are served; other jobs get an ack with
//     error 0x81/0x04 (service not implemented), other userdata functions a
//     userdata error 0x8104. A PDU the S7 decoder rejects closes the
//     connection.
// The CPU's run mode, clock offset and SZL lists are shared by all
// connections of one handler; like every handler it runs on the server's
// single thread.
#pragma once

#include <memory>

#include <string_view>

#include "device/device_server.h"
#include "device/device_state.h"
#include "device/profile.h"
#include "device/protocol_handler.h"
#include "util/status.h"

namespace protolm::device::s7 {

/// The S7 handler for `profile` on `state` (a HandlerFactory; pass it as
/// ServeOptions::s7_handler). Errors: InvalidArgument when the profile does
/// not enable S7.
Result<std::unique_ptr<net::ProtocolHandler>> MakeS7Handler(
    const DeviceProfile& profile, DeviceState& state);

/// `base` changed to serve only `protocol` of a profile: "modbus" (S7 off)
/// or "s7comm" (with this handler, Modbus off), on the port `base` gives it
/// (ephemeral by default); any other name serves nothing.
ServeOptions ServeOnly(std::string_view protocol, ServeOptions base = {});

}  // namespace protolm::device::s7
