// The answers by which an S7 PLC is identified, learned from a probe so that
// a clone repeats them byte for byte: its connection confirm (COTP CC), its
// communication setup, and its userdata answers (SZL reads: module and
// component identification, ...) — each kept when the PLC gave it
// identically every time it was asked.
//
// Requests and answers are compared as framed units without what the client
// picks per request: the PDU reference of S7 PDUs, the source reference of a
// connection request (the confirm's destination reference; the confirm's source
// reference, which the PLC picks per connection, too), and the data unit
// reference of a userdata answer in parts, which the PLC numbers per
// connection. A kept answer is sent back with the asking request's reference;
// S7DataUnitNumbering numbers the parts as the PLC does. Answers that vary (the
// clock, a mode that changed during the probe) are not kept. Used by the S7
// response grammar (s7_response_constraint.h) through s7comm::S7Rules. The
// functions are pure and thread-safe.
#pragma once

#include <span>

#include <cstdint>

#include <map>
#include <optional>
#include <vector>

#include "proto/protocol.h"
#include "util/byte_exchange.h"
#include "util/bytes.h"

namespace protolm::s7comm {

/// A connection request, setup communication or userdata request with its
/// reference zeroed; nullopt for any other request.
std::optional<Bytes> S7IdentityKey(ByteView request);

/// `answer` (framed, as the PLC sent it to an equal request) with the
/// reference of `request` (PDU reference; a confirm's destination
/// reference); nullopt when the two do not pair.
std::optional<Bytes> S7AnswerTo(ByteView request, ByteView answer);

/// Key (S7IdentityKey) -> the answer the PLC gave, for every such request it
/// answered identically (up to the references) each time.
std::map<Bytes, Bytes> LearnS7IdentityAnswers(
    std::span<const ByteExchange> exchanges);

/// The data unit references of one connection's userdata answers in parts:
/// an answer that says more parts follow gets the connection's next
/// reference (1, 2, ..., 255, 1, ...), as an S7 CPU numbers them; other
/// responses pass unchanged. One per session; not thread-safe.
class S7DataUnitNumbering final : public ConnectionNumbering {
 public:
  Bytes Number(ByteView answer) override;

 private:
  uint8_t last_ = 0;
};

}  // namespace protolm::s7comm
