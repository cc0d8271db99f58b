// The response validity check behind RVA for S7comm over ISO-on-TCP: does a
// response (real or predicted) answer its request the way an S7 PLC must?
//
// Both messages are framed units as on the wire (TPKT, COTP, S7 PDU). The
// response must decode without a fault, which checks the TPKT and COTP
// lengths, the S7 parameter and data lengths, item counts against the items
// present and data item lengths against their transport sizes. Then it must
// answer its request: a COTP connect request gets a connect confirm (or a
// disconnect) for its source reference; an S7 job gets an ack_data (or an
// ack refusing it) with the same PDU reference and function; setup
// communication negotiates no more than was asked; a read var answers every
// requested item, with a value of the requested size on success and no value
// on failure; a write var returns one known return code per item; an SZL read
// echoes the list id and index, holds all the records it announces, and
// carries an error code exactly when it has no data. Pure and thread-safe.
//
// With the device's memory areas known (S7Rules), the return code of every
// read or write item of a DB, M, I or Q area must also be the one due: 0x0a
// for a data block the device lacks, 0x05 for an access past the area's end
// (or a bit offset on a byte access), success otherwise. Other items (timers,
// counters, peripheral I/O, data type faults) accept any known code.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "proto/s7comm/s7_pdu.h"
#include "proto/s7comm/s7_request.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::s7comm {

/// One memory area of the device: `size` bytes of `area` (`db` for data
/// blocks).
struct S7AreaSize {
  s7comm::Area area = s7comm::Area::kDataBlock;
  uint16_t db = 0;
  uint32_t size = 0;
};

struct S7Rules {
  /// False: the device's areas are unknown, item return codes are not judged.
  bool device_known = false;
  std::vector<S7AreaSize> areas;
  /// Answers that do not depend on the PLC's state (connection confirm,
  /// setup, SZL reads), by request (s7_identity_answers.h keys): learned
  /// by a clone for its grammar; the validator ignores them.
  std::map<Bytes, Bytes> identity_answers;
};

/// The return code a read or write item deserves under `rules`, when they
/// can tell (a DB, M, I or Q item of a device whose areas are known).
std::optional<uint8_t> DueS7ReturnCode(const s7comm::VarItem& item,
                                       const S7Rules& rules);

/// Ok when `response` is a valid answer to `request`; otherwise a Malformed
/// status with one line naming the first fault ("s7comm: read var answers 1
/// items where the request asked for 2").
Status ValidateS7Response(const S7Request& request, ByteView response,
                          const S7Rules& rules = {});
/// The same for a request not yet decoded.
inline Status ValidateS7Response(ByteView request, ByteView response,
                                 const S7Rules& rules = {}) {
  return ValidateS7Response(S7Request(request), response, rules);
}

}  // namespace protolm::s7comm
