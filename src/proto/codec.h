// The codec interface: what every protocol folder under src/proto/ provides.
//
// A codec knows one application protocol: where a PDU ends in a byte stream
// (Frame), where the next PDU may start after lost bytes (Resync), how to tell
// the protocol from a stream's first bytes (DetectScore), and what a PDU means
// (Dissect: a field tree plus the facts the pipeline needs to pair requests
// with responses). Codecs never throw and never read out of bounds: bad bytes
// give a non-ok status and, where possible, a partial tree locating the fault.
// Codecs are stateless and immutable, so one instance serves all threads.
// Message building lives in each protocol's own builder functions, since what
// can be built differs per protocol.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "proto/field_tree.h"
#include "util/bytes.h"
#include "util/direction.h"
#include "util/status.h"

namespace protolm {

const char* DirectionName(Direction d);  // "c2s" / "s2c"

/// What a framed unit is, as far as request/response pairing goes.
enum class PduRole : uint8_t {
  kRequest,   // asks the peer something (Modbus request, S7 job)
  kResponse,  // answers a request (Modbus response/exception, S7 ack_data)
  kEvent,     // neither: unsolicited or one-way (S7 userdata push, cyclic data)
  kControl,   // transport-level housekeeping, not an application PDU (COTP CR/CC/DR)
  kUnknown,   // could not tell (malformed)
};

const char* PduRoleName(PduRole r);  // "request", "response", ...

/// Where the next PDU ends in a stream of bytes.
struct FrameResult {
  enum class Kind : uint8_t {
    kFrame,     // a complete PDU of `length` bytes starts at offset 0
    kNeedMore,  // the PDU is not complete yet; `length` = total bytes needed
                // when known (else 0)
    kInvalid,   // the bytes at offset 0 cannot start a PDU of this protocol
  };
  Kind kind = Kind::kInvalid;
  size_t length = 0;

  static FrameResult Complete(size_t n) { return {Kind::kFrame, n}; }
  static FrameResult NeedMore(size_t n = 0) { return {Kind::kNeedMore, n}; }
  static FrameResult Invalid() { return {Kind::kInvalid, 0}; }
};

/// The facts about one PDU that the pipeline needs beyond its tree.
struct PduInfo {
  PduRole role = PduRole::kUnknown;
  /// Function in snake_case ("read_holding_registers", "read_var",
  /// "szl_read"); "unknown_fc_99"-style text for opaque ones; empty if none.
  std::string function;
  /// An error answer (Modbus exception response, S7 error class != 0).
  bool exception = false;
  /// Key shared by a request and its response within one session (Modbus:
  /// transaction id and unit id; S7: PDU reference). Absent: cannot be paired.
  std::optional<uint64_t> pair_key;
  /// Counts as an application PDU of the protocol (false for control units
  /// such as COTP connection requests or empty COTP data units).
  bool application_pdu = true;

  bool operator==(const PduInfo&) const = default;
};

/// What a PDU is and whether it is well-formed, without its field tree.
struct Inspection {
  PduInfo info;
  Status status;

  bool operator==(const Inspection&) const = default;
};

/// A dissected PDU. `status` is ok when the PDU is well-formed; otherwise it
/// names the first fault with its byte offset and `tree` holds what was read.
/// A message that was only inspected has an empty tree.
struct Dissection {
  Field tree;
  PduInfo info;
  Status status;
};

class Codec {
 public:
  virtual ~Codec() = default;

  /// Lower-case protocol name used on the command line ("modbus", "s7comm").
  virtual std::string_view name() const = 0;
  /// TCP ports the protocol is served on by default (502; 102).
  virtual std::span<const uint16_t> well_known_ports() const = 0;
  /// 0..100: how sure the codec is that a stream starting with these bytes
  /// (either direction) carries this protocol. 0 = certainly not.
  virtual int DetectScore(ByteView stream_start) const = 0;
  /// Frames the PDU at the start of `stream` (one direction of a connection).
  virtual FrameResult Frame(ByteView stream) const = 0;
  /// After lost bytes: the first offset in `stream` where a PDU plausibly
  /// starts (a header consistent enough to trust), or nullopt if none yet.
  virtual std::optional<size_t> Resync(ByteView stream) const = 0;
  /// Dissects one framed PDU travelling in direction `dir`.
  virtual Dissection Dissect(ByteView pdu, Direction dir) const = 0;
  /// Dissect's info and status without building the tree: the fast path of
  /// ingestion. Codecs override it when they can skip the tree; the result
  /// must equal Dissect's.
  virtual Inspection Inspect(ByteView pdu, Direction dir) const {
    Dissection d = Dissect(pdu, dir);
    return Inspection{std::move(d.info), std::move(d.status)};
  }
};

}  // namespace protolm
